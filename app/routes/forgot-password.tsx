import { useTranslation } from "react-i18next";
import { Form, Link } from "react-router";
import { z } from "zod";
import { AuthCard } from "#app/components/auth-card.tsx";
import { TextField } from "#app/components/ui/field.tsx";
import { Notice } from "#app/components/ui/notice.tsx";
import { SubmitButton } from "#app/components/ui/submit-button.tsx";
import { translator } from "#app/i18n/index.ts";
import { allowResetRequest, createPasswordReset } from "#app/models/password-resets.server.ts";
import { findUserByEmail } from "#app/models/users.server.ts";
import { userMayUseAccount } from "#app/auth/sessions.server.ts";
import { email, noErrors, parseForm } from "#app/utils/forms.ts";
import type { Route } from "./+types/forgot-password";

const schema = z.object({ email });

export function loader({ context }: Route.LoaderArgs) {
  return { mailEnabled: context.mailer.enabled };
}

export async function action({ request, context }: Route.ActionArgs) {
  const parsed = parseForm(schema, await request.formData());
  if (!parsed.ok) return { errors: parsed.errors, sent: false };
  const user = findUserByEmail(context.db, parsed.data.email);
  // The answer is the same whether or not the address has an account.
  const allowed = allowResetRequest(context.db, parsed.data.email, context.clientIp);
  if (context.mailer.enabled && allowed && user && userMayUseAccount(user, new Date())) {
    const token = createPasswordReset(context.db, user.id);
    const t = translator(user.locale);
    try {
      await context.mailer.send({
        to: user.email,
        subject: t("forgot.mailSubject"),
        text: t("forgot.mailBody", { link: `${context.origin}/aterstall-losenord/${token}` }),
      });
    } catch (error) {
      context.logger.error({ err: error }, "password reset mail failed");
    }
  }
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
