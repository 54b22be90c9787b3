import { useTranslation } from "react-i18next";
import { formatDate } from "#app/utils/dates.ts";
import type { PanelProps } from "./panel-props.ts";

/** What was reported, by whom, what was done at once, and the files sent with it. */
export function DeviationFacts({ data }: Pick<PanelProps, "data">) {
  const { t, i18n } = useTranslation();
  const { report: r, handles } = data;
  return (
    <section className="card">
      <dl className="facts">
        <dt>{t("deviations.description")}</dt>
        <dd className="pre-line">{r.description}</dd>
        {r.immediateAction ? (
          <>
            <dt>{t("deviations.immediateAction")}</dt>
            <dd className="pre-line">{r.immediateAction}</dd>
          </>
        ) : null}
        {r.responsibleName ? (
          <>
            <dt>{t("deviations.responsible")}</dt>
            <dd>
              {r.responsibleName}
              {r.dueOn ? ` · ${t("deviations.dueOn", { date: formatDate(r.dueOn, i18n.language) })}` : ""}
            </dd>
          </>
        ) : null}
        {handles && (r.contactName || r.contactDetails) ? (
          <>
            <dt>{t("deviations.contact")}</dt>
            <dd>
              {r.contactName} {r.contactDetails}
            </dd>
          </>
        ) : null}
        {r.learning ? (
          <>
            <dt>{t("deviations.learning")}</dt>
            <dd className="pre-line">{r.learning}</dd>
          </>
        ) : null}
      </dl>
      {data.files.length > 0 ? (
        <ul className="attachment-list" aria-label={t("deviations.files")}>
          {data.files.map((f) => (
            <li key={f.id}>
              {f.mime.startsWith("image/") && f.mime !== "image/heic" ? (
                <a href={`/bilagor/${f.id}`}>
                  <img src={`/bilagor/${f.id}`} alt={f.fileName} loading="lazy" />
                </a>
              ) : (
                <a href={`/bilagor/${f.id}`}>{f.fileName}</a>
              )}
            </li>
          ))}
        </ul>
      ) : null}
    </section>
  );
}
