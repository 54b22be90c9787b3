import { useTranslation } from "react-i18next";
import { data, Form, Link, redirect } from "react-router";
import { z } from "zod";
import { SelectField, TextAreaField, TextField } from "#app/components/ui/field.tsx";
import { FormRefusal, Notice } from "#app/components/ui/notice.tsx";
import { PageHeader } from "#app/components/ui/page-header.tsx";
import { SubmitButton } from "#app/components/ui/submit-button.tsx";
import { ItemStatus } from "#app/components/item-status.tsx";
import { requirePermission } from "#app/auth/guards.server.ts";
import { can } from "#app/auth/permissions.server.ts";
import { isNonconformity } from "#app/models/audit-rules.ts";
import {
  addFinding,
  answerFinding,
  closeFinding,
  findingsOf,
  reopenFinding,
  returnFinding,
} from "#app/models/audit-findings.server.ts";
import { auditPeople, auditResource, getAudit, startReport } from "#app/models/audits.server.ts";
import { refusalAsFormError } from "#app/models/errors.ts";
import { linkedTo } from "#app/models/links.server.ts";
import { translator } from "#app/i18n/translator.server.ts";
import { formatDate } from "#app/utils/dates.ts";
import { formText, parseForm, text, type FieldErrors } from "#app/utils/forms.ts";
import { findingKinds } from "#app/domain/values.ts";
import type { Route } from "./+types/audit";
import { personOptions } from "#app/components/person-options.ts";
import { once } from "#app/models/submissions.server.ts";

function auditOr404(context: Route.LoaderArgs["context"], id: string) {
  const audit = getAudit(context.db, id);
  if (!audit) throw data({ reason: "notFound" }, { status: 404 });
  return audit;
}

export function loader({ request, params, context }: Route.LoaderArgs) {
  const { user } = requirePermission(request, context, "view", { type: "audits" });
  const audit = auditOr404(context, params.id);
  const canEdit = can(user, "edit", auditResource(audit));
  return {
    audit,
    findings: findingsOf(context.db, audit.id).map((f) => ({
      ...f,
      closedAt: f.closedAt?.toISOString() ?? null,
      actions: linkedTo(context.db, user, { kind: "finding", id: f.id }).filter((l) => l.kind === "action"),
      canAnswer: can(user, "handle", { type: "finding", responsibleId: f.responsibleId }),
    })),
    canEdit,
    isLead: can(user, "approve", auditResource(audit)),
    canAddAction: can(user, "create", { type: "actions" }),
    people: canEdit ? auditPeople(context.db) : [],
  };
}

const findingSchema = z.object({
  kind: z.enum(findingKinds, "validation.invalidChoice"),
  title: text(200),
  requirement: text(500),
  evidence: text(4000),
  responsibleId: z.string().min(1, "validation.required").max(40),
});

export async function action({ request, params, context }: Route.ActionArgs) {
  const { user } = requirePermission(request, context, "view", { type: "audits" });
  const audit = auditOr404(context, params.id);
  const form = await request.formData();
  const intent = String(form.get("intent"));
  const findingId = formText(form, "findingId", 40);
  const note = formText(form, "note", 2000);
  try {
    switch (intent) {
      case "report": {
        const t = translator(user.locale);
        once(context.db, user.id, form, () =>
          startReport(context.db, user, audit.id, {
            title: t("audits.reportTitle"),
            headings: {
              scope: t("audits.report.scope"),
              criteria: t("audits.report.criteria"),
              method: t("audits.report.method"),
              people: t("audits.report.people"),
              strengths: t("audits.report.strengths"),
              findings: t("audits.report.findings"),
              conclusion: t("audits.report.conclusion"),
            },
          }),
        );
        break;
      }
      case "finding": {
        const parsed = parseForm(findingSchema, form);
        if (!parsed.ok) return { intent, findingId, errors: parsed.errors };
        once(context.db, user.id, form, () => addFinding(context.db, user, audit.id, parsed.data));
        break;
      }
      case "answer":
        answerFinding(context.db, user, findingId, formText(form, "rootCause"));
        break;
      case "return":
        returnFinding(context.db, user, findingId, note);
        break;
      case "close":
        closeFinding(context.db, user, findingId, note);
        break;
      case "reopen":
        reopenFinding(context.db, user, findingId, note);
        break;
      default:
        throw data({ reason: "badRequest" }, { status: 400 });
    }
  } catch (error) {
    return { intent, findingId, errors: refusalAsFormError(error) as FieldErrors };
  }
  throw redirect(`/revision/granskningar/${audit.id}${findingId ? `#finding-${findingId}` : ""}`);
}

/** One audit: its plan, its co-written report, and its findings followed until closed. */
export default function AuditPage({ loaderData, actionData }: Route.ComponentProps) {
  const { t, i18n } = useTranslation();
  const { audit: a } = loaderData;
  const errorFor = (intent: string, findingId = "") =>
    actionData?.intent === intent && actionData.findingId === findingId ? actionData.errors : undefined;
  const adding = errorFor("finding");
  return (
    <>
      <PageHeader title={`${a.number}. ${a.title}`}>
        <Link to={`/revision?ar=${a.plannedOn.slice(0, 4)}`} className="button button-ghost">
          {t("admin.back")}
        </Link>
      </PageHeader>
      <p className="document-meta">
        <span className={`badge audit-${a.status}`}>{t(`audits.status.${a.status}`)}</span>{" "}
        {formatDate(a.plannedOn, i18n.language)} · {t("audits.leadIs", { name: a.leadAuditorName })}
        {a.teamNames.length > 0 ? ` · ${t("audits.teamIs", { names: a.teamNames.join(", ") })}` : ""}
      </p>
      {a.conflicts.length > 0 ? (
        <Notice tone="error">{t("audits.independenceWarning", { names: a.conflicts.join(", ") })}</Notice>
      ) : null}
      <section className="card">
        <dl className="facts">
          <dt>{t("audits.scope")}</dt>
          <dd>
            {[
              a.processTitle,
              a.unitName,
              ...a.clauses.map((c) => `ISO 9001 ${c}`),
              ...a.areas.map((x) => t(`areas.${x}`)),
            ]
              .filter(Boolean)
              .join(" · ")}
          </dd>
          <dt>{t("audits.criteria")}</dt>
          <dd className="pre-line">{a.criteria}</dd>
          <dt>{t("audits.method")}</dt>
          <dd className="pre-line">{a.method}</dd>
        </dl>
      </section>
      <section className="card" aria-labelledby="report-heading">
        <h2 id="report-heading">{t("audits.reportHeading")}</h2>
        {errorFor("report")?.form ? (
          <Notice tone="error">{t(errorFor("report")!.form!.key as "errors.unit.notFound")}</Notice>
        ) : null}
        {a.reportDocumentId ? (
          <p>
            <Link to={`/dokument/${a.reportDocumentId}`} className="button button-secondary">
              {t("audits.openReport")}
            </Link>{" "}
            <span className="muted">{t("audits.reportHint")}</span>
          </p>
        ) : loaderData.canEdit ? (
          <Form method="post">
            <p className="muted">{t("audits.startReportHint")}</p>
            <SubmitButton name="intent" value="report">
              {t("audits.startReport")}
            </SubmitButton>
          </Form>
        ) : (
          <p className="muted">{t("audits.noReport")}</p>
        )}
      </section>
      <section className="card" aria-labelledby="findings-heading">
        <h2 id="findings-heading">{t("audits.findings")}</h2>
        {loaderData.findings.length === 0 ? <p className="muted">{t("audits.noFindings")}</p> : null}
        {loaderData.findings.map((f) => {
          const errors = ["answer", "return", "close", "reopen"].map((i) => errorFor(i, f.id)).find(Boolean);
          return (
            <article key={f.id} id={`finding-${f.id}`} className="finding" aria-labelledby={`finding-${f.id}-title`}>
              <h3 id={`finding-${f.id}-title`}>
                {a.number}.{f.number} {f.title}
              </h3>
              <p>
                <span className={`badge finding-${f.kind}`}>{t(`findingKinds.${f.kind}`)}</span>{" "}
                <span className={`badge finding-status-${f.status}`}>{t(`findingStatuses.${f.status}`)}</span>{" "}
                <span className="muted">{t("audits.responsibleIs", { name: f.responsibleName })}</span>
              </p>
              <FormRefusal errors={errors} />
              <dl className="facts">
                <dt>{t("audits.requirement")}</dt>
                <dd>{f.requirement}</dd>
                <dt>{t("audits.evidence")}</dt>
                <dd className="pre-line">{f.evidence}</dd>
                {f.rootCause ? (
                  <>
                    <dt>{t("audits.rootCause")}</dt>
                    <dd className="pre-line">{f.rootCause}</dd>
                  </>
                ) : null}
                {f.closingNote ? (
                  <>
                    <dt>{t("audits.note")}</dt>
                    <dd className="pre-line">{f.closingNote}</dd>
                  </>
                ) : null}
              </dl>
              {isNonconformity(f.kind) ? (
                <>
                  <h4>{t("audits.actions")}</h4>
                  {f.actions.length === 0 ? <p className="muted">{t("audits.noActions")}</p> : null}
                  <ul className="plain-list">
                    {f.actions.map((l) => (
                      <li key={l.linkId}>
                        <Link to={l.href}>{l.title}</Link> <ItemStatus status={l.status} attention={l.attention} />
                      </li>
                    ))}
                  </ul>
                </>
              ) : null}
              {f.status === "open" && f.canAnswer && isNonconformity(f.kind) ? (
                <div className="finding-answer">
                  {loaderData.canAddAction ? (
                    <p>
                      <Link to={`/atgarder/ny?fran=finding:${f.id}`} className="button button-secondary">
                        {t("audits.newAction")}
                      </Link>
                    </p>
                  ) : null}
                  <Form method="post" className="form-grid" noValidate>
                    <input type="hidden" name="findingId" value={f.id} />
                    <TextAreaField
                      label={t("audits.rootCause")}
                      hint={t("audits.rootCauseHint")}
                      name="rootCause"
                      maxLength={4000}
                    />
                    <div className="form-actions">
                      <SubmitButton name="intent" value="answer">
                        {t("audits.answer")}
                      </SubmitButton>
                    </div>
                  </Form>
                </div>
              ) : null}
              {loaderData.isLead ? <LeadMoves findingId={f.id} status={f.status} /> : null}
            </article>
          );
        })}
      </section>
      {loaderData.canEdit ? (
        <details className="card details-panel" open={Boolean(adding)}>
          <summary>{t("audits.addFinding")}</summary>
          <FormRefusal errors={adding} />
          <Form method="post" className="form-grid" noValidate>
            <SelectField
              label={t("audits.kind")}
              name="kind"
              options={findingKinds.map((k) => ({ value: k, label: t(`findingKinds.${k}`) }))}
            />
            <TextField label={t("audits.findingTitle")} name="title" maxLength={200} error={adding?.title} />
            <TextField
              label={t("audits.requirement")}
              hint={t("audits.requirementHint")}
              name="requirement"
              maxLength={500}
              error={adding?.requirement}
            />
            <TextAreaField
              label={t("audits.evidence")}
              hint={t("audits.evidenceHint")}
              name="evidence"
              maxLength={4000}
              error={adding?.evidence}
            />
            <SelectField
              label={t("audits.responsible")}
              name="responsibleId"
              options={personOptions(loaderData.people, t("common.choosePerson"))}
              error={adding?.responsibleId}
            />
            <div className="form-actions">
              <SubmitButton name="intent" value="finding">
                {t("audits.addFinding")}
              </SubmitButton>
            </div>
          </Form>
        </details>
      ) : null}
    </>
  );
}

/** What the lead auditor can do with a finding: send an answer back, verify and close, or reopen. */
function LeadMoves({ findingId, status }: { findingId: string; status: string }) {
  const { t } = useTranslation();
  return (
    <Form method="post" className="form-grid finding-moves" noValidate>
      <input type="hidden" name="findingId" value={findingId} />
      <TextField label={t("audits.note")} name="note" optional maxLength={2000} />
      <div className="form-actions">
        {status === "closed" ? (
          <SubmitButton name="intent" value="reopen" className="button button-secondary">
            {t("audits.reopen")}
          </SubmitButton>
        ) : (
          <>
            <SubmitButton name="intent" value="close">
              {t("audits.close")}
            </SubmitButton>
            {status === "answered" ? (
              <SubmitButton name="intent" value="return" className="button button-secondary">
                {t("audits.return")}
              </SubmitButton>
            ) : null}
          </>
        )}
      </div>
    </Form>
  );
}
