import { useTranslation } from "react-i18next";
import { data, Form, Link } from "react-router";
import { z } from "zod";
import { LinkedPanel } from "#app/components/linked-panel.tsx";
import { TextAreaField } from "#app/components/ui/field.tsx";
import { FormRefusal, Notice } from "#app/components/ui/notice.tsx";
import { PageHeader } from "#app/components/ui/page-header.tsx";
import { SubmitButton } from "#app/components/ui/submit-button.tsx";
import { requirePermission } from "#app/auth/guards.server.ts";
import { can } from "#app/auth/permissions.server.ts";
import {
  changeAnalysisResource,
  concludeChangeAnalysis,
  getChangeAnalysis,
} from "#app/models/change-analyses.server.ts";
import { refusalAsFormError } from "#app/models/errors.ts";
import { linkedTo } from "#app/models/links.server.ts";
import { linkFormIntent } from "#app/routes/links/link-form.server.ts";
import { formatDate } from "#app/utils/dates.ts";
import { parseForm, text, type FieldErrors } from "#app/utils/forms.ts";
import type { Route } from "./+types/change-analysis";

function analysisOr404(context: Route.LoaderArgs["context"], id: string) {
  const analysis = getChangeAnalysis(context.db, id);
  if (!analysis) throw data({ reason: "notFound" }, { status: 404 });
  return analysis;
}

export function loader({ request, params, context }: Route.LoaderArgs) {
  const analysis = analysisOr404(context, params.id);
  const { user } = requirePermission(request, context, "read", changeAnalysisResource(analysis));
  const linked = linkedTo(context.db, user, { kind: "change_analysis", id: analysis.id });
  return {
    analysis: { ...analysis, concludedAt: analysis.concludedAt?.toISOString() ?? null },
    linked,
    risksFound: linked.filter((l) => l.kind === "risk").length,
    canEdit: can(user, "edit", changeAnalysisResource(analysis)),
    canLink: can(user, "edit", { type: "links" }),
    canAddRisk: can(user, "create", { type: "risks" }) && can(user, "edit", { type: "links" }),
  };
}

const concludeSchema = z.object({ conclusion: text(4000) });

export async function action({
  request,
  params,
  context,
}: Route.ActionArgs): Promise<{ intent: string; errors: FieldErrors; done?: boolean }> {
  const analysis = analysisOr404(context, params.id);
  requirePermission(request, context, "read", changeAnalysisResource(analysis));
  // Linking and concluding are for those who keep the system; readers send nothing here.
  const { user } = requirePermission(request, context, "edit", { type: "links" });
  const form = await request.formData();
  const linking = linkFormIntent(context.db, user, { kind: "change_analysis", id: analysis.id }, form);
  if (linking) return { intent: "link", ...linking };
  const parsed = parseForm(concludeSchema, form);
  if (!parsed.ok) return { intent: "conclude", errors: parsed.errors };
  try {
    concludeChangeAnalysis(context.db, user, analysis.id, parsed.data.conclusion);
  } catch (error) {
    return { intent: "conclude", errors: refusalAsFormError(error) };
  }
  return { intent: "conclude", errors: {}, done: true };
}

export default function ChangeAnalysisPage({ loaderData, actionData }: Route.ComponentProps) {
  const { t, i18n } = useTranslation();
  const { analysis: a } = loaderData;
  const concluding = actionData?.intent === "conclude" ? actionData : undefined;
  const linkErrors = actionData?.intent === "link" ? actionData.errors : undefined;
  return (
    <>
      <PageHeader title={`Ä${a.number}. ${a.title}`}>
        <Link to="/risker/andringar" className="button button-ghost">
          {t("admin.back")}
        </Link>
      </PageHeader>
      <p className="document-meta">
        <span className="badge badge-neutral">{t(`changeKinds.${a.kind}`)}</span>{" "}
        <span className={`badge ${a.concludedAt ? "badge-current" : "badge-draft"}`}>
          {t(a.concludedAt ? "links.status.change_concluded" : "links.status.change_open")}
        </span>{" "}
        {a.ownerName} · {a.unitName ?? t("documents.wholeOrganisation")} ·{" "}
        {t("changes.plannedOnShort", { date: formatDate(a.plannedOn, i18n.language) })}
      </p>
      <FormRefusal errors={concluding?.errors} />
      {concluding?.done ? <Notice tone="success">{t("changes.concludedNotice")}</Notice> : null}
      <section className="card">
        <dl className="facts">
          <dt>{t("changes.description")}</dt>
          <dd className="pre-line">{a.description}</dd>
          <dt>{t("changes.participants")}</dt>
          <dd className="pre-line">{a.participants}</dd>
          {a.conclusion ? (
            <>
              <dt>{t("changes.conclusion")}</dt>
              <dd className="pre-line">
                {a.conclusion}
                <span className="muted"> · {formatDate(a.concludedAt!, i18n.language)}</span>
              </dd>
            </>
          ) : null}
        </dl>
      </section>
      <LinkedPanel
        self={{ kind: "change_analysis", id: a.id }}
        items={loaderData.linked}
        canLink={loaderData.canLink}
        error={linkErrors?.form ?? linkErrors?.target}
      >
        <p className="muted">{t("changes.risksFound", { count: loaderData.risksFound })}</p>
        {loaderData.canAddRisk && !a.concludedAt ? (
          <p>
            <Link to={`/risker/ny?fran=change_analysis:${a.id}`} className="button button-secondary">
              {t("changes.newRisk")}
            </Link>
          </p>
        ) : null}
      </LinkedPanel>
      {loaderData.canEdit && !a.concludedAt ? (
        <section className="card" aria-labelledby="conclude-heading">
          <h2 id="conclude-heading">{t("changes.conclude")}</h2>
          <Form method="post" className="form-grid" noValidate>
            <TextAreaField
              label={t("changes.conclusion")}
              hint={t("changes.conclusionHint")}
              name="conclusion"
              maxLength={4000}
              error={concluding?.errors.conclusion}
            />
            <div className="form-actions">
              <SubmitButton>{t("changes.conclude")}</SubmitButton>
            </div>
          </Form>
        </section>
      ) : null}
    </>
  );
}
