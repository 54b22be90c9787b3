import { useTranslation } from "react-i18next";
import { Form, Link } from "react-router";
import { z } from "zod";
import { EmptyState } from "#app/components/ui/empty-state.tsx";
import { FilterSelect } from "#app/components/ui/filter-select.tsx";
import { PageHeader } from "#app/components/ui/page-header.tsx";
import { requirePermission } from "#app/auth/guards.server.ts";
import { can } from "#app/auth/permissions.server.ts";
import { dayOf } from "#app/models/releases.server.ts";
import { authorityOverdue } from "#app/models/deviation-rules.ts";
import { listDeviations, myDeviations, type DeviationSummary } from "#app/models/deviations.server.ts";
import { formatDate, formatDateTime } from "#app/utils/dates.ts";
import { deviationKinds, deviationStatuses } from "#app/domain/values.ts";
import { queryOf } from "#app/utils/query.ts";
import { SheetLinks } from "#app/components/sheet-links.tsx";
import type { Route } from "./+types/index";

// Filters arrive in the URL: anything unknown is ignored rather than refused.
const filterSchema = z.object({
  status: z.enum(deviationStatuses).optional().catch(undefined),
  typ: z.enum(deviationKinds).optional().catch(undefined),
  visa: z.enum(["oppna", "alla"]).catch("oppna"),
});

export function loader({ request, context }: Route.LoaderArgs) {
  const { user } = requirePermission(request, context, "view", { type: "deviations" });
  const filter = filterSchema.parse(Object.fromEntries(new URL(request.url).searchParams));
  const today = dayOf(new Date());
  const row = (r: DeviationSummary) => ({
    id: r.id,
    number: r.number,
    title: r.title,
    kind: r.kind,
    status: r.status,
    occurredAt: r.occurredAt,
    unitName: r.unitName,
    responsibleName: r.responsibleName,
    dueOn: r.dueOn,
    late: r.status !== "closed" && (r.dueOn ?? "9999") < today,
    authorityLate: authorityOverdue(r, today),
  });
  const seesAll = can(user, "read", { type: "deviations" });
  return {
    filter,
    mine: myDeviations(context.db, user.id).map(row),
    all: seesAll
      ? listDeviations(context.db, { status: filter.status, kind: filter.typ, open: filter.visa === "oppna" }).map(row)
      : null,
    canReport: can(user, "create", { type: "deviations" }),
  };
}

export default function Reports({ loaderData }: Route.ComponentProps) {
  const { t, i18n } = useTranslation();
  const { filter } = loaderData;
  const status = (s: string) => (
    <span className={`badge report-${s}`}>{t(`deviationStatuses.${s}` as "deviationStatuses.closed")}</span>
  );
  return (
    <>
      <PageHeader title={t("sections.deviations.title")} intro={t("deviations.intro")}>
        {/* What most people come here for goes first. */}
        {loaderData.canReport ? (
          <Link to="/avvikelser/ny" className="button button-large">
            {t("deviations.reportDeviation")}
          </Link>
        ) : null}
        {loaderData.all ? (
          <Link to="/avvikelser/analys" className="button button-secondary">
            {t("trends.title")}
          </Link>
        ) : null}
        {loaderData.all ? (
          <SheetLinks
            register="avvikelser"
            query={queryOf({ visa: filter.visa, status: filter.status, typ: filter.typ })}
            canImport={false}
          />
        ) : null}
        <Link to="/avvikelser/egenkontroller" className="button button-secondary">
          {t("checklists.title")}
        </Link>
        <Link to="/avvikelser/sam" className="button button-secondary">
          {t("sam.title")}
        </Link>
      </PageHeader>
      <section className="card" aria-labelledby="mine-heading">
        <h2 id="mine-heading">{t("deviations.mine")}</h2>
        {loaderData.mine.length === 0 ? (
          <p className="muted">{t("deviations.noneMine")}</p>
        ) : (
          <ul className="plain-list">
            {loaderData.mine.map((r) => (
              <li key={r.id}>
                <Link to={`/avvikelser/${r.id}`}>
                  {r.number}. {r.title}
                </Link>{" "}
                {status(r.status)} <span className="muted">{formatDateTime(r.occurredAt, i18n.language)}</span>
              </li>
            ))}
          </ul>
        )}
      </section>
      {loaderData.all ? (
        <section aria-labelledby="all-heading">
          <h2 id="all-heading">{t("deviations.register")}</h2>
          <nav className="tabs" aria-label={t("deviations.show")}>
            {(["oppna", "alla"] as const).map((v) => (
              <Link
                key={v}
                to={`?visa=${v}`}
                className={filter.visa === v ? "tab tab-active" : "tab"}
                aria-current={filter.visa === v ? "page" : undefined}
              >
                {t(v === "oppna" ? "deviations.open" : "deviations.all")}
              </Link>
            ))}
          </nav>
          <Form method="get" className="filter-bar">
            <input type="hidden" name="visa" value={filter.visa} />
            <FilterSelect
              label={t("deviations.kind")}
              name="typ"
              value={filter.typ}
              options={deviationKinds.map((k) => ({ value: k, label: t(`deviationKinds.${k}`) }))}
            />
            <FilterSelect
              label={t("deviations.status")}
              name="status"
              value={filter.status}
              options={deviationStatuses.map((s) => ({ value: s, label: t(`deviationStatuses.${s}`) }))}
            />
            <div className="filter-actions">
              <button type="submit" className="button button-secondary">
                {t("documents.applyFilters")}
              </button>
            </div>
          </Form>
          {loaderData.all.length === 0 ? (
            <EmptyState
              title={t("deviations.noneFound")}
              next={loaderData.canReport ? { to: "/avvikelser/ny", label: t("deviations.reportDeviation") } : null}
            />
          ) : (
            <div className="table-wrap card">
              <table>
                <caption className="visually-hidden">{t("deviations.register")}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t("deviations.report")}</th>
                    <th scope="col">{t("deviations.kind")}</th>
                    <th scope="col">{t("deviations.occurredAt")}</th>
                    <th scope="col">{t("deviations.responsible")}</th>
                    <th scope="col">{t("deviations.status")}</th>
                  </tr>
                </thead>
                <tbody>
                  {loaderData.all.map((r) => (
                    <tr key={r.id}>
                      <td>
                        <Link to={`/avvikelser/${r.id}`}>
                          {r.number}. {r.title}
                        </Link>
                        {r.authorityLate ? (
                          <span className="badge badge-inactive"> {t("deviations.authorityLate")}</span>
                        ) : null}
                      </td>
                      <td>{t(`deviationKinds.${r.kind}`)}</td>
                      <td>{formatDateTime(r.occurredAt, i18n.language)}</td>
                      <td>
                        {r.responsibleName ?? "—"}
                        {r.dueOn ? <span className="muted"> · {formatDate(r.dueOn, i18n.language)}</span> : null}
                        {r.late ? <span className="badge badge-inactive"> {t("start.overdue")}</span> : null}
                      </td>
                      <td>{status(r.status)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
        </section>
      ) : null}
    </>
  );
}
