import { useTranslation } from "react-i18next";
import { PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH } from "#app/auth/schemas.ts";
import type { FieldErrors } from "#app/utils/forms.ts";
import { TextField } from "./ui/field.tsx";

/** A new password typed twice, with the rule stated up front. */
export function NewPasswordFields({ errors, label }: { errors?: FieldErrors; label?: string }) {
  const { t } = useTranslation();
  return (
    <>
      <TextField
        label={label ?? t("account.newPassword")}
        name="password"
        type="password"
        autoComplete="new-password"
        hint={t("account.passwordHint", { min: PASSWORD_MIN_LENGTH })}
        error={errors?.password}
        minLength={PASSWORD_MIN_LENGTH}
        maxLength={PASSWORD_MAX_LENGTH}
      />
      <TextField
        label={t("account.confirmPassword")}
        name="confirm"
        type="password"
        autoComplete="new-password"
        error={errors?.confirm}
        maxLength={PASSWORD_MAX_LENGTH}
      />
    </>
  );
}
