import { useTranslation } from "react-i18next";
import { z } from "zod";
import { actionSources } from "#app/domain/values.ts";
import type { FieldErrors } from "#app/utils/forms.ts";
import { text } from "#app/utils/forms.ts";
import { OwnerAndUnitFields } from "./owner-unit-fields.tsx";
import { SelectField, TextAreaField, TextField } from "./ui/field.tsx";

const day = z.iso.date("validation.invalidDate");

/** What, why, who, when — and how the effect will be verified, which no action may lack. */
export const actionSchema = z
  .object({
    title: text(200),
    reason: text(2000),
    source: z.enum(actionSources, "validation.invalidChoice"),
    ownerId: z.string().min(1, "validation.required").max(40),
    unitId: z
      .string()
      .max(40)
      .optional()
      .transform((v) => v || null),
    dueOn: day,
    effectPlan: text(2000),
    effectMeasure: text(500),
    effectCheckOn: day,
  })
  .refine((a) => a.effectCheckOn >= a.dueOn, { path: ["effectCheckOn"], message: "validation.checkAfterDue" });

type Props = {
  people: { id: string; name: string }[];
  units: { id: string; name: string; depth: number }[];
  /** A new action's owner, unit and source; an edited action's every field. */
  defaults: Partial<Omit<z.output<typeof actionSchema>, "ownerId" | "source" | "unitId">> & {
    ownerId: string;
    unitId: string | null;
    source: string;
  };
  errors?: FieldErrors;
};

export function ActionFields({ people, units, defaults, errors }: Props) {
  const { t } = useTranslation();
  return (
    <>
      <TextField
        label={t("actions.what")}
        name="title"
        maxLength={200}
        defaultValue={defaults.title}
        error={errors?.title}
      />
      <TextAreaField
        label={t("actions.why")}
        name="reason"
        maxLength={2000}
        defaultValue={defaults.reason}
        error={errors?.reason}
      />
      <SelectField
        label={t("actions.source")}
        name="source"
        defaultValue={defaults.source}
        options={actionSources.map((s) => ({ value: s, label: t(`actionSources.${s}`) }))}
        error={errors?.source}
      />
      <OwnerAndUnitFields
        ownerLabel={t("actions.owner")}
        people={people}
        units={units}
        defaults={defaults}
        errors={errors}
      />
      <TextField
        label={t("actions.dueOn")}
        name="dueOn"
        type="date"
        defaultValue={defaults.dueOn}
        error={errors?.dueOn}
      />
      <fieldset className="effect-plan">
        <legend>{t("actions.effectPlanTitle")}</legend>
        <p className="field-hint">{t("actions.effectPlanHint")}</p>
        <TextAreaField
          label={t("actions.effectPlan")}
          name="effectPlan"
          maxLength={2000}
          defaultValue={defaults.effectPlan}
          error={errors?.effectPlan}
        />
        <TextField
          label={t("actions.effectMeasure")}
          name="effectMeasure"
          maxLength={500}
          defaultValue={defaults.effectMeasure}
          error={errors?.effectMeasure}
        />
        <TextField
          label={t("actions.effectCheckOn")}
          name="effectCheckOn"
          type="date"
          defaultValue={defaults.effectCheckOn}
          error={errors?.effectCheckOn}
        />
      </fieldset>
    </>
  );
}
