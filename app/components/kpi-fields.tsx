import { useTranslation } from "react-i18next";
import { z } from "zod";
import { kpiDirections, kpiFrequencies } from "#app/domain/values.ts";
import { parseNumber } from "#app/models/kpi-rules.ts";
import { text, type FieldErrors } from "#app/utils/forms.ts";
import { SelectField, TextField } from "./ui/field.tsx";
import { personOptions } from "#app/components/person-options.ts";

const number = z
  .string({ error: "validation.required" })
  .transform((v, ctx) => parseNumber(v) ?? (ctx.addIssue({ code: "custom", message: "validation.number" }), z.NEVER));

// Without an owner and a target a KPI cannot be saved: the list stays short and meaningful.
export const kpiSchema = z.object({
  name: text(200),
  unit: text(20),
  direction: z.enum(kpiDirections, "validation.invalidChoice"),
  target: number,
  warning: number,
  frequency: z.enum(kpiFrequencies, "validation.invalidChoice"),
  ownerId: z.string().min(1, "validation.required").max(40),
  dataSource: text(500),
  objectiveId: z
    .string()
    .max(40)
    .optional()
    .transform((v) => v || null),
});

type Defaults = Partial<Record<"name" | "unit" | "direction" | "frequency" | "dataSource", string>> & {
  ownerId: string;
  objectiveId?: string | null;
  target?: number;
  warning?: number;
};

/** A KPI's definition, the same when it is created and when it is changed. */
export function KpiFields({
  people,
  objectives,
  defaults,
  errors,
}: {
  people: { id: string; name: string }[];
  objectives: { id: string; title: string }[];
  defaults: Defaults;
  errors?: FieldErrors;
}) {
  const { t } = useTranslation();
  return (
    <>
      <TextField label={t("kpis.name")} name="name" defaultValue={defaults.name} maxLength={200} error={errors?.name} />
      <TextField
        label={t("kpis.unit")}
        name="unit"
        defaultValue={defaults.unit}
        maxLength={20}
        hint={t("kpis.unitHint")}
        error={errors?.unit}
      />
      <SelectField
        label={t("kpis.direction")}
        name="direction"
        defaultValue={defaults.direction}
        options={kpiDirections.map((d) => ({ value: d, label: t(`kpis.directions.${d}`) }))}
      />
      <TextField
        label={t("kpis.target")}
        name="target"
        defaultValue={defaults.target}
        inputMode="decimal"
        error={errors?.target}
      />
      <TextField
        label={t("kpis.warning")}
        name="warning"
        defaultValue={defaults.warning}
        inputMode="decimal"
        hint={t("kpis.warningHint")}
        error={errors?.warning}
      />
      <SelectField
        label={t("kpis.frequency")}
        name="frequency"
        defaultValue={defaults.frequency}
        options={kpiFrequencies.map((f) => ({ value: f, label: t(`kpis.frequencies.${f}`) }))}
      />
      <SelectField
        label={t("kpis.owner")}
        name="ownerId"
        defaultValue={defaults.ownerId}
        options={personOptions(people)}
        error={errors?.ownerId}
      />
      <TextField
        label={t("kpis.dataSource")}
        name="dataSource"
        defaultValue={defaults.dataSource}
        maxLength={500}
        error={errors?.dataSource}
      />
      <SelectField
        label={t("kpis.objective")}
        name="objectiveId"
        defaultValue={defaults.objectiveId ?? ""}
        options={[
          { value: "", label: t("kpis.noObjective") },
          ...objectives.map((o) => ({ value: o.id, label: o.title })),
        ]}
      />
    </>
  );
}
