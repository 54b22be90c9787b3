import { useTranslation } from "react-i18next";
import { data, Form, Link } from "react-router";
import { z } from "zod";
import { ChangeHistory } from "#app/components/change-history.tsx";
import {
  AssessmentFields,
  assessmentSchema,
  assessmentsOf,
  RiskDetailFields,
  riskDetailsSchema,
} from "#app/components/risk-fields.tsx";
import { TextAreaField, TextField } from "#app/components/ui/field.tsx";
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
import { itemHistory } from "#app/models/item-history.server.ts";
import {
  getRisk,
  reassessRisk,
  retireRisk,
  riskHistory,
  riskResource,
  riskScale,
  updateRiskDetails,
} from "#app/models/risks.server.ts";
import { unitTree } from "#app/models/units.server.ts";
import { listPeople, listUsers } from "#app/models/users.server.ts";
import { once } from "#app/models/submissions.server.ts";
import { formatDate } from "#app/utils/dates.ts";
import { formText, parseForm, type FieldErrors } from "#app/utils/forms.ts";
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
    changes: itemHistory(context.db, "risk", risk.id, ["title", "cause", "consequenceText"]).map((e) => ({
      ...e,
      at: e.at.toISOString(),
    })),
    // Names for the people and units a change refers to by id, whoever they are now.
    names: Object.fromEntries([
      ...listUsers(context.db).map((p) => [p.id, p.name]),
      ...unitTree(context.db).map((u) => [u.id, u.name]),
    ]) as Record<string, string>,
    people: listPeople(context.db),
    units: unitTree(context.db),
    retired: risk.retiredAt ? { at: risk.retiredAt.toISOString(), reason: risk.retiredReason ?? "" } : null,
    // A closed risk is kept as it closed.
    canEdit: can(user, "edit", riskResource(risk)) && !risk.retiredAt,
    canLink: can(user, "edit", { type: "links" }),
    canAct: can(user, "create", { type: "actions" }) && can(user, "edit", { type: "links" }) && !risk.retiredAt,
  };
}

const detailsSchema = z.object(riskDetailsSchema);

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
  const intent = String(form.get("intent") ?? "reassess");
  try {
    if (intent === "edit") {
      const parsed = parseForm(detailsSchema, form);
      if (!parsed.ok) return { intent, errors: parsed.errors };
      updateRiskDetails(context.db, user, risk.id, parsed.data);
    } else if (intent === "retire") {
      retireRisk(context.db, user, risk.id, formText(form, "reason", 2000));
    } else {
      const parsed = parseForm(reassessSchema, form);
      if (!parsed.ok) return { intent, errors: parsed.errors };
      once(context.db, user.id, form, () =>
        reassessRisk(context.db, user, risk.id, { ...assessmentsOf(parsed.data), ...parsed.data }),
      );
    }
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
  const editing = actionData?.intent === "edit" ? actionData : undefined;
  const retiring = actionData?.intent === "retire" ? actionData : undefined;
  const { names } = loaderData;
  const fieldLabel = (field: string) =>
    field === "unitId"
      ? t("documents.unit")
      : field === "ownerId"
        ? t("risks.owner")
        : field === "status"
          ? t("history.status")
          : t(`risks.${field}` as "risks.title");
  const valueText = (field: string, value: string | null) => {
    if (value === null) return field === "unitId" ? t("documents.wholeOrganisation") : "–";
    if (field === "ownerId" || field === "unitId") return names[value] ?? "–";
    if (field === "kind") return t(`riskKinds.${value}` as "riskKinds.risk");
    if (field === "category") return t(`riskCategories.${value}` as "riskCategories.quality");
    if (field === "treatment") return t(`riskTreatments.${value}` as "riskTreatments.reduce");
    if (field === "status") return t(`history.${value}` as "history.open");
    return value;
  };
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
      {loaderData.retired ? (
        <Notice tone="info">
          <span className="badge badge-inactive">{t("risks.retiredBadge")}</span>{" "}
          {t("risks.retiredNotice", {
            date: formatDate(loaderData.retired.at, i18n.language),
            reason: loaderData.retired.reason,
          })}
        </Notice>
      ) : null}
      <FormRefusal errors={assessment?.errors ?? editing?.errors ?? retiring?.errors} />
      {assessment?.done || editing?.done || retiring?.done ? <Notice tone="success">{t("admin.saved")}</Notice> : null}
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
              <SubmitButton name="intent" value="reassess">
                {t("risks.saveAssessment")}
              </SubmitButton>
            </div>
          </Form>
        </details>
      ) : null}
      {loaderData.canEdit ? (
        <details className="card details-panel" open={Boolean(editing && !editing.done)}>
          <summary>{t("risks.edit")}</summary>
          <Form method="post" className="form-grid" noValidate>
            <RiskDetailFields
              people={loaderData.people}
              units={loaderData.units}
              defaults={risk}
              errors={editing?.errors}
            />
            <div className="form-actions">
              <SubmitButton name="intent" value="edit">
                {t("risks.saveDetails")}
              </SubmitButton>
            </div>
          </Form>
        </details>
      ) : null}
      {loaderData.canEdit ? (
        <details className="card details-panel" open={Boolean(retiring && !retiring.done)}>
          <summary>{t("risks.retire")}</summary>
          <Form method="post" className="form-grid" noValidate>
            <TextAreaField
              label={t("risks.retireReason")}
              hint={t("risks.retireHint")}
              name="reason"
              maxLength={2000}
            />
            <div className="form-actions">
              <SubmitButton name="intent" value="retire" className="button button-danger">
                {t("risks.retireSubmit")}
              </SubmitButton>
            </div>
          </Form>
        </details>
      ) : null}
      <section className="card" aria-labelledby="changes-heading">
        <h2 id="changes-heading">{t("risks.changesTitle")}</h2>
        <ChangeHistory entries={loaderData.changes} fieldLabel={fieldLabel} valueText={valueText} />
      </section>
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
