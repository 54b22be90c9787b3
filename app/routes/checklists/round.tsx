import { useTranslation } from "react-i18next";
import { data, Link } from "react-router";
import { PageHeader } from "#app/components/ui/page-header.tsx";
import { requirePermission } from "#app/auth/guards.server.ts";
import { getRound } from "#app/models/checklists.server.ts";
import { formatDateTime } from "#app/utils/dates.ts";
import type { Route } from "./+types/round";

export function loader({ request, params, context }: Route.LoaderArgs) {
  const { user } = requirePermission(request, context, "view", { type: "checklists" });
  const round = getRound(context.db, user, params.roundId);
  if (!round) throw data({ reason: "notFound" }, { status: 404 });
  return round;
}

/** One answered round: each question, its answer and note, and its photo. */
export default function ChecklistRound({ loaderData: r }: Route.ComponentProps) {
  const { t, i18n } = useTranslation();
  return (
    <>
      <PageHeader
        title={r.title}
        intro={`${r.period} · ${t("checklists.roundBy", { name: r.answeredByName, date: formatDateTime(r.answeredAt, i18n.language) })}`}
      >
        <Link to="/avvikelser/egenkontroller" className="button button-ghost">
          {t("admin.back")}
        </Link>
      </PageHeader>
      <section className="card" aria-labelledby="round-heading">
        <h2 id="round-heading">{t("checklists.round")}</h2>
        <dl className="round-answers">
          {r.questions.map((q) => {
            const answer = r.answers[q.id];
            return (
              <div key={q.id}>
                <dt>{q.text}</dt>
                <dd>
                  {q.type === "photo" ? (
                    answer?.value ? (
                      <a href={`/bilagor/${answer.value}`}>
                        <img
                          src={`/bilagor/${answer.value}`}
                          alt={t("checklists.photoOf", { question: q.text })}
                          className="round-photo"
                        />
                      </a>
                    ) : (
                      <span className="muted">{t("checklists.noPhoto")}</span>
                    )
                  ) : q.type === "text" ? (
                    answer?.value || "–"
                  ) : (
                    <strong className={answer?.value === "no" ? "answer-no" : undefined}>
                      {t(`checklists.choices.${answer?.value ?? "yes"}` as "checklists.choices.yes")}
                    </strong>
                  )}
                  {answer?.note ? <p>{answer.note}</p> : null}
                </dd>
              </div>
            );
          })}
        </dl>
      </section>
    </>
  );
}
