import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { PageHeader } from "#app/components/ui/page-header.tsx";
import { requirePermission } from "#app/auth/guards.server.ts";
import { annualCycle } from "#app/models/annual-cycle.server.ts";
import { formatDate } from "#app/utils/dates.ts";
import type { Route } from "./+types/annual-cycle";

export function loader({ request, context }: Route.LoaderArgs) {
  requirePermission(request, context, "view", { type: "managementReviews" });
  const asked = Number(new URL(request.url).searchParams.get("ar"));
  const year = Number.isInteger(asked) && asked >= 2000 && asked <= 2100 ? asked : new Date().getFullYear();
  return { year, duties: annualCycle(context.db, year) };
}

const months = Array.from({ length: 12 }, (_, i) => String(i + 1).padStart(2, "0"));

/** The year's recurring duties month by month, each showing where it stands. */
export default function AnnualCycle({ loaderData }: Route.ComponentProps) {
  const { t, i18n } = useTranslation();
  const { year, duties } = loaderData;
  const count = (status: string) => duties.filter((d) => d.status === status).length;
  const monthName = (m: string) =>
    new Intl.DateTimeFormat(i18n.language === "en" ? "en-GB" : "sv-SE", { month: "long" }).format(
      new Date(year, Number(m) - 1, 1),
    );
  return (
    <>
      <PageHeader title={t("cycle.title", { year })} intro={t("cycle.intro")}>
        <nav className="year-nav" aria-label={t("audits.years")}>
          <Link to={`?ar=${year - 1}`} className="button button-ghost">
            {year - 1}
          </Link>
          <Link to={`?ar=${year + 1}`} className="button button-ghost">
            {year + 1}
          </Link>
        </nav>
      </PageHeader>
      <p className="cycle-summary">
        {(["overdue", "due", "upcoming", "done"] as const).map((s) => (
          <span key={s} className={`badge cycle-${s}`}>
            {t(`cycle.status.${s}`)}: {count(s)}
          </span>
        ))}
      </p>
      <ol className="cycle-months">
        {months.map((m) => {
          const inMonth = duties.filter((d) => d.dueOn.slice(5, 7) === m && d.dueOn.startsWith(`${year}-`));
          return (
            <li key={m} className="card" aria-labelledby={`month-${m}`}>
              <h2 id={`month-${m}`}>{monthName(m)}</h2>
              {inMonth.length === 0 ? <p className="muted">{t("cycle.nothing")}</p> : null}
              <ul className="plain-list">
                {inMonth.map((d) => (
                  <li key={`${d.key}-${d.dueOn}-${d.href}`} id={`${d.key}-${d.dueOn}`}>
                    <Link to={d.href}>{t(`cycle.duties.${d.key}` as "cycle.duties.audit", d.values)}</Link>
                    <br />
                    <span className={`badge cycle-${d.status}`}>{t(`cycle.status.${d.status}`)}</span>{" "}
                    <span className="muted">
                      {d.doneOn
                        ? t(d.doneOn > d.dueOn ? "cycle.doneLate" : "cycle.doneOn", {
                            date: formatDate(d.doneOn, i18n.language),
                            due: formatDate(d.dueOn, i18n.language),
                          })
                        : formatDate(d.dueOn, i18n.language)}
                    </span>
                  </li>
                ))}
              </ul>
            </li>
          );
        })}
      </ol>
    </>
  );
}
