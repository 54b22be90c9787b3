import { useTranslation } from "react-i18next";
import { z } from "zod";
import type { Assessments, RiskDetails } from "#app/models/risks.server.ts";
import { text, type FieldErrors } from "#app/utils/forms.ts";
import { riskCategories, riskKinds, riskTreatments, type RiskScale } from "#app/domain/values.ts";
import { OwnerAndUnitFields } from "./owner-unit-fields.tsx";
import { SelectField, TextAreaField, TextField } from "./ui/field.tsx";

/** What a risk is and who answers for it, as a new risk and an edited one are written. */
export const riskDetailsSchema = {
  kind: z.enum(riskKinds, "validation.invalidChoice"),
  title: text(200),
  category: z.enum(riskCategories, "validation.invalidChoice"),
  cause: text(2000),
  consequenceText: text(2000),
  ownerId: z.string().min(1, "validation.required").max(40),
  unitId: z
    .string()
    .max(40)
    .optional()
    .transform((v) => v || null),
  treatment: z.enum(riskTreatments, "validation.invalidChoice"),
};

type DetailProps = {
  people: { id: string; name: string }[];
  units: { id: string; name: string; depth: number }[];
  defaults: Partial<RiskDetails>;
  errors?: FieldErrors;
};

export function RiskDetailFields({ people, units, defaults, errors }: DetailProps) {
  const { t } = useTranslation();
  return (
    <>
      <SelectField
        label={t("risks.kind")}
        name="kind"
        defaultValue={defaults.kind}
        options={riskKinds.map((k) => ({ value: k, label: t(`riskKinds.${k}`) }))}
        error={errors?.kind}
      />
      <TextField
        label={t("risks.title")}
        name="title"
        maxLength={200}
        defaultValue={defaults.title}
        error={errors?.title}
      />
      <SelectField
        label={t("risks.category")}
        name="category"
        defaultValue={defaults.category}
        options={riskCategories.map((c) => ({ value: c, label: t(`riskCategories.${c}`) }))}
        error={errors?.category}
      />
      <TextAreaField
        label={t("risks.cause")}
        name="cause"
        maxLength={2000}
        defaultValue={defaults.cause}
        error={errors?.cause}
      />
      <TextAreaField
        label={t("risks.consequenceText")}
        name="consequenceText"
        maxLength={2000}
        defaultValue={defaults.consequenceText}
        error={errors?.consequenceText}
      />
      <OwnerAndUnitFields
        ownerLabel={t("risks.owner")}
        people={people}
        units={units}
        defaults={defaults}
        errors={errors}
      />
      <SelectField
        label={t("risks.treatment")}
        name="treatment"
        defaultValue={defaults.treatment ?? "reduce"}
        options={riskTreatments.map((x) => ({ value: x, label: t(`riskTreatments.${x}`) }))}
      />
    </>
  );
}

const step = z.coerce.number("validation.invalidChoice").int("validation.invalidChoice");

/** Likelihood and consequence, inherent and residual; the model checks them against the scale. */
export const assessmentSchema = {
  inherentLikelihood: step,
  inherentConsequence: step,
  residualLikelihood: step,
  residualConsequence: step,
};

export function assessmentsOf(data: z.infer<z.ZodObject<typeof assessmentSchema>>): Assessments {
  return {
    inherent: { likelihood: data.inherentLikelihood, consequence: data.inherentConsequence },
    residual: { likelihood: data.residualLikelihood, consequence: data.residualConsequence },
  };
}

type Props = { scale: RiskScale; defaults?: Assessments; errors?: FieldErrors };

export function AssessmentFields({ scale, defaults, errors }: Props) {
  const { t } = useTranslation();
  const options = (labels: string[]) =>
    labels.map((label, i) => ({ value: String(i + 1), label: `${i + 1}. ${label}` }));
  return (
    <>
      {(["inherent", "residual"] as const).map((which) => (
        <fieldset key={which} className="assessment">
          <legend>{t(`risks.${which}`)}</legend>
          <p className="field-hint">{t(`risks.${which}Hint`)}</p>
          <SelectField
            label={t("risks.likelihood")}
            name={`${which}Likelihood`}
            defaultValue={String(defaults?.[which].likelihood ?? 3)}
            options={options(scale.likelihood)}
            error={errors?.[`${which}Likelihood`]}
          />
          <SelectField
            label={t("risks.consequence")}
            name={`${which}Consequence`}
            defaultValue={String(defaults?.[which].consequence ?? 3)}
            options={options(scale.consequence)}
            error={errors?.[`${which}Consequence`]}
          />
        </fieldset>
      ))}
    </>
  );
}
