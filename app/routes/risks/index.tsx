import { useTranslation } from "react-i18next";
import { Form, Link } from "react-router";
import { z } from "zod";
import { RiskHeatMap } from "#app/components/risk-heat-map.tsx";
import { EmptyState } from "#app/components/ui/empty-state.tsx";
import { FilterSelect } from "#app/components/ui/filter-select.tsx";
import { PageHeader } from "#app/components/ui/page-header.tsx";
import { unitOptions } from "#app/components/unit-options.ts";
import { requirePermission } from "#app/auth/guards.server.ts";
import { can } from "#app/auth/permissions.server.ts";
import { heatMap, levelOf, scoreOf } from "#app/models/risk-scoring.ts";
import { listRisks, riskScale } from "#app/models/risks.server.ts";
import { unitTree } from "#app/models/units.server.ts";
import { riskCategories } from "#app/domain/values.ts";
import { SheetLinks } from "#app/components/sheet-links.tsx";
import type { Route } from "./+types/index";
import { queryOf } from "#app/utils/query.ts";
import { formatDate } from "#app/utils/dates.ts";

const step = z.coerce.number().int().min(1).max(10).optional().catch(undefined);
// Filters arrive in the URL: anything unknown is ignored rather than refused.
const filterSchema = z.object({
  matris: z.enum(["kvarvarande", "inneboende"]).catch("kvarvarande"),
  kategori: z.enum(riskCategories).optional().catch(undefined),
  enhet: z.string().max(40).optional().catch(undefined),
  // Closed risks leave the working list; they are found here.
  visa: z.enum(["avslutade"]).optional().catch(undefined),
  s: step,
  k: step,
});

export function loader({ request, context }: Route.LoaderArgs) {
  const { user } = requirePermission(request, context, "view", { type: "risks" });
  const params = Object.fromEntries([...new URL(request.url).searchParams].filter(([, v]) => v !== ""));
  const filter = filterSchema.parse(params);
  const scale = riskScale(context.db, user.locale);
  const which = filter.matris === "inneboende" ? "inherent" : "residual";
  const all = listRisks(context.db, {
    category: filter.kategori,
    unitId: filter.enhet,
    status: filter.visa ? "retired" : "open",
  });
  const inCell = all.filter(
    (r) => (!filter.s || r[which].likelihood === filter.s) && (!filter.k || r[which].consequence === filter.k),
  );
  return {
    filter,
    scale,
    map: heatMap(
      scale,
      all.map((r) => r[which]),
    ),
    risks: inCell.map((r) => ({
      id: r.id,
      number: r.number,
      title: r.title,
      kind: r.kind,
      category: r.category,
      ownerName: r.ownerName,
      score: scoreOf(r[which]),
      level: levelOf(scale, r[which]),
      nextReviewOn: r.nextReviewOn,
    })),
    units: unitTree(context.db),
    canCreate: can(user, "create", { type: "risks" }),
  };
}

export default function Risks({ loaderData }: Route.ComponentProps) {
  const { t, i18n } = useTranslation();
  const { filter, risks } = loaderData;
  const query = (changes: Record<string, string | undefined>) => queryOf({ ...filter, ...changes }) || "?";
  const selected = filter.s && filter.k ? { likelihood: filter.s, consequence: filter.k } : undefined;
  return (
    <>
      <PageHeader title={t("sections.risks.title")} intro={t("sections.risks.intro")}>
        <Link to="/risker/andringar" className="button button-secondary">
          {t("changes.title")}
        </Link>
        {loaderData.canCreate ? (
          <Link to="/risker/ny" className="button">
            {t("risks.new")}
          </Link>
        ) : null}
        <SheetLinks
          register="risker"
          query={queryOf({ kategori: filter.kategori, enhet: filter.enhet })}
          canImport={loaderData.canCreate}
        />
      </PageHeader>
      <nav className="tabs" aria-label={t("risks.matrixChoice")}>
        {(["kvarvarande", "inneboende"] as const).map((m) => (
          <Link
            key={m}
            to={query({ matris: m })}
            className={filter.matris === m ? "tab tab-active" : "tab"}
            aria-current={filter.matris === m ? "page" : undefined}
          >
            {t(`risks.matrix.${m}`)}
          </Link>
        ))}
      </nav>
      <Form method="get" className="filter-bar" aria-label={t("risks.filters")}>
        <input type="hidden" name="matris" value={filter.matris} />
        <FilterSelect
          name="kategori"
          label={t("risks.category")}
          value={filter.kategori}
          options={riskCategories.map((c) => ({ value: c, label: t(`riskCategories.${c}`) }))}
        />
        <FilterSelect
          name="enhet"
          label={t("documents.unit")}
          value={filter.enhet}
          options={unitOptions(loaderData.units)}
        />
        {filter.visa ? <input type="hidden" name="visa" value={filter.visa} /> : null}
        <div className="filter-actions">
          <button type="submit" className="button button-secondary">
            {t("documents.applyFilters")}
          </button>
        </div>
      </Form>
      <RiskHeatMap
        scale={loaderData.scale}
        rows={loaderData.map}
        hrefFor={(cell) => query({ s: String(cell.likelihood), k: String(cell.consequence) })}
        selected={selected}
        caption={t(`risks.matrixCaption.${filter.matris}`)}
      />
      {selected ? (
        <p>
          {t("risks.showingCell", { likelihood: selected.likelihood, consequence: selected.consequence })}{" "}
          <Link to={query({ s: undefined, k: undefined })}>{t("risks.showAll")}</Link>
        </p>
      ) : null}
      {risks.length === 0 ? (
        <EmptyState
          title={t("risks.none")}
          next={loaderData.canCreate ? { to: "/risker/ny", label: t("risks.new") } : null}
        />
      ) : (
        <div className="table-wrap">
          <table>
            <caption className="visually-hidden">{t("risks.listCaption")}</caption>
            <thead>
              <tr>
                <th scope="col">#</th>
                <th scope="col">{t("risks.title")}</th>
                <th scope="col">{t("risks.category")}</th>
                <th scope="col">{t("risks.owner")}</th>
                <th scope="col">{t("risks.score")}</th>
                <th scope="col">{t("risks.nextReview")}</th>
              </tr>
            </thead>
            <tbody>
              {risks.map((r) => (
                <tr key={r.id}>
                  <td>R{r.number}</td>
                  <td>
                    <Link to={`/risker/${r.id}`}>{r.title}</Link>
                    {r.kind === "opportunity" ? <span className="muted"> ({t("riskKinds.opportunity")})</span> : null}
                  </td>
                  <td>{t(`riskCategories.${r.category}`)}</td>
                  <td>{r.ownerName}</td>
                  <td>
                    <span className={`badge level-${r.level}`}>
                      {r.score} · {t(`risks.levels.${r.level}`)}
                    </span>
                  </td>
                  <td>{formatDate(r.nextReviewOn, i18n.language)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {/* Closed risks leave the working list and the matrix; they are found here. */}
      <p>
        <Link to={query({ visa: filter.visa ? undefined : "avslutade", s: undefined, k: undefined })}>
          {t(filter.visa ? "risks.showOpen" : "risks.showRetired")}
        </Link>
      </p>
    </>
  );
}
