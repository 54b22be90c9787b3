import { useTranslation } from "react-i18next";
import { Form, Link, redirect } from "react-router";
import { AuthCard } from "#app/components/auth-card.tsx";
import { NewPasswordFields } from "#app/components/new-password-fields.tsx";
import { Notice } from "#app/components/ui/notice.tsx";
import { SubmitButton } from "#app/components/ui/submit-button.tsx";
import { passwordPair } from "#app/auth/schemas.ts";
import { withStrongPassword } from "#app/auth/password-strength.server.ts";
import { linkAttemptsBlocked, recordBadLink } from "#app/auth/throttle.server.ts";
import { findPasswordReset, PasswordResetError, resetPassword } from "#app/models/password-resets.server.ts";
import { noErrors, parseForm } from "#app/utils/forms.ts";
import type { Route } from "./+types/reset-password";

function linkIsValid(run: () => unknown): boolean {
  try {
    run();
    return true;
  } catch (error) {
    if (error instanceof PasswordResetError) return false;
    throw error;
  }
}

export function loader({ params, context }: Route.LoaderArgs) {
  if (linkAttemptsBlocked(context.db, context.clientIp)) return { valid: false, throttled: true };
  const valid = linkIsValid(() => findPasswordReset(context.db, params.token));
  if (!valid) recordBadLink(context.db, context.clientIp);
  return { valid, throttled: false };
}

export async function action({ request, params, context }: Route.ActionArgs) {
  if (linkAttemptsBlocked(context.db, context.clientIp)) return { errors: noErrors, invalid: true, throttled: true };
  const parsed = parseForm(withStrongPassword(passwordPair), await request.formData());
  if (!parsed.ok) return { errors: parsed.errors, invalid: false, throttled: false };
  try {
    const userId = await resetPassword(context.db, params.token, parsed.data.password);
    context.collab.accessChanged({ userId });
  } catch (error) {
    if (error instanceof PasswordResetError) {
      recordBadLink(context.db, context.clientIp);
      return { errors: noErrors, invalid: true, throttled: false };
    }
    throw error;
  }
  return redirect("/login?status=passwordReset");
}

export default function ResetPassword({ loaderData, actionData }: Route.ComponentProps) {
  const { t } = useTranslation();
  const valid = loaderData.valid && !actionData?.invalid;
  return (
    <AuthCard title={t("reset.title")}>
      {valid ? (
        <Form method="post" className="stack" noValidate>
          <NewPasswordFields errors={actionData?.errors} />
          <SubmitButton>{t("reset.submit")}</SubmitButton>
        </Form>
      ) : (
        <Notice tone="error">
          {t(loaderData.throttled || actionData?.throttled ? "reset.throttled" : "reset.invalid")}
        </Notice>
      )}
      <p className="auth-links">
        <Link to="/login">{t("forgot.backToLogin")}</Link>
      </p>
    </AuthCard>
  );
}
