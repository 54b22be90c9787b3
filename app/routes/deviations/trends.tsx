import { lazy, Suspense } from "react";
import { useTranslation } from "react-i18next";
import { Form, Link } from "react-router";
import { subMonths } from "date-fns";
import { z } from "zod";
import { PageHeader } from "#app/components/ui/page-header.tsx";
import { TextField } from "#app/components/ui/field.tsx";
import { useHydrated } from "#app/components/use-hydrated.ts";
import { requirePermission } from "#app/auth/guards.server.ts";
import { deviationTrends } from "#app/models/deviation-trends.server.ts";
import { dayOf } from "#app/models/releases.server.ts";
import { formatDate } from "#app/utils/dates.ts";
import type { Route } from "./+types/trends";

const DeviationTrend = lazy(() => import("#app/components/deviation-charts.tsx"));

export function loader({ request, context }: Route.LoaderArgs) {
  requirePermission(request, context, "read", { type: "deviations" });
  const now = new Date();
  const query = Object.fromEntries(new URL(request.url).searchParams);
  // A period in the URL, so a half-year or a year can be linked to from the management review.
  const period = z
    .object({
      fran: z.iso.date().catch(dayOf(subMonths(now, 12))),
      till: z.iso.date().catch(dayOf(now)),
    })
    .parse({ fran: query.fran ?? undefined, till: query.till ?? undefined });
  const year = now.getFullYear();
  // The periods a management review and the annual reports look back over.
  const presets = [
    { label: "year", year: year - 1, fran: `${year - 1}-01-01`, till: `${year - 1}-12-31` },
    { label: "secondHalf", year: year - 1, fran: `${year - 1}-07-01`, till: `${year - 1}-12-31` },
    { label: "firstHalf", year, fran: `${year}-01-01`, till: `${year}-06-30` },
    { label: "yearToDate", year, fran: `${year}-01-01`, till: dayOf(now) },
  ] as const;
  return { ...period, presets, analysis: deviationTrends(context.db, period.fran, period.till) };
}

export default function DeviationTrends({ loaderData }: Route.ComponentProps) {
  const { t, i18n } = useTranslation();
  const hydrated = useHydrated();
  const { analysis: a } = loaderData;
  const table = (
    title: string,
    rows: { name: string; count: number }[],
    label: (name: string) => string = (n) => n,
  ) => (
    <section className="card" aria-labelledby={`t-${title}`}>
      <h2 id={`t-${title}`}>{title}</h2>
      {rows.length === 0 ? (
        <p className="muted">{t("trends.none")}</p>
      ) : (
        <table>
          <caption className="visually-hidden">{title}</caption>
          <tbody>
            {rows.map((r) => (
              <tr key={r.name}>
                <th scope="row">{label(r.name)}</th>
                <td>{r.count}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
  return (
    <>
      <PageHeader
        title={t("trends.title")}
        intro={t("trends.period", {
          from: formatDate(loaderData.fran, i18n.language),
          to: formatDate(loaderData.till, i18n.language),
        })}
      >
        <Link to="/avvikelser" className="button button-ghost">
          {t("admin.back")}
        </Link>
      </PageHeader>
      <nav className="preset-periods no-print" aria-label={t("trends.presets")}>
        {loaderData.presets.map((p) => (
          <Link
            key={p.label}
            to={`?fran=${p.fran}&till=${p.till}`}
            className="button button-ghost"
            aria-current={p.fran === loaderData.fran && p.till === loaderData.till ? "page" : undefined}
          >
            {t(`trends.preset.${p.label}`, { year: p.year })}
          </Link>
        ))}
        <button type="button" className="button button-secondary" onClick={() => window.print()}>
          {t("trends.print")}
        </button>
      </nav>
      <Form method="get" className="filter-bar no-print">
        <TextField label={t("trends.from")} name="fran" type="date" defaultValue={loaderData.fran} />
        <TextField label={t("trends.to")} name="till" type="date" defaultValue={loaderData.till} />
        <div className="filter-actions">
          <button type="submit" className="button button-secondary">
            {t("documents.applyFilters")}
          </button>
        </div>
      </Form>
      <section className="card" aria-labelledby="summary-heading">
        <h2 id="summary-heading">{t("trends.summary")}</h2>
        <p>{t("trends.totals", { count: a.total, total: a.total, closed: a.closed, authority: a.authority.length })}</p>
        {hydrated && a.byMonth.length > 0 ? (
          <Suspense fallback={<div className="kpi-chart" />}>
            <DeviationTrend byMonth={a.byMonth} />
          </Suspense>
        ) : null}
      </section>
      <div className="overview-grid">
        {table(t("trends.byKind"), a.byKind, (k) => t(`deviationKinds.${k}` as "deviationKinds.deviation"))}
        {table(t("trends.byUnit"), a.byUnit)}
        {table(t("trends.byProcess"), a.byProcess)}
        {table(t("trends.byCause"), a.byCause, (c) => t(`causeCategories.${c}` as "causeCategories.people"))}
        {table(t("trends.recurring"), a.recurring)}
      </div>
      <section className="card" aria-labelledby="lessons-heading">
        <h2 id="lessons-heading">{t("trends.lessons")}</h2>
        {a.lessons.length === 0 ? <p className="muted">{t("trends.none")}</p> : null}
        <ul className="plain-list">
          {a.lessons.map((l) => (
            <li key={l.id}>
              <Link to={`/avvikelser/${l.id}`}>
                {l.number}. {l.title}
              </Link>{" "}
              — {l.learning}
            </li>
          ))}
        </ul>
      </section>
    </>
  );
}
