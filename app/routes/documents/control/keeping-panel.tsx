import { useTranslation } from "react-i18next";
import { Form } from "react-router";
import { SelectField, TextAreaField, TextField } from "#app/components/ui/field.tsx";
import { FormRefusal } from "#app/components/ui/notice.tsx";
import { SubmitButton } from "#app/components/ui/submit-button.tsx";
import { WITHDRAWAL_REASON_MIN } from "#app/models/document-rules.ts";
import { formatDate } from "#app/utils/dates.ts";
import type { PanelProps } from "./panel-props.ts";

/** The keeper's duties between releases: the periodic review, and withdrawing or restoring the document. */
export function KeepingPanel({ data, errorsFor, last }: PanelProps) {
  const { t, i18n } = useTranslation();
  const doc = data.document;
  const archived = doc.status === "archived";
  const withdrawErrors = errorsFor("withdraw");
  return (
    <section className="card" aria-labelledby="periodic-heading">
      <h2 id="periodic-heading">{t("control.periodicTitle")}</h2>
      <p>
        {doc.nextReviewOn
          ? t("control.nextReview", {
              date: formatDate(doc.nextReviewOn, i18n.language),
              months: doc.reviewIntervalMonths,
            })
          : t("control.nextReviewAfterRelease", { months: doc.reviewIntervalMonths })}
      </p>
      {doc.nextReviewOn && !archived ? (
        <Form method="post" className="form-grid" noValidate>
          <TextField
            label={t("control.noChangeComment")}
            name="comment"
            optional
            maxLength={1000}
            error={errorsFor("noChange").comment}
          />
          <div className="form-actions">
            <SubmitButton name="intent" value="noChange" className="button button-secondary">
              {t("control.reviewedNoChange")}
            </SubmitButton>
          </div>
        </Form>
      ) : null}
      <h3>{archived ? t("control.restoreTitle") : t("control.withdrawTitle")}</h3>
      {archived ? (
        <Form method="post" className="form-grid" noValidate>
          <div className="form-actions">
            <SubmitButton name="intent" value="restore" className="button button-ghost">
              {t("control.restore")}
            </SubmitButton>
          </div>
        </Form>
      ) : (
        <details className="withdrawal" open={last?.intent === "withdraw"}>
          <summary>{t("control.withdrawOpen")}</summary>
          <p>{t("control.withdrawIntro")}</p>
          <Form method="post" className="stack" noValidate>
            <TextAreaField
              label={t("control.withdrawReason")}
              name="reason"
              rows={3}
              maxLength={1000}
              hint={t("control.withdrawReasonHint", { min: WITHDRAWAL_REASON_MIN })}
              error={withdrawErrors.reason}
            />
            <SelectField
              label={t("control.replacedBy")}
              name="replacedBy"
              options={[
                { value: "", label: t("control.noReplacement") },
                ...data.replacements.map((d) => ({ value: d.id, label: d.title })),
              ]}
              error={withdrawErrors.replacedBy}
            />
            <TextField
              label={t("control.withdrawPassword")}
              name="password"
              type="password"
              autoComplete="current-password"
              maxLength={256}
              error={withdrawErrors.password}
            />
            <label className="checkbox">
              <input type="checkbox" name="confirm" /> {t("control.withdrawConfirm")}
            </label>
            {withdrawErrors.confirm ? <p className="field-error">{t("validation.confirmWithdrawal")}</p> : null}
            <FormRefusal errors={withdrawErrors} />
            <div className="form-actions">
              <SubmitButton name="intent" value="withdraw" className="button button-danger">
                {t("control.withdraw")}
              </SubmitButton>
            </div>
          </Form>
        </details>
      )}
    </section>
  );
}
