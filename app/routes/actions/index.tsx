import { useTranslation } from "react-i18next";
import { Form, Link, NavLink } from "react-router";
import { ActionBoard } from "#app/components/action-board.tsx";
import { EmptyState } from "#app/components/ui/empty-state.tsx";
import { FilterSelect } from "#app/components/ui/filter-select.tsx";
import { PageHeader } from "#app/components/ui/page-header.tsx";
import { requirePermission } from "#app/auth/guards.server.ts";
import { can } from "#app/auth/permissions.server.ts";
import { actionFilterOf, actionListQuery, actionViews as views } from "#app/models/action-filter.ts";
import { overdue } from "#app/models/action-states.ts";
import { listActions, movesFor } from "#app/models/actions.server.ts";
import { dayOf } from "#app/models/releases.server.ts";
import { formatDate } from "#app/utils/dates.ts";
import { actionSources, actionStatuses } from "#app/domain/values.ts";
import { queryOf } from "#app/utils/query.ts";
import { SheetLinks } from "#app/components/sheet-links.tsx";
import type { Route } from "./+types/index";

export function loader({ request, context }: Route.LoaderArgs) {
  const { user } = requirePermission(request, context, "view", { type: "actions" });
  const filter = actionListQuery.parse(Object.fromEntries(new URL(request.url).searchParams));
  const today = dayOf(new Date());
  const actions = listActions(context.db, actionFilterOf(filter, user.id));
  return {
    filter,
    canCreate: can(user, "create", { type: "actions" }),
    actions: actions.map((a) => ({
      id: a.id,
      number: a.number,
      title: a.title,
      ownerName: a.ownerName,
      dueOn: a.dueOn,
      effectCheckOn: a.effectCheckOn,
      status: a.status,
      source: a.source,
      overdue: overdue(a, today),
      moves: movesFor(user, a),
    })),
  };
}

export default function Actions({ loaderData }: Route.ComponentProps) {
  const { t, i18n } = useTranslation();
  const { filter, actions } = loaderData;
  const date = (value: string) => formatDate(value, i18n.language);
  const link = (changes: Record<string, string>) => queryOf({ visa: filter.visa, vy: filter.vy, ...changes });
  const listed = queryOf({ visa: filter.visa, status: filter.status, kalla: filter.kalla });
  return (
    <>
      <PageHeader title={t("sections.actions.title")} intro={t("sections.actions.intro")}>
        <SheetLinks register="atgarder" query={listed} canImport={loaderData.canCreate} />
        <a href={`/atgarder/export/csv${listed}`} className="button button-ghost" download>
          {t("actions.exportCsv")}
        </a>
        {loaderData.canCreate ? (
          <Link to="/atgarder/ny" className="button">
            {t("actions.new")}
          </Link>
        ) : null}
      </PageHeader>
      <nav className="tabs" aria-label={t("actions.views")}>
        {views.map((view) => (
          <NavLink
            key={view}
            to={link({ visa: view })}
            className={filter.visa === view ? "tab tab-active" : "tab"}
            aria-current={filter.visa === view ? "page" : undefined}
          >
            {t(`actions.view.${view}`)}
          </NavLink>
        ))}
        <span className="tabs-spacer" />
        <Link to={link({ vy: filter.vy === "tavla" ? "tabell" : "tavla" })} className="button button-ghost">
          {filter.vy === "tavla" ? t("actions.asTable") : t("actions.asBoard")}
        </Link>
      </nav>
      <Form method="get" className="filter-bar" aria-label={t("actions.filters")}>
        <input type="hidden" name="visa" value={filter.visa} />
        <input type="hidden" name="vy" value={filter.vy} />
        <FilterSelect
          name="status"
          label={t("actions.status")}
          value={filter.status}
          options={actionStatuses.map((s) => ({ value: s, label: t(`actionStatuses.${s}`) }))}
        />
        <FilterSelect
          name="kalla"
          label={t("actions.source")}
          value={filter.kalla}
          options={actionSources.map((s) => ({ value: s, label: t(`actionSources.${s}`) }))}
        />
        <div className="filter-actions">
          <button type="submit" className="button button-secondary">
            {t("documents.applyFilters")}
          </button>
        </div>
      </Form>
      {actions.length === 0 ? (
        <EmptyState
          title={t("actions.none")}
          next={loaderData.canCreate ? { to: "/atgarder/ny", label: t("actions.new") } : null}
        />
      ) : filter.vy === "tavla" ? (
        <ActionBoard actions={actions} />
      ) : (
        <div className="table-wrap">
          <table>
            <caption className="visually-hidden">{t("sections.actions.title")}</caption>
            <thead>
              <tr>
                <th scope="col">#</th>
                <th scope="col">{t("actions.what")}</th>
                <th scope="col">{t("actions.owner")}</th>
                <th scope="col">{t("actions.dueOn")}</th>
                <th scope="col">{t("actions.status")}</th>
                <th scope="col">{t("actions.effectCheckOn")}</th>
              </tr>
            </thead>
            <tbody>
              {actions.map((a) => (
                <tr key={a.id}>
                  <td>{a.number}</td>
                  <td>
                    <Link to={`/atgarder/${a.id}`}>{a.title}</Link>
                  </td>
                  <td>{a.ownerName}</td>
                  <td>
                    {date(a.dueOn)}{" "}
                    {a.overdue ? <span className="badge badge-inactive">{t("actions.overdue")}</span> : null}
                  </td>
                  <td>
                    <span className={`badge action-${a.status}`}>{t(`actionStatuses.${a.status}`)}</span>
                  </td>
                  <td>{date(a.effectCheckOn)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </>
  );
}
