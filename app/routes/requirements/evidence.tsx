import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { CoverageBar } from "#app/components/coverage-bar.tsx";
import { PageHeader } from "#app/components/ui/page-header.tsx";
import { requirePermission } from "#app/auth/guards.server.ts";
import { can } from "#app/auth/permissions.server.ts";
import { Notice } from "#app/components/ui/notice.tsx";
import { evidencePack } from "#app/models/evidence-pack.server.ts";
import { requirementTitle } from "#app/models/requirement-rules.ts";
import { formatDate } from "#app/utils/dates.ts";
import type { Route } from "./+types/evidence";

export function loader({ request, context }: Route.LoaderArgs) {
  const { user } = requirePermission(request, context, "view", { type: "evidencePack" });
  return { ...evidencePack(context.db, user), canAddFrameworks: can(user, "manage", { type: "requirements" }) };
}

/** What an external auditor or an inspector is handed, on one page and as one PDF. */
export default function EvidencePackPage({ loaderData: pack }: Route.ComponentProps) {
  const { t, i18n } = useTranslation();
  const date = (value: string) => formatDate(value, i18n.language);
  return (
    <>
      <PageHeader title={t("evidence.title")} intro={t("evidence.intro", { date: date(pack.generatedOn) })}>
        <a href="/krav/bevis.pdf" className="button" download>
          {t("evidence.download")}
        </a>
      </PageHeader>
      {pack.frameworks.length === 0 ? (
        <Notice tone="info">
          {t("evidence.noFrameworks")}{" "}
          {pack.canAddFrameworks ? (
            <Link to="/krav">{t("evidence.addFrameworks")}</Link>
          ) : (
            t("evidence.askForFrameworks")
          )}
        </Notice>
      ) : null}
      <section className="card" aria-labelledby="ev-scope" hidden={pack.frameworks.length === 0}>
        <h2 id="ev-scope">{t("evidence.sections.scope")}</h2>
        {pack.frameworks.map((f) => (
          <div key={f.id}>
            <h3>
              <Link to={`/krav/${f.id}`}>{f.name}</Link>
            </h3>
            <dl className="facts">
              <dt>{t("frameworks.scopeText")}</dt>
              <dd className="pre-line">{f.scope || t("frameworks.noScope")}</dd>
              <dt>{t("frameworks.boundaries")}</dt>
              <dd className="pre-line">{f.boundaries || "–"}</dd>
              <dt>{t("evidence.exclusions")}</dt>
              <dd>
                {f.exclusions.length === 0 ? (
                  "–"
                ) : (
                  <ul className="plain-list">
                    {f.exclusions.map((e) => (
                      <li key={e.code}>
                        {e.code} {requirementTitle(e, (key) => t(key as "clauses.4_1"))}:{" "}
                        <span className="muted">{e.justification}</span>
                      </li>
                    ))}
                  </ul>
                )}
              </dd>
            </dl>
          </div>
        ))}
      </section>
      <section className="card" aria-labelledby="ev-policy">
        <h2 id="ev-policy">{t("evidence.sections.policy")}</h2>
        <ul className="plain-list">
          {pack.releases
            .filter((r) => r.type === "policy")
            .map((r) => (
              <li key={r.documentId}>
                <Link to={`/gallande/${r.documentId}`}>{r.title}</Link>{" "}
                <span className="muted">
                  {t("evidence.columns.version")} {r.version} · {r.approverName}
                </span>
              </li>
            ))}
        </ul>
      </section>
      <section className="card" aria-labelledby="ev-frameworks" hidden={pack.frameworks.length === 0}>
        <h2 id="ev-frameworks">{t("evidence.sections.frameworks")}</h2>
        {pack.frameworks.map((f) => (
          <div key={f.id}>
            <h3>{f.name}</h3>
            <CoverageBar summary={f.summary} />
          </div>
        ))}
      </section>
      <section className="card" aria-labelledby="ev-releases">
        <h2 id="ev-releases">{t("evidence.sections.releases")}</h2>
        <div className="table-wrap">
          <table>
            <caption className="visually-hidden">{t("evidence.sections.releases")}</caption>
            <thead>
              <tr>
                <th scope="col">{t("evidence.columns.title")}</th>
                <th scope="col">{t("evidence.columns.version")}</th>
                <th scope="col">{t("evidence.columns.approver")}</th>
                <th scope="col">{t("evidence.columns.effective")}</th>
              </tr>
            </thead>
            <tbody>
              {pack.releases.map((r) => (
                <tr key={r.documentId}>
                  <th scope="row">
                    <Link to={`/gallande/${r.documentId}`}>{r.title}</Link>{" "}
                    <span className="muted">{t(`documentTypes.${r.type}`)}</span>
                  </th>
                  <td>{r.version}</td>
                  <td>{r.approverName}</td>
                  <td>{date(r.effectiveOn)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>
      <section className="card" aria-labelledby="ev-processes">
        <h2 id="ev-processes">{t("evidence.sections.processes")}</h2>
        <ul className="plain-list">
          {pack.processes.map((p) => (
            <li key={p.id}>
              <Link to={`/processer/${p.id}`}>{p.title}</Link>{" "}
              <span className="muted">
                {p.ownerName} ·{" "}
                {p.mapVersion ? t("evidence.mapVersion", { version: p.mapVersion }) : t("evidence.noMap")}
              </span>
            </li>
          ))}
        </ul>
      </section>
      <section className="card" aria-labelledby="ev-risks">
        <h2 id="ev-risks">{t("evidence.sections.risks")}</h2>
        <ul className="plain-list">
          {pack.risks.map((r) => (
            <li key={r.number}>
              R{r.number}. {r.title} <span className={`badge level-${r.level}`}>{t(`risks.levels.${r.level}`)}</span>{" "}
              <span className="muted">{r.ownerName}</span>
            </li>
          ))}
        </ul>
      </section>
      <section className="card" aria-labelledby="ev-kpis">
        <h2 id="ev-kpis">{t("evidence.sections.kpis")}</h2>
        <ul className="plain-list">
          {pack.kpis.map((k) => (
            <li key={k.name}>
              <strong>{k.name}</strong>{" "}
              {k.latest ? (
                <>
                  {k.latest.value} {k.unit} ({k.latest.period}) ·{" "}
                  {t("evidence.target", { target: k.target, unit: k.unit })} · {t(`kpis.status.${k.latest.status}`)}
                </>
              ) : (
                t("links.status.kpi_no_data")
              )}
              <br />
              <span className="muted">{k.series.map((m) => `${m.period}: ${m.value}`).join(" · ")}</span>
            </li>
          ))}
        </ul>
      </section>
      <section className="card" aria-labelledby="ev-audits">
        <h2 id="ev-audits">{t("evidence.sections.audits")}</h2>
        {pack.programmes.length === 0 ? <p className="muted">{t("evidence.noProgramme")}</p> : null}
        {pack.programmes.map((p) => (
          <div key={p.year}>
            <h3>{t("audits.title", { year: p.year })}</h3>
            <ul className="plain-list">
              {p.audits.map((a) => (
                <li key={a.id}>
                  <Link to={`/revision/granskningar/${a.id}`}>
                    {a.number}. {a.title}
                  </Link>{" "}
                  <span className={`badge audit-${a.status}`}>{t(`audits.status.${a.status}`)}</span>{" "}
                  <span className="muted">{date(a.plannedOn)}</span>
                </li>
              ))}
            </ul>
          </div>
        ))}
      </section>
      <section className="card" aria-labelledby="ev-review">
        <h2 id="ev-review">{t("evidence.sections.review")}</h2>
        {pack.review ? (
          <p>
            <Link to={`/ledningens-genomgang/${pack.review.id}`}>{pack.review.title}</Link> · {date(pack.review.heldOn)}
            {pack.review.version ? ` · ${t("managementReviews.released", { version: pack.review.version })}` : ""}
          </p>
        ) : (
          <p className="muted">{t("evidence.noReview")}</p>
        )}
      </section>
      <section className="card" aria-labelledby="ev-actions">
        <h2 id="ev-actions">{t("evidence.sections.actions")}</h2>
        <p>{t("evidence.actions", pack.actions.byStatus)}</p>
        <ul className="plain-list">
          {pack.actions.verified.map((a) => (
            <li key={a.number}>
              {a.number}. {a.title} <span className="muted">– {a.result}</span>
            </li>
          ))}
        </ul>
      </section>
      <section className="card" aria-labelledby="ev-trail">
        <h2 id="ev-trail">{t("evidence.sections.trail")}</h2>
        <p>
          {pack.trail.ok
            ? t("evidence.trailOk", { count: pack.trail.checked })
            : t("evidence.trailBad", { row: pack.trail.firstBadSeq, reason: pack.trail.reason })}
        </p>
      </section>
    </>
  );
}
