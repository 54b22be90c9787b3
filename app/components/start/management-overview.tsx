import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import type { ManagementOverview } from "#app/models/overview.server.ts";
import { formatDate } from "#app/utils/dates.ts";
import { RiskHeatMap } from "../risk-heat-map.tsx";

/** The quality manager's and leadership's view of the whole system, on Start. */
export function ManagementOverviewPanel({ overview }: { overview: ManagementOverview }) {
  const { t, i18n } = useTranslation();
  const date = (value: string) => formatDate(value, i18n.language);
  const levels = overview.riskLevels;
  return (
    <section aria-labelledby="overview-heading" className="overview">
      <h2 id="overview-heading">{t("overview.title")}</h2>
      <div className="overview-grid">
        <section className="card overview-wide" aria-labelledby="overview-risks">
          <h3 id="overview-risks">{t("overview.risks")}</h3>
          <RiskHeatMap
            scale={overview.scale}
            rows={overview.heatMap}
            hrefFor={(cell) => `/risker?s=${cell.likelihood}&k=${cell.consequence}`}
            caption={t("overview.heatMapCaption")}
          />
          <p>
            {t("overview.riskLevels", {
              critical: levels.critical,
              high: levels.high,
              medium: levels.medium,
              low: levels.low,
            })}
          </p>
        </section>
        <section className="card" aria-labelledby="overview-kpis">
          <h3 id="overview-kpis">{t("overview.kpisMissing", { count: overview.kpisMissingCount })}</h3>
          {overview.kpisMissing.length === 0 ? (
            <p className="muted">{t("overview.kpisAllOn")}</p>
          ) : (
            <ul className="plain-list">
              {overview.kpisMissing.map((k) => (
                <li key={k.id}>
                  <Link to={`/mal/nyckeltal/${k.id}`}>{k.name}</Link>{" "}
                  <span className={`badge kpi-${k.latest.status}`}>
                    {k.latest.value.toLocaleString(i18n.language)} {k.unit} · {t(`kpis.status.${k.latest.status}`)}
                  </span>{" "}
                  <span className="muted">{t("kpis.targetShort", { target: k.target, unit: k.unit })}</span>
                </li>
              ))}
            </ul>
          )}
          {overview.kpisWithoutData > 0 ? (
            <p className="muted">{t("overview.kpisWithoutData", { count: overview.kpisWithoutData })}</p>
          ) : null}
          <p>
            <Link to="/mal">{t("overview.allKpis")}</Link>
          </p>
        </section>
        <section className="card" aria-labelledby="overview-actions">
          <h3 id="overview-actions">{t("overview.overdueActions", { count: overview.overdueActionsCount })}</h3>
          {overview.overdueActions.length === 0 ? (
            <p className="muted">{t("overview.nothingOverdue")}</p>
          ) : (
            <ul className="plain-list">
              {overview.overdueActions.map((a) => (
                <li key={a.id}>
                  <Link to={`/atgarder/${a.id}`}>
                    {a.number}. {a.title}
                  </Link>{" "}
                  <span className="muted">
                    {t(a.effectCheck ? "overview.effectCheckWas" : "overview.dueWas", { date: date(a.date) })} ·{" "}
                    {a.ownerName}
                  </span>
                </li>
              ))}
            </ul>
          )}
          <p>
            <Link to="/atgarder?visa=forsenade">{t("overview.allOverdue")}</Link>
          </p>
        </section>
        <section className="card" aria-labelledby="overview-reviews">
          <h3 id="overview-reviews">{t("overview.reviewsOverdue", { count: overview.reviewsOverdueCount })}</h3>
          {overview.reviewsOverdue.length === 0 ? (
            <p className="muted">{t("overview.nothingOverdue")}</p>
          ) : (
            <ul className="plain-list">
              {overview.reviewsOverdue.map((d) => (
                <li key={d.id}>
                  <Link to={`/dokument/${d.id}/granskning`}>{d.title}</Link>{" "}
                  <span className="muted">
                    {t("overview.dueWas", { date: date(d.nextReviewOn) })} · {d.ownerName}
                  </span>
                </li>
              ))}
            </ul>
          )}
        </section>
      </div>
      {overview.units.length > 0 ? (
        <section className="card" aria-labelledby="overview-units">
          <h3 id="overview-units">{t("overview.byUnit")}</h3>
          <div className="table-wrap">
            <table>
              <caption className="visually-hidden">{t("overview.byUnit")}</caption>
              <thead>
                <tr>
                  <th scope="col">{t("overview.unit")}</th>
                  <th scope="col">{t("overview.highRisks")}</th>
                  <th scope="col">{t("overview.openActions")}</th>
                  <th scope="col">{t("overview.lateActions")}</th>
                  <th scope="col">{t("overview.documents")}</th>
                </tr>
              </thead>
              <tbody>
                {overview.units.map((u) => (
                  <tr key={u.unitId ?? "organisation"}>
                    <th scope="row" style={{ paddingLeft: `${0.8 + u.depth * 1.2}rem` }}>
                      {u.name ?? t("documents.wholeOrganisation")}
                    </th>
                    <td>{u.highRisks}</td>
                    <td>{u.openActions}</td>
                    <td className={u.overdueActions > 0 ? "cell-attention" : undefined}>{u.overdueActions}</td>
                    <td>{u.documents}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </section>
      ) : null}
    </section>
  );
}
