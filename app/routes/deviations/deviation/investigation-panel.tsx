import { useTranslation } from "react-i18next";
import { Form, Link } from "react-router";
import { TextField } from "#app/components/ui/field.tsx";
import { SubmitButton } from "#app/components/ui/submit-button.tsx";
import { formatDate, formatDateTime } from "#app/utils/dates.ts";
import type { PanelProps } from "./panel-props.ts";

/** The investigation: a timeline of facts and assessments, the five whys, and similar deviations. */
export function InvestigationPanel({ data, errorsFor }: PanelProps) {
  const { t, i18n } = useTranslation();
  const r = data.report;
  const open = r.status !== "closed";
  return (
    <section className="card" aria-labelledby="investigation-heading">
      <h2 id="investigation-heading">{t("deviations.investigation")}</h2>
      <h3>{t("deviations.timeline")}</h3>
      {data.timeline.length === 0 ? <p className="muted">{t("deviations.noTimeline")}</p> : null}
      <ol className="plain-list history">
        {data.timeline.map((e) => (
          <li key={e.id}>
            <time dateTime={e.happenedAt}>{formatDateTime(e.happenedAt, i18n.language)}</time>{" "}
            <span className={`badge ${e.nature === "fact" ? "badge-current" : "badge-draft"}`}>
              {t(`deviations.nature.${e.nature}`)}
            </span>{" "}
            {e.text}{" "}
            <span className="muted">
              — {e.authorName}, {formatDate(e.createdAt, i18n.language)}
            </span>
          </li>
        ))}
      </ol>
      {open ? (
        <Form method="post" className="form-grid" noValidate>
          <TextField
            label={t("deviations.happenedAt")}
            name="happenedAt"
            type="datetime-local"
            defaultValue={r.occurredAt}
            error={errorsFor("timeline")?.happenedAt}
          />
          <TextField label={t("deviations.entry")} name="text" maxLength={2000} error={errorsFor("timeline")?.text} />
          <fieldset className="checkbox-group">
            <legend>{t("deviations.natureLabel")}</legend>
            <label>
              <input type="radio" name="nature" value="fact" defaultChecked /> {t("deviations.nature.fact")}
            </label>
            <label>
              <input type="radio" name="nature" value="assessment" /> {t("deviations.nature.assessment")}
            </label>
          </fieldset>
          <div className="form-actions">
            <SubmitButton name="intent" value="timeline" className="button button-secondary">
              {t("deviations.addEntry")}
            </SubmitButton>
          </div>
        </Form>
      ) : null}
      <h3>{t("deviations.whys")}</h3>
      <ol className="whys">
        {data.whys.map((w) => (
          <li key={w.position}>
            <span className="muted">{t("deviations.why")}</span> {w.answer}
          </li>
        ))}
      </ol>
      {open ? (
        <Form method="post" className="inline-fields" noValidate>
          <TextField
            label={data.whys.length === 0 ? t("deviations.firstWhy") : t("deviations.nextWhy")}
            name="answer"
            maxLength={500}
            error={errorsFor("why")?.answer}
          />
          <SubmitButton name="intent" value="why" className="button button-secondary">
            {t("deviations.addWhy")}
          </SubmitButton>
        </Form>
      ) : null}
      {data.similar.length > 0 ? (
        <>
          <h3>{t("deviations.similar")}</h3>
          <ul className="plain-list">
            {data.similar.map((s) => (
              <li key={s.id}>
                <Link to={`/avvikelser/${s.id}`}>
                  {s.number}. {s.title}
                </Link>{" "}
                <span className={`badge report-${s.status}`}>{t(`deviationStatuses.${s.status}`)}</span>
              </li>
            ))}
          </ul>
        </>
      ) : null}
    </section>
  );
}
