import { useTranslation } from "react-i18next";
import { Form, Link } from "react-router";
import { z } from "zod";
import { EmptyState } from "#app/components/ui/empty-state.tsx";
import { PageHeader } from "#app/components/ui/page-header.tsx";
import { SearchHit } from "#app/components/reading/search-hit.tsx";
import { DocumentKindFilters } from "#app/components/document-kind-filters.tsx";
import { requirePermission } from "#app/auth/guards.server.ts";
import { toRead } from "#app/models/acknowledgements.server.ts";
import { listCurrent, versionOf } from "#app/models/releases.server.ts";
import { unitTree } from "#app/models/units.server.ts";
import { formatDate } from "#app/utils/dates.ts";
import { documentAreas, documentTypes } from "#app/domain/values.ts";
import { queryOf } from "#app/utils/query.ts";
import type { Route } from "./+types/index";

// Filters arrive in the URL: anything unknown is ignored rather than refused.
const filterSchema = z.object({
  q: z.string().trim().max(200).optional().catch(undefined),
  typ: z.enum(documentTypes).optional().catch(undefined),
  omrade: z.enum(documentAreas).optional().catch(undefined),
  enhet: z.string().max(40).optional().catch(undefined),
});

export function loader({ request, context }: Route.LoaderArgs) {
  const { user } = requirePermission(request, context, "view", { type: "section", section: "current" });
  const params = Object.fromEntries([...new URL(request.url).searchParams].filter(([, v]) => v !== ""));
  const filter = filterSchema.parse(params);
  return {
    filter,
    items: listCurrent(context.db, { q: filter.q, type: filter.typ, area: filter.omrade, unitId: filter.enhet }).map(
      (r) => ({
        documentId: r.documentId,
        title: r.title,
        type: r.type,
        version: versionOf(r),
        effectiveOn: r.effectiveOn,
        unitName: r.unitName,
        areas: r.areas,
        snippet: r.snippet,
      }),
    ),
    toRead: toRead(context.db, user).map((r) => ({ documentId: r.documentId, title: r.title, version: versionOf(r) })),
    units: unitTree(context.db),
  };
}

export default function CurrentDocuments({ loaderData }: Route.ComponentProps) {
  const { t, i18n } = useTranslation();
  const { filter, items } = loaderData;
  const filtered = Object.values(filter).some(Boolean);
  return (
    <>
      <PageHeader title={t("sections.current.title")} intro={t("sections.current.intro")} />
      {loaderData.toRead.length > 0 ? (
        <section className="card to-read" aria-labelledby="to-read-heading">
          <h2 id="to-read-heading">{t("reading.toReadTitle", { count: loaderData.toRead.length })}</h2>
          <ul className="plain-list">
            {loaderData.toRead.map((r) => (
              <li key={r.documentId}>
                <Link to={`/gallande/${r.documentId}`}>
                  {r.title} <span className="muted">{t("reading.versionShort", { version: r.version })}</span>
                </Link>
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      <Form method="get" className="filter-bar" role="search" aria-label={t("reading.searchLabel")}>
        <div className="field field-wide">
          <label htmlFor="current-q">{t("reading.search")}</label>
          <input id="current-q" name="q" type="search" defaultValue={filter.q} maxLength={200} />
        </div>
        {/* On a phone the kind filters fold away behind one control, so results come first; it
            needs no script (a checkbox and CSS), as the staff pages work without JavaScript. */}
        <input
          type="checkbox"
          id="current-more"
          className="filter-fold-toggle"
          defaultChecked={Boolean(filter.typ || filter.omrade || filter.enhet)}
        />
        <label htmlFor="current-more" className="button button-secondary filter-fold-label">
          {t("reading.moreFilters")}
        </label>
        <div className="filter-fold">
          <DocumentKindFilters filter={filter} units={loaderData.units} />
        </div>
        <div className="form-actions">
          <button type="submit" className="button">
            {t("reading.find")}
          </button>
          {filtered ? (
            <Link to="/gallande" className="button button-ghost">
              {t("documents.clearFilters")}
            </Link>
          ) : null}
        </div>
      </Form>
      {items.length > 0 ? <HandbookLinks filter={filter} /> : null}
      {items.length === 0 ? (
        <EmptyState title={filter.q ? t("reading.noHits", { q: filter.q }) : t("reading.noneCurrent")} />
      ) : (
        <ul className="reading-list" aria-label={t("reading.resultsLabel", { count: items.length })}>
          {items.map((item) => (
            <li key={item.documentId} className="card">
              <h2>
                <Link to={`/gallande/${item.documentId}`}>{item.title}</Link>
              </h2>
              <p className="document-meta">
                <span className="badge badge-neutral">{t(`documentTypes.${item.type}`)}</span>{" "}
                {t("reading.versionShort", { version: item.version })} ·{" "}
                {t("reading.effectiveFrom", { date: formatDate(item.effectiveOn, i18n.language) })} ·{" "}
                {item.unitName ?? t("documents.wholeOrganisation")}
                {item.areas.length > 0 ? ` · ${item.areas.map((a) => t(`areas.${a}`)).join(", ")}` : ""}
              </p>
              {item.snippet ? <SearchHit snippet={item.snippet} /> : null}
            </li>
          ))}
        </ul>
      )}
    </>
  );
}

/** The handbook of what the filters choose (search words aside: a handbook is whole documents). */
function HandbookLinks({ filter }: { filter: { typ?: string; omrade?: string; enhet?: string } }) {
  const { t } = useTranslation();
  const suffix = queryOf({ typ: filter.typ, omrade: filter.omrade, enhet: filter.enhet });
  return (
    <div className="handbook-links no-print">
      <p className="field-hint">{t("handbook.hint")}</p>
      <div className="form-actions">
        <a href={`/gallande/handbok.pdf${suffix}`} className="button button-ghost" download>
          {t("handbook.pdf")}
        </a>
        <a href={`/gallande/handbok.docx${suffix}`} className="button button-ghost" download>
          {t("handbook.docx")}
        </a>
      </div>
    </div>
  );
}
