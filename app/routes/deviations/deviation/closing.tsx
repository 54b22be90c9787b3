import { useTranslation } from "react-i18next";
import { Form } from "react-router";
import { SelectField, TextAreaField, TextField } from "#app/components/ui/field.tsx";
import { SubmitButton } from "#app/components/ui/submit-button.tsx";
import { causeCategories } from "#app/domain/values.ts";
import type { PanelProps } from "./panel-props.ts";

/** Closing with what was learnt and the kind of cause. */
export function CloseForm({ errorsFor }: Pick<PanelProps, "errorsFor">) {
  const { t } = useTranslation();
  return (
    <section className="card" aria-labelledby="close-heading">
      <h2 id="close-heading">{t("deviations.close")}</h2>
      <Form method="post" className="form-grid" noValidate>
        <TextAreaField
          label={t("deviations.learning")}
          hint={t("deviations.learningHint")}
          name="learning"
          maxLength={4000}
          error={errorsFor("close")?.learning}
        />
        <SelectField
          label={t("deviations.causeCategory")}
          name="causeCategory"
          options={[
            { value: "", label: "—" },
            ...causeCategories.map((c) => ({ value: c, label: t(`causeCategories.${c}`) })),
          ]}
        />
        <div className="form-actions">
          <SubmitButton name="intent" value="close">
            {t("deviations.close")}
          </SubmitButton>
        </div>
      </Form>
    </section>
  );
}

/** Reopening a closed deviation, with an optional reason. */
export function ReopenForm() {
  const { t } = useTranslation();
  return (
    <Form method="post" className="inline-fields">
      <TextField label={t("deviations.reopenReason")} name="reason" optional maxLength={500} />
      <SubmitButton name="intent" value="reopen" className="button button-ghost">
        {t("deviations.reopen")}
      </SubmitButton>
    </Form>
  );
}
