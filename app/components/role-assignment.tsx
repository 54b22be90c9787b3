import { useState } from "react";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import { endOfDateInput, toDateInput } from "#app/utils/dates.ts";
import type { FieldErrors } from "#app/utils/forms.ts";
import { roles, type Role } from "#app/domain/values.ts";
import { SelectField, TextField } from "./ui/field.tsx";
import { unitOptions } from "./unit-options.ts";

/** Role, unit and (for guests) the last day of access: shared by inviting and editing a person. */
export const roleAssignmentFields = {
  role: z.enum(roles, "validation.invalidChoice"),
  unitId: z
    .string()
    .max(40)
    .optional()
    .transform((v) => v || null),
  accessUntil: z.string().max(10).optional(),
};

type RoleAssignment = { role: Role; accessUntil?: string | undefined };

/** Guests need an end date in the future; for the other roles it is ignored. */
export function refineAccessUntil(value: RoleAssignment, ctx: z.RefinementCtx): void {
  if (value.role !== "external_auditor") return;
  if (!value.accessUntil) {
    ctx.addIssue({ code: "custom", message: "validation.required", path: ["accessUntil"] });
    return;
  }
  const end = endOfDateInput(value.accessUntil);
  if (!end) ctx.addIssue({ code: "custom", message: "validation.invalidDate", path: ["accessUntil"] });
  else if (end <= new Date()) ctx.addIssue({ code: "custom", message: "validation.dateInPast", path: ["accessUntil"] });
}

export function accessEnd(value: RoleAssignment): Date | null {
  return value.role === "external_auditor" && value.accessUntil ? endOfDateInput(value.accessUntil) : null;
}

type Props = {
  units: { id: string; name: string; depth: number }[];
  defaults?: { role: Role; unitId: string | null; accessExpiresAt: string | null };
  errors?: FieldErrors;
};

export function RoleAssignmentFields({ units, defaults, errors }: Props) {
  const { t } = useTranslation();
  const [role, setRole] = useState<Role>(defaults?.role ?? "staff");
  return (
    <>
      <SelectField
        label={t("admin.role")}
        name="role"
        value={role}
        onChange={(e) => setRole(e.currentTarget.value as Role)}
        options={roles.map((r) => ({ value: r, label: t(`roles.${r}`) }))}
        hint={t(`roleDescriptions.${role}`)}
        error={errors?.role}
      />
      <SelectField
        label={t("admin.unit")}
        name="unitId"
        defaultValue={defaults?.unitId ?? ""}
        options={[{ value: "", label: t("admin.noUnit") }, ...unitOptions(units)]}
        error={errors?.unitId}
      />
      {role === "external_auditor" ? (
        <TextField
          label={t("admin.accessUntil")}
          name="accessUntil"
          type="date"
          defaultValue={toDateInput(defaults?.accessExpiresAt)}
          hint={t("admin.accessUntilHint")}
          error={errors?.accessUntil}
        />
      ) : null}
    </>
  );
}
