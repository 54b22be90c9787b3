import { useTranslation } from "react-i18next";
import { Form } from "react-router";
import { TextField } from "#app/components/ui/field.tsx";
import { SubmitButton } from "#app/components/ui/submit-button.tsx";
import { formatDate } from "#app/utils/dates.ts";
import type { PanelProps } from "./panel-props.ts";

/** The report owed to an authority: what to send, by when, and the receipt once it is sent. */
export function AuthorityPanel({ data, errorsFor }: PanelProps) {
  const { t, i18n } = useTranslation();
  const r = data.report;
  if (!r.authority) return null;
  return (
    <section className="card" aria-labelledby="authority-heading">
      <h2 id="authority-heading">{t("deviations.authorityTitle", { authority: t(`authorities.${r.authority}`) })}</h2>
      <p>{t(`deviations.authorityChecklist.${r.authority}`)}</p>
      <p>{t("deviations.deadline", { date: formatDate(data.deadline!, i18n.language) })}</p>
      {r.authorityReportedOn ? (
        <p>
          {t("deviations.authorityDone", { date: formatDate(r.authorityReportedOn, i18n.language) })}{" "}
          {r.authorityReceiptId ? <a href={`/bilagor/${r.authorityReceiptId}`}>{t("deviations.receipt")}</a> : null}
        </p>
      ) : (
        <Form method="post" encType="multipart/form-data" className="form-grid" noValidate>
          <TextField
            label={t("deviations.reportedOn")}
            name="reportedOn"
            type="date"
            error={errorsFor("authority")?.reportedOn}
          />
          <TextField
            label={t("deviations.receipt")}
            name="receipt"
            type="file"
            optional
            accept="application/pdf,image/jpeg,image/png"
          />
          <div className="form-actions">
            <SubmitButton name="intent" value="authority" className="button button-secondary">
              {t("deviations.recordAuthority")}
            </SubmitButton>
          </div>
        </Form>
      )}
    </section>
  );
}
