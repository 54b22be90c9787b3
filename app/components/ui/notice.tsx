import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import type { FieldErrors } from "#app/utils/forms.ts";

/** A status line that screen readers announce: success and info politely, errors at once. */
export function Notice({ tone = "info", children }: { tone?: "info" | "success" | "error"; children: ReactNode }) {
  return (
    <div className={`notice notice-${tone}`} role={tone === "error" ? "alert" : "status"}>
      {children}
    </div>
  );
}

/** A form's refusal that belongs to no one field (a rule of the domain said no), in the reader's language. */
export function FormRefusal({ errors }: { errors: FieldErrors | undefined }) {
  const { t } = useTranslation();
  return errors?.form ? <Notice tone="error">{t(errors.form.key as "errors.unit.notFound")}</Notice> : null;
}
