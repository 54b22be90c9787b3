import { useTranslation } from "react-i18next";
import { Form, Link } from "react-router";
import { z } from "zod";
import { AuthCard } from "#app/components/auth-card.tsx";
import { TextField } from "#app/components/ui/field.tsx";
import { Notice } from "#app/components/ui/notice.tsx";
import { SubmitButton } from "#app/components/ui/submit-button.tsx";
import { requestPasswordReset } from "#app/models/password-resets.server.ts";
import { email, noErrors, parseForm } from "#app/utils/forms.ts";
import type { Route } from "./+types/forgot-password";

const schema = z.object({ email });

export function loader({ context }: Route.LoaderArgs) {
  return { mailEnabled: context.mailer.enabled };
}

export async function action({ request, context }: Route.ActionArgs) {
  const parsed = parseForm(schema, await request.formData());
  if (!parsed.ok) return { errors: parsed.errors, sent: false };
  requestPasswordReset(context.db, context.mailer, {
    email: parsed.data.email,
    ip: context.clientIp,
    origin: context.origin,
  });
  // The answer is the same whether or not the address has an account.
  return { errors: noErrors, sent: true };
}

export default function ForgotPassword({ loaderData, actionData }: Route.ComponentProps) {
  const { t } = useTranslation();
  return (
    <AuthCard title={t("forgot.title")}>
      {!loaderData.mailEnabled ? (
        <Notice>{t("forgot.noMail")}</Notice>
      ) : actionData?.sent ? (
        <Notice tone="success">{t("forgot.sent")}</Notice>
      ) : (
        <>
          <p>{t("forgot.intro")}</p>
          <Form method="post" className="stack" noValidate>
            <TextField
              label={t("login.email")}
              name="email"
              type="email"
              autoComplete="email"
              error={actionData?.errors.email}
              maxLength={254}
            />
            <SubmitButton>{t("forgot.submit")}</SubmitButton>
          </Form>
        </>
      )}
      <p className="auth-links">
        <Link to="/login">{t("forgot.backToLogin")}</Link>
      </p>
    </AuthCard>
  );
}
