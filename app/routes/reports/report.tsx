import { useState } from "react";
import { useTranslation } from "react-i18next";
import { data, Form, Link, useSearchParams } from "react-router";
import { z } from "zod";
import { LinkedPanel } from "#app/components/linked-panel.tsx";
import { SelectField, TextAreaField, TextField } from "#app/components/ui/field.tsx";
import { Notice } from "#app/components/ui/notice.tsx";
import { PageHeader } from "#app/components/ui/page-header.tsx";
import { SubmitButton } from "#app/components/ui/submit-button.tsx";
import { requirePermission } from "#app/auth/guards.server.ts";
import { can } from "#app/auth/permissions.server.ts";
import { attachmentsOf, checkFiles } from "#app/models/attachments.server.ts";
import { refusalAsFormError } from "#app/models/errors.ts";
import { linkedTo } from "#app/models/links.server.ts";
import { dayOf } from "#app/models/releases.server.ts";
import { authorityDeadline, authorityOverdue, suggestedAuthority } from "#app/models/report-rules.ts";
import {
  addTimelineEntry,
  addWhy,
  closeReport,
  getReport,
  recordAuthorityReport,
  reopenReport,
  reportResource,
  similarReports,
  startInvestigation,
  timelineOf,
  triageReport,
  whysOf,
} from "#app/models/reports.server.ts";
import { listPeople } from "#app/models/users.server.ts";
import { linkFormIntent } from "#app/routes/links/link-form.server.ts";
import { formatDate, formatDateTime, toDateTimeInput } from "#app/utils/dates.ts";
import { parseForm, text, type FieldErrors } from "#app/utils/forms.ts";
import {
  authorityReports,
  causeCategories,
  reportSeverities,
  type AuthorityReport,
  type ReportKind,
  type ReportSeverity,
} from "#app/domain/values.ts";
import type { Route } from "./+types/report";
import { personOptions } from "#app/components/person-options.ts";
import { once } from "#app/models/submissions.server.ts";

function reportOr404(context: Route.LoaderArgs["context"], id: string) {
  const report = getReport(context.db, id);
  if (!report) throw data({ reason: "notFound" }, { status: 404 });
  return report;
}

export function loader({ request, params, context }: Route.LoaderArgs) {
  const report = reportOr404(context, params.id);
  const { user } = requirePermission(request, context, "read", reportResource(report));
  const handles = can(user, "handle", reportResource(report));
  const today = dayOf(new Date());
  return {
    report: {
      ...report,
      closedAt: report.closedAt?.toISOString() ?? null,
      createdAt: report.createdAt.toISOString(),
      updatedAt: report.updatedAt.toISOString(),
    },
    files: attachmentsOf(context.db, "report", report.id),
    handles,
    // What the reporter sees is the report and its status; the investigation is the handlers'.
    timeline: handles
      ? timelineOf(context.db, report.id).map((e) => ({ ...e, createdAt: e.createdAt.toISOString() }))
      : [],
    whys: handles ? whysOf(context.db, report.id) : [],
    similar: handles
      ? similarReports(context.db, report).map((r) => ({
          id: r.id,
          number: r.number,
          title: r.title,
          status: r.status,
        }))
      : [],
    linked: handles ? linkedTo(context.db, user, { kind: "report", id: report.id }) : [],
    people: handles ? listPeople(context.db) : [],
    deadline: report.authority ? authorityDeadline(report.authority, report.occurredAt) : null,
    authorityLate: authorityOverdue(report, today),
    canAct: handles && can(user, "create", { type: "actions" }),
    now: toDateTimeInput(new Date()),
  };
}

const day = z.iso.date("validation.invalidDate");
const moment = z.string().regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/, "validation.invalidDate");
const triageSchema = z.object({
  category: text(100),
  severity: z.enum(reportSeverities, "validation.invalidChoice"),
  responsibleId: z.string().min(1, "validation.required").max(40),
  dueOn: day,
  authority: z.enum(["", ...authorityReports], "validation.invalidChoice").transform((v) => (v === "" ? null : v)),
});
const timelineSchema = z.object({ happenedAt: moment, text: text(2000), nature: z.enum(["fact", "assessment"]) });
const whySchema = z.object({ answer: text(500) });
const closeSchema = z.object({
  learning: text(4000),
  causeCategory: z.enum(["", ...causeCategories], "validation.invalidChoice").transform((v) => (v === "" ? null : v)),
});
const authoritySchema = z.object({ reportedOn: day });

type Result = { intent: string; errors: FieldErrors; done?: boolean };

export async function action({ request, params, context }: Route.ActionArgs): Promise<Result> {
  const report = reportOr404(context, params.id);
  const { user } = requirePermission(request, context, "handle", reportResource(report));
  const form = await request.formData();
  const linking = linkFormIntent(context.db, user, { kind: "report", id: report.id }, form);
  if (linking) return { intent: "link", ...linking };
  const intent = String(form.get("intent"));
  const db = context.db;
  const run = <S extends z.ZodType>(schema: S, then: (input: z.output<S>) => void): Result => {
    const parsed = parseForm(schema, form);
    if (!parsed.ok) return { intent, errors: parsed.errors };
    then(parsed.data);
    return { intent, errors: {}, done: true };
  };
  try {
    switch (intent) {
      case "triage":
        return run(triageSchema, (input) => triageReport(db, user, report.id, input));
      case "investigate":
        once(db, user.id, form, () => startInvestigation(db, user, report.id));
        return { intent, errors: {}, done: true };
      case "timeline":
        return run(timelineSchema, (input) =>
          once(db, user.id, form, () => addTimelineEntry(db, user, report.id, input)),
        );
      case "why":
        return run(whySchema, (input) => once(db, user.id, form, () => addWhy(db, user, report.id, input.answer)));
      case "close":
        return run(closeSchema, (input) => once(db, user.id, form, () => closeReport(db, user, report.id, input)));
      case "reopen":
        once(db, user.id, form, () => reopenReport(db, user, report.id, String(form.get("reason") ?? "")));
        return { intent, errors: {}, done: true };
      case "authority": {
        const parsed = parseForm(authoritySchema, form);
        if (!parsed.ok) return { intent, errors: parsed.errors };
        const receipt = await checkFiles(form.getAll("receipt").filter((f): f is File => f instanceof File));
        recordAuthorityReport(
          db,
          user,
          report.id,
          { reportedOn: parsed.data.reportedOn, receipt },
          context.config.dataDir,
        );
        return { intent, errors: {}, done: true };
      }
    }
  } catch (error) {
    return { intent, errors: refusalAsFormError(error) as FieldErrors };
  }
  throw data({ reason: "badRequest" }, { status: 400 });
}

export default function ReportPage({ loaderData, actionData }: Route.ComponentProps) {
  const { t, i18n } = useTranslation();
  const [search] = useSearchParams();
  const { report: r, handles } = loaderData;
  const errorsFor = (intent: string) => (actionData?.intent === intent ? actionData.errors : undefined);
  const open = r.status !== "closed";
  return (
    <>
      <PageHeader title={`${r.number}. ${r.title}`}>
        <Link to="/avvikelser" className="button button-ghost">
          {t("admin.back")}
        </Link>
      </PageHeader>
      {search.get("tack") ? <Notice tone="success">{t("reports.thanks")}</Notice> : null}
      {actionData?.errors.form ? (
        <Notice tone="error">{t(actionData.errors.form.key as "errors.unit.notFound")}</Notice>
      ) : null}
      <p className="document-meta">
        <span className="badge badge-neutral">{t(`reportKinds.${r.kind}`)}</span>{" "}
        <span className={`badge report-${r.status}`}>{t(`reportStatuses.${r.status}`)}</span>{" "}
        {formatDateTime(r.occurredAt, i18n.language)} · {r.unitName ?? t("documents.wholeOrganisation")}
        {r.processTitle ? ` · ${r.processTitle}` : ""} · {t("reports.reportedBy", { name: r.reporterName })}
      </p>
      <section className="card">
        <dl className="facts">
          <dt>{t("reports.description")}</dt>
          <dd className="pre-line">{r.description}</dd>
          {r.immediateAction ? (
            <>
              <dt>{t("reports.immediateAction")}</dt>
              <dd className="pre-line">{r.immediateAction}</dd>
            </>
          ) : null}
          {r.responsibleName ? (
            <>
              <dt>{t("reports.responsible")}</dt>
              <dd>
                {r.responsibleName}
                {r.dueOn ? ` · ${t("reports.dueOn", { date: formatDate(r.dueOn, i18n.language) })}` : ""}
              </dd>
            </>
          ) : null}
          {handles && (r.contactName || r.contactDetails) ? (
            <>
              <dt>{t("reports.contact")}</dt>
              <dd>
                {r.contactName} {r.contactDetails}
              </dd>
            </>
          ) : null}
          {r.learning ? (
            <>
              <dt>{t("reports.learning")}</dt>
              <dd className="pre-line">{r.learning}</dd>
            </>
          ) : null}
        </dl>
        {loaderData.files.length > 0 ? (
          <ul className="attachment-list" aria-label={t("reports.files")}>
            {loaderData.files.map((f) => (
              <li key={f.id}>
                {f.mime.startsWith("image/") && f.mime !== "image/heic" ? (
                  <a href={`/bilagor/${f.id}`}>
                    <img src={`/bilagor/${f.id}`} alt={f.fileName} loading="lazy" />
                  </a>
                ) : (
                  <a href={`/bilagor/${f.id}`}>{f.fileName}</a>
                )}
              </li>
            ))}
          </ul>
        ) : null}
      </section>
      {handles ? (
        <>
          {loaderData.authorityLate ? (
            <Notice tone="error">
              {t("reports.authorityLateNotice", { date: formatDate(loaderData.deadline!, i18n.language) })}
            </Notice>
          ) : null}
          {open ? (
            <TriageForm
              report={r}
              people={loaderData.people}
              open={r.status === "reported" || Boolean(errorsFor("triage"))}
              errors={errorsFor("triage")}
            />
          ) : null}
          {r.authority ? (
            <section className="card" aria-labelledby="authority-heading">
              <h2 id="authority-heading">
                {t("reports.authorityTitle", { authority: t(`authorities.${r.authority}`) })}
              </h2>
              <p>{t(`reports.authorityChecklist.${r.authority}`)}</p>
              <p>{t("reports.deadline", { date: formatDate(loaderData.deadline!, i18n.language) })}</p>
              {r.authorityReportedOn ? (
                <p>
                  {t("reports.authorityDone", { date: formatDate(r.authorityReportedOn, i18n.language) })}{" "}
                  {r.authorityReceiptId ? (
                    <a href={`/bilagor/${r.authorityReceiptId}`}>{t("reports.receipt")}</a>
                  ) : null}
                </p>
              ) : (
                <Form method="post" encType="multipart/form-data" className="form-grid" noValidate>
                  <TextField
                    label={t("reports.reportedOn")}
                    name="reportedOn"
                    type="date"
                    error={errorsFor("authority")?.reportedOn}
                  />
                  <TextField
                    label={t("reports.receipt")}
                    name="receipt"
                    type="file"
                    optional
                    accept="application/pdf,image/jpeg,image/png"
                  />
                  <div className="form-actions">
                    <SubmitButton name="intent" value="authority" className="button button-secondary">
                      {t("reports.recordAuthority")}
                    </SubmitButton>
                  </div>
                </Form>
              )}
            </section>
          ) : null}
          {r.status === "triaged" ? (
            <Form method="post">
              <SubmitButton name="intent" value="investigate" className="button button-secondary">
                {t("reports.startInvestigation")}
              </SubmitButton>
            </Form>
          ) : null}
          {r.status !== "reported" ? (
            <section className="card" aria-labelledby="investigation-heading">
              <h2 id="investigation-heading">{t("reports.investigation")}</h2>
              <h3>{t("reports.timeline")}</h3>
              {loaderData.timeline.length === 0 ? <p className="muted">{t("reports.noTimeline")}</p> : null}
              <ol className="plain-list history">
                {loaderData.timeline.map((e) => (
                  <li key={e.id}>
                    <time dateTime={e.happenedAt}>{formatDateTime(e.happenedAt, i18n.language)}</time>{" "}
                    <span className={`badge ${e.nature === "fact" ? "badge-current" : "badge-draft"}`}>
                      {t(`reports.nature.${e.nature}`)}
                    </span>{" "}
                    {e.text}{" "}
                    <span className="muted">
                      — {e.authorName}, {formatDate(e.createdAt, i18n.language)}
                    </span>
                  </li>
                ))}
              </ol>
              {open ? (
                <Form method="post" className="form-grid" noValidate>
                  <TextField
                    label={t("reports.happenedAt")}
                    name="happenedAt"
                    type="datetime-local"
                    defaultValue={r.occurredAt}
                    error={errorsFor("timeline")?.happenedAt}
                  />
                  <TextField
                    label={t("reports.entry")}
                    name="text"
                    maxLength={2000}
                    error={errorsFor("timeline")?.text}
                  />
                  <fieldset className="checkbox-group">
                    <legend>{t("reports.natureLabel")}</legend>
                    <label>
                      <input type="radio" name="nature" value="fact" defaultChecked /> {t("reports.nature.fact")}
                    </label>
                    <label>
                      <input type="radio" name="nature" value="assessment" /> {t("reports.nature.assessment")}
                    </label>
                  </fieldset>
                  <div className="form-actions">
                    <SubmitButton name="intent" value="timeline" className="button button-secondary">
                      {t("reports.addEntry")}
                    </SubmitButton>
                  </div>
                </Form>
              ) : null}
              <h3>{t("reports.whys")}</h3>
              <ol className="whys">
                {loaderData.whys.map((w) => (
                  <li key={w.position}>
                    <span className="muted">{t("reports.why")}</span> {w.answer}
                  </li>
                ))}
              </ol>
              {open ? (
                <Form method="post" className="inline-fields" noValidate>
                  <TextField
                    label={loaderData.whys.length === 0 ? t("reports.firstWhy") : t("reports.nextWhy")}
                    name="answer"
                    maxLength={500}
                    error={errorsFor("why")?.answer}
                  />
                  <SubmitButton name="intent" value="why" className="button button-secondary">
                    {t("reports.addWhy")}
                  </SubmitButton>
                </Form>
              ) : null}
              {loaderData.similar.length > 0 ? (
                <>
                  <h3>{t("reports.similar")}</h3>
                  <ul className="plain-list">
                    {loaderData.similar.map((s) => (
                      <li key={s.id}>
                        <Link to={`/avvikelser/${s.id}`}>
                          {s.number}. {s.title}
                        </Link>{" "}
                        <span className={`badge report-${s.status}`}>{t(`reportStatuses.${s.status}`)}</span>
                      </li>
                    ))}
                  </ul>
                </>
              ) : null}
            </section>
          ) : null}
          <LinkedPanel
            self={{ kind: "report", id: r.id }}
            items={loaderData.linked}
            canLink
            error={errorsFor("link")?.form ?? errorsFor("link")?.target}
          >
            {loaderData.canAct ? (
              <p>
                <Link to={`/atgarder/ny?fran=report:${r.id}`} className="button button-secondary">
                  {t("reports.newAction")}
                </Link>
              </p>
            ) : null}
          </LinkedPanel>
          {open && r.status !== "reported" ? (
            <section className="card" aria-labelledby="close-heading">
              <h2 id="close-heading">{t("reports.close")}</h2>
              <Form method="post" className="form-grid" noValidate>
                <TextAreaField
                  label={t("reports.learning")}
                  hint={t("reports.learningHint")}
                  name="learning"
                  maxLength={4000}
                  error={errorsFor("close")?.learning}
                />
                <SelectField
                  label={t("reports.causeCategory")}
                  name="causeCategory"
                  options={[
                    { value: "", label: "—" },
                    ...causeCategories.map((c) => ({ value: c, label: t(`causeCategories.${c}`) })),
                  ]}
                />
                <div className="form-actions">
                  <SubmitButton name="intent" value="close">
                    {t("reports.close")}
                  </SubmitButton>
                </div>
              </Form>
            </section>
          ) : null}
          {!open ? (
            <Form method="post" className="inline-fields">
              <TextField label={t("reports.reopenReason")} name="reason" optional maxLength={500} />
              <SubmitButton name="intent" value="reopen" className="button button-ghost">
                {t("reports.reopen")}
              </SubmitButton>
            </Form>
          ) : null}
        </>
      ) : null}
    </>
  );
}

type TriageProps = {
  report: { kind: ReportKind; severity: ReportSeverity | null; authority: AuthorityReport | null } & Record<
    "category" | "responsibleId" | "dueOn",
    string | null
  >;
  people: { id: string; name: string }[];
  open: boolean;
  errors?: FieldErrors;
};

/** Triage; choosing "serious" for an accident or near miss proposes the report to Arbetsmiljöverket at once. */
function TriageForm({ report: r, people, open, errors }: TriageProps) {
  const { t } = useTranslation();
  const [severity, setSeverity] = useState<ReportSeverity>(r.severity ?? "medium");
  const [authority, setAuthority] = useState<string>(r.authority ?? suggestedAuthority(r.kind, r.severity) ?? "");
  const suggested = suggestedAuthority(r.kind, severity);
  return (
    <details className="card details-panel" open={open}>
      <summary>{t("reports.triage")}</summary>
      <Form method="post" className="form-grid" noValidate>
        <TextField
          label={t("reports.category")}
          name="category"
          defaultValue={r.category ?? ""}
          maxLength={100}
          error={errors?.category}
        />
        <SelectField
          label={t("reports.severity")}
          name="severity"
          value={severity}
          onChange={(e) => {
            const next = e.currentTarget.value as ReportSeverity;
            setSeverity(next);
            const proposal = suggestedAuthority(r.kind, next);
            if (proposal && authority === "") setAuthority(proposal);
          }}
          options={reportSeverities.map((s) => ({ value: s, label: t(`reportSeverities.${s}`) }))}
        />
        <SelectField
          label={t("reports.responsible")}
          name="responsibleId"
          defaultValue={r.responsibleId ?? ""}
          options={personOptions(people, "—")}
          error={errors?.responsibleId}
        />
        <TextField
          label={t("reports.due")}
          name="dueOn"
          type="date"
          defaultValue={r.dueOn ?? ""}
          error={errors?.dueOn}
        />
        <SelectField
          label={t("reports.authority")}
          hint={
            suggested
              ? t("reports.authoritySuggested", { authority: t(`authorities.${suggested}`) })
              : t("reports.authorityHint")
          }
          name="authority"
          value={authority}
          onChange={(e) => setAuthority(e.currentTarget.value)}
          options={[
            { value: "", label: t("reports.noAuthority") },
            ...authorityReports.map((a) => ({ value: a, label: t(`authorities.${a}`) })),
          ]}
        />
        <div className="form-actions">
          <SubmitButton name="intent" value="triage">
            {t("reports.saveTriage")}
          </SubmitButton>
        </div>
      </Form>
    </details>
  );
}
