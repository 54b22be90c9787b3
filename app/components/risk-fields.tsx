import { useTranslation } from "react-i18next";
import { z } from "zod";
import type { Assessments } from "#app/models/risks.server.ts";
import type { FieldErrors } from "#app/utils/forms.ts";
import type { RiskScale } from "#app/domain/values.ts";
import { SelectField } from "./ui/field.tsx";

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
