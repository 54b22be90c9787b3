import { useTranslation } from "react-i18next";
import { data, Form, Link } from "react-router";
import { z } from "zod";
import { AssessmentFields, assessmentSchema, assessmentsOf } from "#app/components/risk-fields.tsx";
import { TextField } from "#app/components/ui/field.tsx";
import { LinkedPanel } from "#app/components/linked-panel.tsx";
import { FormRefusal, Notice } from "#app/components/ui/notice.tsx";
import { PageHeader } from "#app/components/ui/page-header.tsx";
import { SubmitButton } from "#app/components/ui/submit-button.tsx";
import { requirePermission } from "#app/auth/guards.server.ts";
import { can } from "#app/auth/permissions.server.ts";
import { refusalAsFormError } from "#app/models/errors.ts";
import { linkedTo } from "#app/models/links.server.ts";
import { linkFormIntent } from "#app/routes/links/link-form.server.ts";
import { levelOf, scoreOf, trendOf } from "#app/models/risk-scoring.ts";
import { getRisk, reassessRisk, riskHistory, riskResource, riskScale } from "#app/models/risks.server.ts";
import { once } from "#app/models/submissions.server.ts";
import { formatDate } from "#app/utils/dates.ts";
import { parseForm, type FieldErrors } from "#app/utils/forms.ts";
import type { Route } from "./+types/risk";

function riskOr404(context: Route.LoaderArgs["context"], id: string) {
  const risk = getRisk(context.db, id);
  if (!risk) throw data({ reason: "notFound" }, { status: 404 });
  return risk;
}

export function loader({ request, params, context }: Route.LoaderArgs) {
  const risk = riskOr404(context, params.id);
  const { user } = requirePermission(request, context, "read", riskResource(risk));
  const scale = riskScale(context.db, user.locale);
  const history = riskHistory(context.db, risk.id);
  const level = (a: { likelihood: number; consequence: number }) => ({ score: scoreOf(a), level: levelOf(scale, a) });
  return {
    risk,
    scale,
    inherent: level(risk.inherent),
    residual: level(risk.residual),
    trend: trendOf(history.map((h) => h.residual)),
    history: history.map((h) => ({
      ...h,
      at: h.at.toISOString(),
      residualScore: scoreOf(h.residual),
      inherentScore: scoreOf(h.inherent),
    })),
    linked: linkedTo(context.db, user, { kind: "risk", id: risk.id }),
    canEdit: can(user, "edit", riskResource(risk)),
    canLink: can(user, "edit", { type: "links" }),
    canAct: can(user, "create", { type: "actions" }) && can(user, "edit", { type: "links" }),
  };
}

const reassessSchema = z.object({
  ...assessmentSchema,
  nextReviewOn: z.iso.date("validation.invalidDate"),
  comment: z.string().trim().max(2000, "validation.tooLong"),
});

export async function action({
  request,
  params,
  context,
}: Route.ActionArgs): Promise<{ intent: string; errors: FieldErrors; done?: boolean }> {
  const risk = riskOr404(context, params.id);
  const { user } = requirePermission(request, context, "read", riskResource(risk));
  const form = await request.formData();
  const linking = linkFormIntent(context.db, user, { kind: "risk", id: risk.id }, form);
  if (linking) return { intent: "link", ...linking };
  if (!can(user, "edit", riskResource(risk))) throw data({ reason: "forbidden" }, { status: 403 });
  const intent = "reassess";
  const parsed = parseForm(reassessSchema, form);
  if (!parsed.ok) return { intent, errors: parsed.errors };
  try {
    once(context.db, user.id, form, () =>
      reassessRisk(context.db, user, risk.id, { ...assessmentsOf(parsed.data), ...parsed.data }),
    );
  } catch (error) {
    return { intent, errors: refusalAsFormError(error) };
  }
  return { intent, errors: {}, done: true };
}

export default function RiskPage({ loaderData, actionData }: Route.ComponentProps) {
  const { t, i18n } = useTranslation();
  const { risk, scale } = loaderData;
  const linkError = actionData?.intent === "link" ? actionData.errors : undefined;
  const assessment = actionData?.intent === "reassess" ? actionData : undefined;
  const label = (a: { likelihood: number; consequence: number }) =>
    `${scale.likelihood[a.likelihood - 1]} × ${scale.consequence[a.consequence - 1]}`;
  return (
    <>
      <PageHeader title={`R${risk.number}. ${risk.title}`}>
        <Link to="/risker" className="button button-ghost">
          {t("admin.back")}
        </Link>
      </PageHeader>
      <p className="document-meta">
        <span className="badge badge-neutral">{t(`riskKinds.${risk.kind}`)}</span>{" "}
        {t(`riskCategories.${risk.category}`)} · {risk.ownerName} · {risk.unitName ?? t("documents.wholeOrganisation")}{" "}
        · {t(`riskTreatments.${risk.treatment}`)}
      </p>
      <FormRefusal errors={assessment?.errors} />
      {assessment?.done ? <Notice tone="success">{t("admin.saved")}</Notice> : null}
      <section className="card">
        <dl className="facts">
          <dt>{t("risks.inherent")}</dt>
          <dd>
            <span className={`badge level-${loaderData.inherent.level}`}>
              {loaderData.inherent.score} · {t(`risks.levels.${loaderData.inherent.level}`)}
            </span>{" "}
            {label(risk.inherent)}
          </dd>
          <dt>{t("risks.residual")}</dt>
          <dd>
            <span className={`badge level-${loaderData.residual.level}`}>
              {loaderData.residual.score} · {t(`risks.levels.${loaderData.residual.level}`)}
            </span>{" "}
            {label(risk.residual)}
            {loaderData.trend ? <span className="muted"> · {t(`risks.trend.${loaderData.trend}`)}</span> : null}
          </dd>
          <dt>{t("risks.cause")}</dt>
          <dd>{risk.cause}</dd>
          <dt>{t("risks.consequenceText")}</dt>
          <dd>{risk.consequenceText}</dd>
          <dt>{t("risks.nextReview")}</dt>
          <dd>{formatDate(risk.nextReviewOn, i18n.language)}</dd>
        </dl>
      </section>
      <LinkedPanel
        self={{ kind: "risk", id: risk.id }}
        items={loaderData.linked}
        canLink={loaderData.canLink}
        error={linkError?.form ?? linkError?.target}
      >
        {loaderData.canAct ? (
          <p>
            <Link to={`/atgarder/ny?fran=risk:${risk.id}`} className="button button-secondary">
              {t("risks.newAction")}
            </Link>
          </p>
        ) : null}
      </LinkedPanel>
      {loaderData.canEdit ? (
        <details className="card details-panel" open={Boolean(assessment && !assessment.done)}>
          <summary>{t("risks.reassess")}</summary>
          <Form method="post" className="form-grid" noValidate>
            <AssessmentFields scale={scale} defaults={risk} errors={assessment?.errors} />
            <TextField
              label={t("risks.nextReview")}
              name="nextReviewOn"
              type="date"
              defaultValue={risk.nextReviewOn}
              error={assessment?.errors.nextReviewOn}
            />
            <TextField label={t("risks.reassessComment")} name="comment" optional maxLength={2000} />
            <div className="form-actions">
              <SubmitButton>{t("risks.saveAssessment")}</SubmitButton>
            </div>
          </Form>
        </details>
      ) : null}
      <section className="card" aria-labelledby="history-heading">
        <h2 id="history-heading">{t("risks.historyTitle")}</h2>
        <ol className="plain-list history">
          {loaderData.history.map((h, i) => (
            <li key={i}>
              <time dateTime={h.at}>{formatDate(h.at, i18n.language)}</time> · {h.actorName}:{" "}
              {t("risks.historyLine", { inherent: h.inherentScore, residual: h.residualScore })}
              {h.comment ? <span className="muted"> — “{h.comment}”</span> : null}
            </li>
          ))}
        </ol>
      </section>
    </>
  );
}
