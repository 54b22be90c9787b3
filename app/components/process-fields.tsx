import { useTranslation } from "react-i18next";
import { z } from "zod";
import { processKinds } from "#app/domain/values.ts";
import { text, type FieldErrors } from "#app/utils/forms.ts";
import { SelectField, TextAreaField, TextField } from "./ui/field.tsx";
import { personOptions } from "#app/components/person-options.ts";

const prose = z.string().trim().max(2000, "validation.tooLong").default("");

export const processSchema = z.object({
  title: text(200),
  kind: z.enum(processKinds, "validation.invalidChoice"),
  parentId: z
    .string()
    .max(40)
    .optional()
    .transform((v) => v || null),
  ownerId: z.string().min(1, "validation.required").max(40),
  mandate: prose,
  purpose: prose,
  inputs: prose,
  outputs: prose,
  customers: prose,
  interfaces: prose,
});

type Defaults = Partial<
  Record<"title" | "mandate" | "purpose" | "inputs" | "outputs" | "customers" | "interfaces", string>
> & {
  kind?: string;
  parentId?: string | null;
  ownerId: string;
};

/** What is said about a process: the same fields when it is created and when it is changed. */
export function ProcessFields({
  people,
  parents,
  defaults,
  errors,
}: {
  people: { id: string; name: string }[];
  parents: { id: string; title: string }[];
  defaults: Defaults;
  errors?: FieldErrors;
}) {
  const { t } = useTranslation();
  const prosy = ["purpose", "inputs", "outputs", "customers", "interfaces"] as const;
  return (
    <>
      <TextField
        label={t("processes.title")}
        name="title"
        defaultValue={defaults.title}
        maxLength={200}
        error={errors?.title}
      />
      <SelectField
        label={t("processes.kind")}
        name="kind"
        defaultValue={defaults.kind ?? "core"}
        options={processKinds.map((k) => ({ value: k, label: t(`processKinds.${k}`) }))}
        error={errors?.kind}
      />
      <SelectField
        label={t("processes.parent")}
        name="parentId"
        defaultValue={defaults.parentId ?? ""}
        options={[
          { value: "", label: t("processes.noParent") },
          ...parents.map((p) => ({ value: p.id, label: p.title })),
        ]}
        error={errors?.parentId}
      />
      <SelectField
        label={t("processes.owner")}
        name="ownerId"
        defaultValue={defaults.ownerId}
        options={personOptions(people)}
        error={errors?.ownerId}
      />
      <TextAreaField
        label={t("processes.mandate")}
        hint={t("processes.mandateHint")}
        name="mandate"
        defaultValue={defaults.mandate}
        maxLength={2000}
        optional
        error={errors?.mandate}
      />
      {prosy.map((field) => (
        <TextAreaField
          key={field}
          label={t(`processes.${field}`)}
          name={field}
          defaultValue={defaults[field]}
          maxLength={2000}
          optional
          error={errors?.[field]}
        />
      ))}
    </>
  );
}
