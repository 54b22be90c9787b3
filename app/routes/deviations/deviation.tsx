import { useTranslation } from "react-i18next";
import { data, Form, Link, useSearchParams } from "react-router";
import { LinkedPanel } from "#app/components/linked-panel.tsx";
import { FormRefusal, Notice } from "#app/components/ui/notice.tsx";
import { PageHeader } from "#app/components/ui/page-header.tsx";
import { SubmitButton } from "#app/components/ui/submit-button.tsx";
import { requirePermission } from "#app/auth/guards.server.ts";
import { can } from "#app/auth/permissions.server.ts";
import { attachmentsOf } from "#app/models/attachments.server.ts";
import { linkedTo } from "#app/models/links.server.ts";
import { dayOf } from "#app/models/releases.server.ts";
import { authorityDeadline, authorityOverdue } from "#app/models/deviation-rules.ts";
import {
  getDeviation,
  deviationResource,
  similarDeviations,
  timelineOf,
  whysOf,
} from "#app/models/deviations.server.ts";
import { listPeople } from "#app/models/users.server.ts";
import { linkFormIntent } from "#app/routes/links/link-form.server.ts";
import { runIntent } from "#app/routes/intents.server.ts";
import { formatDate, formatDateTime, toDateTimeInput } from "#app/utils/dates.ts";
import { AuthorityPanel } from "./deviation/authority-panel.tsx";
import { CloseForm, ReopenForm } from "./deviation/closing.tsx";
import { DeviationFacts } from "./deviation/facts.tsx";
import { InvestigationPanel } from "./deviation/investigation-panel.tsx";
import { deviationIntents } from "./deviation/intents.server.ts";
import { TriageForm } from "./deviation/triage-form.tsx";
import type { Route } from "./+types/deviation";

/** One deviation: what was reported, and for those who handle it, triage to closing. Handlers and panels in report/. */

function deviationOr404(context: Route.LoaderArgs["context"], id: string) {
  const report = getDeviation(context.db, id);
  if (!report) throw data({ reason: "notFound" }, { status: 404 });
  return report;
}

export function loader({ request, params, context }: Route.LoaderArgs) {
  const report = deviationOr404(context, params.id);
  const { user } = requirePermission(request, context, "read", deviationResource(report));
  const handles = can(user, "handle", deviationResource(report));
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
      ? similarDeviations(context.db, report).map((r) => ({
          id: r.id,
          number: r.number,
          title: r.title,
          status: r.status,
        }))
      : [],
    linked: handles ? linkedTo(context.db, user, { kind: "deviation", id: report.id }) : [],
    people: handles ? listPeople(context.db) : [],
    deadline: report.authority ? authorityDeadline(report.authority, report.occurredAt) : null,
    authorityLate: authorityOverdue(report, today),
    canAct: handles && can(user, "create", { type: "actions" }),
    now: toDateTimeInput(new Date()),
  };
}

export async function action({ request, params, context }: Route.ActionArgs) {
  const report = deviationOr404(context, params.id);
  const { user } = requirePermission(request, context, "handle", deviationResource(report));
  const form = await request.formData();
  const linking = linkFormIntent(context.db, user, { kind: "deviation", id: report.id }, form);
  if (linking) return { intent: "link", ...linking };
  return runIntent(form, deviationIntents, { context, user, reportId: report.id, form });
}

export default function DeviationPage({ loaderData, actionData }: Route.ComponentProps) {
  const { t, i18n } = useTranslation();
  const [search] = useSearchParams();
  const { report: r, handles } = loaderData;
  const errorsFor = (intent: string) => (actionData?.intent === intent ? actionData.errors : undefined);
  const panel = { data: loaderData, errorsFor };
  const open = r.status !== "closed";
  return (
    <>
      <PageHeader title={`${r.number}. ${r.title}`}>
        <Link to="/avvikelser" className="button button-ghost">
          {t("admin.back")}
        </Link>
      </PageHeader>
      {search.get("tack") ? <Notice tone="success">{t("deviations.thanks")}</Notice> : null}
      <FormRefusal errors={actionData?.errors} />
      <p className="document-meta">
        <span className="badge badge-neutral">{t(`deviationKinds.${r.kind}`)}</span>{" "}
        <span className={`badge report-${r.status}`}>{t(`deviationStatuses.${r.status}`)}</span>{" "}
        {formatDateTime(r.occurredAt, i18n.language)} · {r.unitName ?? t("documents.wholeOrganisation")}
        {r.processTitle ? ` · ${r.processTitle}` : ""} · {t("deviations.reportedBy", { name: r.reporterName })}
      </p>
      <DeviationFacts data={loaderData} />
      {handles ? (
        <>
          {loaderData.authorityLate ? (
            <Notice tone="error">
              {t("deviations.authorityLateNotice", { date: formatDate(loaderData.deadline!, i18n.language) })}
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
          <AuthorityPanel {...panel} />
          {r.status === "triaged" ? (
            <Form method="post">
              <SubmitButton name="intent" value="investigate" className="button button-secondary">
                {t("deviations.startInvestigation")}
              </SubmitButton>
            </Form>
          ) : null}
          {r.status !== "reported" ? <InvestigationPanel {...panel} /> : null}
          <LinkedPanel
            self={{ kind: "deviation", id: r.id }}
            items={loaderData.linked}
            canLink
            error={errorsFor("link")?.form ?? errorsFor("link")?.target}
          >
            {loaderData.canAct ? (
              <p>
                <Link to={`/atgarder/ny?fran=deviation:${r.id}`} className="button button-secondary">
                  {t("deviations.newAction")}
                </Link>
              </p>
            ) : null}
          </LinkedPanel>
          {open && r.status !== "reported" ? <CloseForm errorsFor={errorsFor} /> : null}
          {!open ? <ReopenForm /> : null}
        </>
      ) : null}
    </>
  );
}
