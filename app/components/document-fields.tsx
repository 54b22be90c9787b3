import { useTranslation } from "react-i18next";
import { z } from "zod";
import { documentAreas, documentTypes, type DocumentDetails } from "#app/domain/values.ts";
import type { FieldErrors } from "#app/utils/forms.ts";
import { text } from "#app/utils/forms.ts";
import { SelectField, TextField } from "./ui/field.tsx";
import { unitOptions } from "./unit-options.ts";
import { personOptions } from "#app/components/person-options.ts";

/** The register entry of a document: shared by creating one and editing its details. */
export const documentDetailsSchema = z.object({
  title: text(200),
  reference: z
    .string()
    .trim()
    .max(40, "validation.tooLong")
    .optional()
    .transform((v) => v || null),
  type: z.enum(documentTypes, "validation.invalidChoice"),
  ownerId: z.string().min(1, "validation.required").max(40),
  unitId: z
    .string()
    .max(40)
    .optional()
    .transform((v) => v || null),
  areas: z.array(z.enum(documentAreas, "validation.invalidChoice")).max(documentAreas.length),
  tags: z
    .string()
    .max(400, "validation.tooLong")
    .optional()
    .transform((v) =>
      [...new Set((v ?? "").split(",").map((t) => t.trim().slice(0, 40)))].filter(Boolean).slice(0, 12),
    ),
  reviewIntervalMonths: z.coerce
    .number("validation.wholeMonths")
    .int("validation.wholeMonths")
    .min(1, "validation.wholeMonths")
    .max(60, "validation.wholeMonths"),
});

/** Checkbox groups post one value per box; the schema wants them as a list. */
export function documentDetailsInput(form: FormData) {
  return { ...Object.fromEntries(form), areas: form.getAll("areas").map(String) };
}

type Props = {
  people: { id: string; name: string }[];
  units: { id: string; name: string; depth: number }[];
  defaults?: DocumentDetails;
  errors?: FieldErrors;
};

export function DocumentFields({ people, units, defaults, errors }: Props) {
  const { t } = useTranslation();
  return (
    <>
      <TextField
        label={t("documents.title")}
        name="title"
        defaultValue={defaults?.title}
        maxLength={200}
        error={errors?.title}
      />
      <TextField
        label={t("documents.reference")}
        name="reference"
        defaultValue={defaults?.reference ?? ""}
        hint={t("documents.referenceHint")}
        optional
        maxLength={40}
        error={errors?.reference}
      />
      <SelectField
        label={t("documents.type")}
        name="type"
        defaultValue={defaults?.type ?? "routine"}
        options={documentTypes.map((type) => ({ value: type, label: t(`documentTypes.${type}`) }))}
        error={errors?.type}
      />
      <SelectField
        label={t("documents.owner")}
        name="ownerId"
        defaultValue={defaults?.ownerId}
        options={personOptions(people)}
        error={errors?.ownerId}
      />
      <SelectField
        label={t("documents.unit")}
        name="unitId"
        defaultValue={defaults?.unitId ?? ""}
        options={[{ value: "", label: t("documents.wholeOrganisation") }, ...unitOptions(units)]}
        error={errors?.unitId}
      />
      <fieldset className="checkbox-group">
        <legend>{t("documents.areas")}</legend>
        {documentAreas.map((area) => (
          <label key={area}>
            <input type="checkbox" name="areas" value={area} defaultChecked={defaults?.areas.includes(area)} />{" "}
            {t(`areas.${area}`)}
          </label>
        ))}
      </fieldset>
      <TextField
        label={t("documents.tags")}
        name="tags"
        defaultValue={defaults?.tags.join(", ")}
        hint={t("documents.tagsHint")}
        optional
        maxLength={400}
        error={errors?.tags}
      />
      <TextField
        label={t("documents.reviewInterval")}
        name="reviewIntervalMonths"
        type="number"
        min={1}
        max={60}
        inputMode="numeric"
        defaultValue={defaults?.reviewIntervalMonths ?? 12}
        hint={t("documents.reviewIntervalHint")}
        error={errors?.reviewIntervalMonths}
      />
    </>
  );
}
