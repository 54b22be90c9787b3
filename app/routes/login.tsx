import { useTranslation } from "react-i18next";
import { Form, Link, redirect } from "react-router";
import { AuthCard } from "#app/components/auth-card.tsx";
import { TextField } from "#app/components/ui/field.tsx";
import { Notice } from "#app/components/ui/notice.tsx";
import { SubmitButton } from "#app/components/ui/submit-button.tsx";
import { safeRedirectPath } from "#app/auth/guards.server.ts";
import { loginSchema } from "#app/auth/schemas.ts";
import { createSession, sessionSetCookie } from "#app/auth/sessions.server.ts";
import { beginChallenge, challengeCookie, hasSecondFactor } from "#app/auth/second-factor.server.ts";
import { recordSignIn, signIn } from "#app/auth/sign-in.server.ts";
import { getOrganisation } from "#app/models/organisation.server.ts";
import { getSignInSettings, mayUsePassword } from "#app/models/sign-in-settings.server.ts";
import { noErrors, parseForm } from "#app/utils/forms.ts";
import { queryOf } from "#app/utils/query.ts";
import type { Route } from "./+types/login";

const statuses = ["signedOut", "sessionEnded", "passwordReset"] as const;
const signOnFailures = [
  "emailNotVerified",
  "domainNotAllowed",
  "inactive",
  "providerDown",
  "expired",
  "rejected",
  "cancelled",
  "throttled",
] as const;

export function loader({ request, context }: Route.LoaderArgs) {
  const url = new URL(request.url);
  if (context.auth) throw redirect(safeRedirectPath(url.searchParams.get("redirectTo")));
  const status = statuses.find((s) => s === url.searchParams.get("status"));
  const settings = getSignInSettings(context.db, context.config.oidc);
  return {
    organisationName: getOrganisation(context.db)?.name ?? "Lots",
    redirectTo: url.searchParams.get("redirectTo") ?? "",
    status,
    signOn: settings.provider ? { label: settings.buttonLabel } : null,
    signOnFailure: signOnFailures.find((f) => f === url.searchParams.get("sso")),
    passwordForEveryone: settings.passwordSignIn === "everyone" || !settings.provider,
  };
}

export async function action({ request, context }: Route.ActionArgs) {
  const parsed = parseForm(loginSchema, await request.formData());
  if (!parsed.ok) return { errors: parsed.errors, message: undefined };
  const { email, password, redirectTo } = parsed.data;
  const settings = getSignInSettings(context.db, context.config.oidc);
  const result = await signIn(context.db, { email, password, ip: context.clientIp }, new Date(), (userId) =>
    // Without a provider there is no other way in: passwords stay open whatever was chosen.
    settings.provider ? mayUsePassword(settings, userId) : true,
  );
  if (!result.ok) {
    context.logger.info({ reason: result.reason }, "sign-in refused");
    return { errors: noErrors, message: { reason: result.reason, seconds: result.retryAfterSeconds }, email };
  }
  if (hasSecondFactor(context.db, result.userId)) {
    // The password was right; the session comes after the code from the person's app.
    const challenge = beginChallenge(context.db, result.userId, safeRedirectPath(redirectTo));
    return redirect("/login/kod", {
      headers: { "Set-Cookie": await challengeCookie(context.secure).serialize(challenge) },
    });
  }
  recordSignIn(context.db, result.userId, { method: "password" });
  const { token } = createSession(context.db, result.userId, {
    userAgent: request.headers.get("user-agent"),
    from: { ip: context.clientIp, method: "password" },
    policy: context.config.session,
  });
  return redirect(safeRedirectPath(redirectTo), {
    headers: { "Set-Cookie": await sessionSetCookie(token, context.secure, context.config.session) },
  });
}

export default function Login({ loaderData, actionData }: Route.ComponentProps) {
  const { t } = useTranslation();
  const message = actionData?.message;
  return (
    <AuthCard title={t("login.title")}>
      <p>{t("login.intro", { organisation: loaderData.organisationName })}</p>
      {loaderData.status && !message ? <Notice tone="success">{t(`login.${loaderData.status}`)}</Notice> : null}
      {message ? (
        <Notice tone="error">
          {message.reason === "throttled"
            ? t("login.throttled", { seconds: message.seconds })
            : t(`login.${message.reason}`)}
        </Notice>
      ) : null}
      {loaderData.signOnFailure && !message ? (
        <Notice tone="error">{t(`login.signOn.${loaderData.signOnFailure}`)}</Notice>
      ) : null}
      {loaderData.signOn ? (
        <p>
          <a href={`/login/sso${queryOf({ redirectTo: loaderData.redirectTo })}`} className="button button-block">
            {loaderData.signOn.label || t("login.signOn.button")}
          </a>
        </p>
      ) : null}
      {loaderData.passwordForEveryone ? (
        <PasswordForm actionData={actionData} redirectTo={loaderData.redirectTo} autoFocus={!loaderData.signOn} />
      ) : (
        // Only the named break-glass administrators sign in with a password now.
        <details open={Boolean(message)}>
          <summary>{t("login.signOn.reserve")}</summary>
          <PasswordForm actionData={actionData} redirectTo={loaderData.redirectTo} autoFocus={false} />
        </details>
      )}
    </AuthCard>
  );
}

function PasswordForm({
  actionData,
  redirectTo,
  autoFocus,
}: {
  actionData: Route.ComponentProps["actionData"];
  redirectTo: string;
  autoFocus: boolean;
}) {
  const { t } = useTranslation();
  return (
    <>
      <Form method="post" className="stack" noValidate>
        <input type="hidden" name="redirectTo" value={redirectTo} />
        <TextField
          label={t("login.email")}
          name="email"
          type="email"
          autoComplete="username"
          defaultValue={actionData?.email}
          error={actionData?.errors.email}
          maxLength={254}
          autoFocus={autoFocus}
        />
        <TextField
          label={t("login.password")}
          name="password"
          type="password"
          autoComplete="current-password"
          error={actionData?.errors.password}
          maxLength={256}
        />
        <SubmitButton>{t("login.submit")}</SubmitButton>
      </Form>
      <p className="auth-links">
        <Link to="/glomt-losenord">{t("login.forgot")}</Link>
      </p>
    </>
  );
}
