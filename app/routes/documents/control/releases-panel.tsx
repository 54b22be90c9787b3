import { useTranslation } from "react-i18next";
import { Form, Link } from "react-router";
import { SelectField } from "#app/components/ui/field.tsx";
import { SubmitButton } from "#app/components/ui/submit-button.tsx";
import { formatDate } from "#app/utils/dates.ts";
import type { PanelProps } from "./panel-props.ts";

/** The releases, which is in effect, who must acknowledge each and how far they have come. */
export function ReleasesPanel({ data }: Pick<PanelProps, "data">) {
  const { t, i18n } = useTranslation();
  const doc = data.document;
  const date = (value: Date | string) => formatDate(value, i18n.language);
  const versions = data.releases.map((r) => ({ value: r.version, label: r.version }));
  return (
    <section className="card" aria-labelledby="releases-heading">
      <h2 id="releases-heading">{t("control.releasesTitle")}</h2>
      {data.releases.length === 0 ? (
        <p className="muted">{t("control.noReleases")}</p>
      ) : (
        <>
          <div className="table-wrap">
            <table>
              <thead>
                <tr>
                  <th scope="col">{t("control.version")}</th>
                  <th scope="col">{t("control.effectiveOn")}</th>
                  <th scope="col">{t("control.approvedBy")}</th>
                  <th scope="col">{t("control.summary")}</th>
                  <th scope="col">{t("control.acknowledged")}</th>
                </tr>
              </thead>
              <tbody>
                {data.releases.map((r) => (
                  <tr key={r.id}>
                    <td>
                      <Link to={`/gallande/${doc.id}/${r.version}`}>{r.version}</Link>{" "}
                      {r.isCurrent ? <span className="badge badge-current">{t("control.current")}</span> : null}
                      {r.withdrawn ? <span className="badge badge-inactive">{t("control.withdrawnBadge")}</span> : null}
                      {r.effectiveOn > data.today ? (
                        <span className="badge badge-neutral">{t("control.upcoming")}</span>
                      ) : null}
                    </td>
                    <td>{date(r.effectiveOn)}</td>
                    <td>
                      {r.approverName}, {date(r.approvedAt)}
                    </td>
                    <td>{r.summary}</td>
                    <td>
                      {r.progress && r.progress.groups.length > 0 ? (
                        <details>
                          <summary>
                            {t("control.progress", { done: r.progress.done, total: r.progress.readers.length })}
                          </summary>
                          <ul className="plain-list">
                            {r.progress.readers.map((reader) => (
                              <li key={reader.id}>
                                {reader.name}: {reader.at ? date(reader.at) : <strong>{t("control.notYet")}</strong>}
                              </li>
                            ))}
                          </ul>
                          {r.isCurrent && r.progress.done < r.progress.readers.length ? (
                            <Form method="post">
                              <input type="hidden" name="releaseId" value={r.id} />
                              <SubmitButton name="intent" value="remind" className="button button-secondary">
                                {t("control.remind")}
                              </SubmitButton>
                            </Form>
                          ) : null}
                        </details>
                      ) : r.readerGroups.length > 0 ? (
                        <span>
                          {t("control.acknowledgementBy", {
                            groups: r.readerGroups
                              .map((g) => (g.kind === "role" ? t(`roles.${g.value as "staff"}`) : g.value))
                              .join(", "),
                          })}
                        </span>
                      ) : (
                        <span className="muted">{t("control.noAcknowledgement")}</span>
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          {data.releases.length > 1 ? (
            <Form method="get" action={`/gallande/${doc.id}/jamfor`} className="filter-bar">
              <SelectField
                label={t("control.compareFrom")}
                name="fran"
                defaultValue={data.releases[1]!.version}
                options={versions}
              />
              <SelectField
                label={t("control.compareTo")}
                name="till"
                defaultValue={data.releases[0]!.version}
                options={versions}
              />
              <button type="submit" className="button button-secondary">
                {t("control.compare")}
              </button>
            </Form>
          ) : null}
        </>
      )}
      {data.releases.length > 0 ? (
        <p>
          <Link to={`/dokument/${doc.id}/jamfor`}>{t("control.compareDraft")}</Link>
        </p>
      ) : null}
    </section>
  );
}
