import { useTranslation } from "react-i18next";
import { Form, Link } from "react-router";
import { z } from "zod";
import { EmptyState } from "#app/components/ui/empty-state.tsx";
import { PageHeader } from "#app/components/ui/page-header.tsx";
import { requirePermission } from "#app/auth/guards.server.ts";
import { can } from "#app/auth/permissions.server.ts";
import { listDocuments } from "#app/models/documents.server.ts";
import { currentVersions, dayOf } from "#app/models/releases.server.ts";
import { unitTree } from "#app/models/units.server.ts";
import { listPeople } from "#app/models/users.server.ts";
import { formatDate } from "#app/utils/dates.ts";
import { documentAreas, documentStatuses, documentTypes } from "#app/domain/values.ts";
import type { Route } from "./+types/index";
import { DocumentKindFilters } from "#app/components/document-kind-filters.tsx";
import { FilterSelect } from "#app/components/ui/filter-select.tsx";
import { personOptions } from "#app/components/person-options.ts";

// Filters arrive in the URL: anything unknown is ignored rather than refused.
const filterSchema = z.object({
  q: z.string().trim().max(100).optional().catch(undefined),
  typ: z.enum(documentTypes).optional().catch(undefined),
  omrade: z.enum(documentAreas).optional().catch(undefined),
  enhet: z.string().max(40).optional().catch(undefined),
  agare: z.string().max(40).optional().catch(undefined),
  status: z
    .enum([...documentStatuses, "all"])
    .optional()
    .catch(undefined),
});

export function loader({ request, context }: Route.LoaderArgs) {
  const { user } = requirePermission(request, context, "view", { type: "documents" });
  const params = Object.fromEntries([...new URL(request.url).searchParams].filter(([, v]) => v !== ""));
  const filter = filterSchema.parse(params);
  const versions = currentVersions(context.db);
  return {
    filter,
    documents: listDocuments(context.db, {
      q: filter.q,
      type: filter.typ,
      area: filter.omrade,
      unitId: filter.enhet,
      ownerId: filter.agare,
      status: filter.status,
    }).map((d) => ({
      ...d,
      updatedAt: d.updatedAt.toISOString(),
      version: versions.get(d.id) ?? null,
    })),
    people: listPeople(context.db),
    units: unitTree(context.db),
    canCreate: can(user, "create", { type: "documents" }),
    today: dayOf(new Date()),
  };
}

export default function Documents({ loaderData }: Route.ComponentProps) {
  const { t, i18n } = useTranslation();
  const { filter, documents } = loaderData;
  const filtered = Object.values(filter).some(Boolean);
  return (
    <>
      <PageHeader title={t("sections.documents.title")} intro={t("sections.documents.intro")}>
        {loaderData.canCreate ? (
          <>
            <Link to="/dokument/ny" className="button">
              {t("documents.new")}
            </Link>
            <Link to="/dokument/importera" className="button button-secondary">
              {t("documents.importWord")}
            </Link>
          </>
        ) : null}
      </PageHeader>
      <Form method="get" className="filter-bar" role="search" aria-label={t("documents.filters")}>
        <div className="field">
          <label htmlFor="filter-q">{t("documents.search")}</label>
          <input id="filter-q" name="q" type="search" defaultValue={filter.q} maxLength={100} />
        </div>
        <DocumentKindFilters filter={filter} units={loaderData.units} />
        <FilterSelect
          name="agare"
          label={t("documents.owner")}
          value={filter.agare}
          options={personOptions(loaderData.people)}
        />
        <FilterSelect
          name="status"
          label={t("documents.status")}
          value={filter.status}
          options={[
            ...documentStatuses.map((v) => ({ value: v, label: t(`documentStatuses.${v}`) })),
            { value: "all", label: t("documents.any") },
          ]}
          anyLabel={t("documentStatuses.draft")}
          withoutDefault
        />
        <div className="filter-actions">
          <button type="submit" className="button button-secondary">
            {t("documents.applyFilters")}
          </button>
          {filtered ? (
            <Link to="/dokument" className="button button-ghost">
              {t("documents.clearFilters")}
            </Link>
          ) : null}
        </div>
      </Form>
      {documents.length === 0 ? (
        <EmptyState
          title={filtered ? t("documents.noneMatch") : t("documents.none")}
          next={loaderData.canCreate && !filtered ? { to: "/dokument/ny", label: t("documents.new") } : null}
        >
          {loaderData.canCreate && !filtered ? <p>{t("documents.noneHint")}</p> : null}
        </EmptyState>
      ) : (
        <div className="table-wrap">
          <table>
            <caption className="visually-hidden">{t("sections.documents.title")}</caption>
            <thead>
              <tr>
                <th scope="col">{t("documents.title")}</th>
                <th scope="col">{t("documents.type")}</th>
                <th scope="col">{t("documents.version")}</th>
                <th scope="col">{t("documents.owner")}</th>
                <th scope="col">{t("documents.unit")}</th>
                <th scope="col">{t("documents.areas")}</th>
                <th scope="col">{t("documents.updated")}</th>
                <th scope="col">{t("documents.nextReview")}</th>
              </tr>
            </thead>
            <tbody>
              {documents.map((d) => (
                <tr key={d.id}>
                  <td>
                    <Link to={`/dokument/${d.id}`}>{d.title}</Link>
                  </td>
                  <td>{t(`documentTypes.${d.type}`)}</td>
                  <td>
                    {d.version ?? <span className="muted">{t("documents.notReleased")}</span>}
                    {d.status === "archived" ? (
                      <>
                        {" "}
                        <span className="badge badge-inactive">{t("documentStatuses.archived")}</span>
                      </>
                    ) : null}
                  </td>
                  <td>{d.ownerName}</td>
                  <td>{d.unitName ?? t("documents.wholeOrganisation")}</td>
                  <td>{d.areas.map((a) => t(`areas.${a}`)).join(", ")}</td>
                  <td>{formatDate(d.updatedAt, i18n.language)}</td>
                  <td>
                    {d.nextReviewOn ? formatDate(d.nextReviewOn, i18n.language) : "–"}
                    {d.nextReviewOn && d.nextReviewOn < loaderData.today ? (
                      <>
                        {" "}
                        <span className="badge badge-inactive">{t("start.overdue")}</span>
                      </>
                    ) : null}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </>
  );
}
