import { useTranslation } from "react-i18next";
import { Link, useRouteLoaderData } from "react-router";
import { PageHeader } from "#app/components/ui/page-header.tsx";
import { requirePermission } from "#app/auth/guards.server.ts";
import { can } from "#app/auth/permissions.server.ts";
import { toRead } from "#app/models/acknowledgements.server.ts";
import { dayOf, versionOf } from "#app/models/releases.server.ts";
import { reviewsDueFor } from "#app/models/review-dates.server.ts";
import { reviewRoundsAwaiting } from "#app/models/review-rounds.server.ts";
import { myActionsDue } from "#app/models/actions.server.ts";
import { managementOverview } from "#app/models/overview.server.ts";
import { deviationsToHandle } from "#app/models/deviations.server.ts";
import { myAuditWork } from "#app/models/audits.server.ts";
import { annualCycle } from "#app/models/annual-cycle.server.ts";
import { ManagementOverviewPanel } from "#app/components/start/management-overview.tsx";
import { formatDate } from "#app/utils/dates.ts";
import { responsibilitiesOf, responsibilityKinds } from "#app/models/hand-over.server.ts";
import type { loader as layoutLoader } from "./app-layout.tsx";
import type { Route } from "./+types/start";

export function loader({ request, context }: Route.LoaderArgs) {
  const { user } = requirePermission(request, context, "view", { type: "section", section: "start" });
  const held = responsibilitiesOf(context.db, user.id);
  return {
    accessExpiresAt: user.accessExpiresAt?.toISOString() ?? null,
    toRead: toRead(context.db, user).map((r) => ({ documentId: r.documentId, title: r.title, version: versionOf(r) })),
    reviews: reviewRoundsAwaiting(context.db, user.id),
    actions: myActionsDue(context.db, user.id),
    reports: deviationsToHandle(context.db, user.id).map((r) => ({
      id: r.id,
      number: r.number,
      title: r.title,
      dueOn: r.dueOn,
      overdue: (r.dueOn ?? "9999") < dayOf(new Date()),
    })),
    due: reviewsDueFor(context.db, user).map((d) => ({
      id: d.id,
      title: d.title,
      ownerName: d.ownerName,
      nextReviewOn: d.nextReviewOn,
      overdue: d.overdue,
    })),
    audits: can(user, "view", { type: "audits" })
      ? myAuditWork(context.db, user.id).map((a) => ({
          id: a.id,
          number: a.number,
          title: a.title,
          plannedOn: a.plannedOn,
          status: a.status,
          overdue: a.status === "planned" && a.plannedOn < dayOf(new Date()),
        }))
      : [],
    // Those who keep the annual cycle see its late and coming duties among their own.
    cycle: can(user, "manage", { type: "managementReviews" })
      ? annualCycle(context.db, new Date().getFullYear())
          .filter((d) => d.status === "overdue" || d.status === "due")
          .map(({ key, values, dueOn, status, href }) => ({ key, values, dueOn, status, href }))
      : [],
    overview: can(user, "view", { type: "overview" }) ? managementOverview(context.db, user.locale) : null,
    responsibilities: responsibilityKinds
      .map((kind) => ({ kind, items: held.filter((r) => r.kind === kind) }))
      .filter((g) => g.items.length > 0),
  };
}

export default function Start({ loaderData }: Route.ComponentProps) {
  const { t, i18n } = useTranslation();
  const shell = useRouteLoaderData<typeof layoutLoader>("routes/app-layout");
  if (!shell) return null;
  const shortcuts = shell.nav.filter((item) => item.section !== "start");
  return (
    <>
      <PageHeader
        title={t("start.greeting", { name: shell.user.name.split(" ")[0] })}
        intro={t("sections.start.intro")}
      />
      {shell.canReport ? (
        <p className="start-report">
          <Link to="/avvikelser/ny" className="button button-large">
            {t("deviations.reportDeviation")}
          </Link>
          <span className="muted">{t("start.reportHint")}</span>
        </p>
      ) : null}
      <p className="role-line">
        <strong>{t("start.yourRole", { role: t(`roles.${shell.user.role}`) })}</strong> —{" "}
        {t(`roleDescriptions.${shell.user.role}`)}
      </p>
      {loaderData.accessExpiresAt ? (
        <div className="notice notice-info">
          <p>{t("start.guestAccessUntil", { date: formatDate(loaderData.accessExpiresAt, i18n.language) })}</p>
          <p>
            <Link to="/krav/bevis">{t("start.guestEvidence")}</Link>
          </p>
        </div>
      ) : null}
      <section className="card" aria-labelledby="todo-heading">
        <h2 id="todo-heading">{t("start.todoTitle")}</h2>
        {loaderData.toRead.length +
          loaderData.reviews.length +
          loaderData.due.length +
          loaderData.actions.length +
          loaderData.reports.length +
          loaderData.audits.length +
          loaderData.cycle.length ===
        0 ? (
          <p className="muted">{t("start.todoEmpty")}</p>
        ) : (
          <ul className="todo-list">
            {loaderData.reviews.map((r) => (
              <li key={`review-${r.documentId}`}>
                <Link to={`/dokument/${r.documentId}/granskning`}>
                  {t(r.as === "approver" ? "start.toApprove" : "start.toReview", { title: r.title })}
                </Link>
              </li>
            ))}
            {loaderData.actions.map((a) => (
              <li key={`action-${a.id}`}>
                <Link to={`/atgarder/${a.id}`}>
                  {t(a.effectCheck ? "start.effectCheckDue" : "start.actionDue", {
                    title: `${a.number}. ${a.title}`,
                    date: formatDate(a.date, i18n.language),
                  })}
                </Link>{" "}
                {a.overdue ? <span className="badge badge-inactive">{t("start.overdue")}</span> : null}
              </li>
            ))}
            {loaderData.reports.map((r) => (
              <li key={`report-${r.id}`}>
                <Link to={`/avvikelser/${r.id}`}>
                  {t("start.reportToHandle", {
                    title: `${r.number}. ${r.title}`,
                    date: r.dueOn ? formatDate(r.dueOn, i18n.language) : "—",
                  })}
                </Link>{" "}
                {r.overdue ? <span className="badge badge-inactive">{t("start.overdue")}</span> : null}
              </li>
            ))}
            {loaderData.audits.map((a) => (
              <li key={`audit-${a.id}`}>
                <Link to={`/revision/granskningar/${a.id}`}>
                  {t(a.status === "planned" ? "start.auditPlanned" : "start.auditReporting", {
                    title: `${a.number}. ${a.title}`,
                    date: formatDate(a.plannedOn, i18n.language),
                  })}
                </Link>{" "}
                {a.overdue ? <span className="badge badge-inactive">{t("start.overdue")}</span> : null}
              </li>
            ))}
            {loaderData.cycle.map((d) => (
              <li key={`cycle-${d.key}-${d.dueOn}-${d.href}`}>
                <Link to={d.href}>
                  {t("start.cycleDuty", {
                    duty: t(`cycle.duties.${d.key}` as "cycle.duties.audit", d.values),
                    date: formatDate(d.dueOn, i18n.language),
                  })}
                </Link>{" "}
                {d.status === "overdue" ? <span className="badge badge-inactive">{t("start.overdue")}</span> : null}
              </li>
            ))}
            {loaderData.toRead.map((r) => (
              <li key={`read-${r.documentId}`}>
                <Link to={`/gallande/${r.documentId}`}>
                  {t("start.toRead", { title: r.title, version: r.version })}
                </Link>
              </li>
            ))}
            {loaderData.due.map((d) => (
              <li key={`due-${d.id}`}>
                <Link to={`/dokument/${d.id}/granskning`}>
                  {t(d.overdue ? "start.reviewOverdue" : "start.reviewDueSoon", {
                    title: d.title,
                    date: formatDate(d.nextReviewOn, i18n.language),
                    owner: d.ownerName,
                  })}
                </Link>{" "}
                {d.overdue ? <span className="badge badge-inactive">{t("start.overdue")}</span> : null}
              </li>
            ))}
          </ul>
        )}
      </section>
      {loaderData.responsibilities.length > 0 ? (
        <section className="card" aria-labelledby="responsibilities-heading">
          <h2 id="responsibilities-heading">{t("start.responsibilities")}</h2>
          {loaderData.responsibilities.map((group) => (
            <details key={group.kind} className="details-panel">
              <summary>
                {t(`handOver.kinds.${group.kind}`)} ({group.items.length})
              </summary>
              <ul className="plain-list">
                {group.items.map((item) => (
                  <li key={item.id}>
                    <Link to={item.href}>{item.title}</Link>
                  </li>
                ))}
              </ul>
            </details>
          ))}
        </section>
      ) : null}
      {loaderData.overview ? <ManagementOverviewPanel overview={loaderData.overview} /> : null}
      <section aria-labelledby="shortcuts-heading">
        <h2 id="shortcuts-heading">{t("start.shortcuts")}</h2>
        <ul className="tile-grid">
          {shortcuts.map((item) => (
            <li key={item.section}>
              <Link to={item.path} className="tile">
                <strong>{t(`nav.${item.section}`)}</strong>
                <span>{t(`sections.${item.section}.intro`)}</span>
              </Link>
            </li>
          ))}
        </ul>
      </section>
    </>
  );
}
