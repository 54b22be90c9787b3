import { useTranslation } from "react-i18next";
import type { FieldErrors } from "#app/utils/forms.ts";
import { personOptions } from "./person-options.ts";
import { SelectField } from "./ui/field.tsx";
import { unitOptions } from "./unit-options.ts";

/** Who answers for a register item, and the unit it belongs to (or the whole organisation). */
export function OwnerAndUnitFields({
  ownerLabel,
  people,
  units,
  defaults,
  errors,
}: {
  ownerLabel: string;
  people: { id: string; name: string }[];
  units: { id: string; name: string; depth: number }[];
  defaults: { ownerId?: string; unitId?: string | null };
  errors?: FieldErrors;
}) {
  const { t } = useTranslation();
  return (
    <>
      <SelectField
        label={ownerLabel}
        name="ownerId"
        defaultValue={defaults.ownerId}
        options={personOptions(people)}
        error={errors?.ownerId}
      />
      <SelectField
        label={t("documents.unit")}
        name="unitId"
        defaultValue={defaults.unitId ?? ""}
        options={[{ value: "", label: t("documents.wholeOrganisation") }, ...unitOptions(units)]}
        error={errors?.unitId}
      />
    </>
  );
}
