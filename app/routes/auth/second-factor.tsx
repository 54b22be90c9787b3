import { useTranslation } from "react-i18next";
import { data, Form, redirect } from "react-router";
import { AuthCard } from "#app/components/auth-card.tsx";
import { TextField } from "#app/components/ui/field.tsx";
import { Notice } from "#app/components/ui/notice.tsx";
import { SubmitButton } from "#app/components/ui/submit-button.tsx";
import type { AuthenticationResponseJSON } from "@simplewebauthn/server";
import { PasskeyButton } from "#app/components/passkey-button.tsx";
import { checkPasskey, parseCredential, passkeyAssertionOptions, relyingParty } from "#app/auth/passkeys.server.ts";
import {
  challengeCookie,
  challengeOf,
  checkSecondFactor,
  endChallenge,
  hasTotp,
} from "#app/auth/second-factor.server.ts";
import { formText } from "#app/utils/forms.ts";
import { createSession, sessionSetCookie } from "#app/auth/sessions.server.ts";
import { recordSignIn } from "#app/auth/sign-in.server.ts";
import { getUser } from "#app/models/users.server.ts";
import type { Route } from "./+types/second-factor";

async function challengeFor(request: Request, context: Route.LoaderArgs["context"]) {
  const cookie = challengeCookie(context.secure);
  const token = (await cookie.parse(request.headers.get("Cookie"))) as unknown;
  const challenge = typeof token === "string" ? challengeOf(context.db, token) : undefined;
  return { cookie, token: typeof token === "string" ? token : "", challenge };
}

export async function loader({ request, context }: Route.LoaderArgs) {
  const { challenge } = await challengeFor(request, context);
  // No password was accepted here a moment ago (or it was too long ago): start from the beginning.
  if (!challenge) throw redirect("/login?status=sessionEnded");
  const rp = relyingParty(context.db, context.servedOrigin);
  const options = await passkeyAssertionOptions(context.db, challenge.userId, rp, "signIn");
  return {
    passkey: options ? JSON.stringify(options) : null,
    code: hasTotp(context.db, challenge.userId),
  };
}

/** The second step: a passkey, a code from the person's app, or one of their recovery codes. */
export async function action({ request, context }: Route.ActionArgs) {
  const { cookie, token, challenge } = await challengeFor(request, context);
  if (!challenge) throw redirect("/login?status=sessionEnded");
  const user = getUser(context.db, challenge.userId);
  if (!user?.active) throw redirect("/login?status=sessionEnded");
  const form = await request.formData();
  const passkey = parseCredential<AuthenticationResponseJSON>(formText(form, "passkey", 16_384));
  const check = passkey
    ? await checkPasskey(context.db, user, passkey, relyingParty(context.db, context.servedOrigin), "signIn").then(
        (c) => (c.ok ? { ok: true as const, via: "passkey" as const } : c),
      )
    : checkSecondFactor(context.db, user, formText(form, "code", 40));
  if (!check.ok) {
    context.logger.info({ reason: check.reason }, "second factor refused");
    return data({ reason: check.reason, seconds: check.retryAfterSeconds }, { status: 400 });
  }
  endChallenge(context.db, token);
  recordSignIn(context.db, user.id, { method: "password", secondFactor: check.via });
  const { token: session } = createSession(context.db, user.id, {
    userAgent: request.headers.get("user-agent"),
    from: { ip: context.clientIp, method: "password" },
    policy: context.config.session,
  });
  const headers = new Headers({ "Set-Cookie": await cookie.serialize("", { maxAge: 0 }) });
  headers.append("Set-Cookie", await sessionSetCookie(session, context.secure, context.config.session));
  return redirect(challenge.redirectTo, { headers });
}

export default function SecondFactor({ loaderData, actionData }: Route.ComponentProps) {
  const { t } = useTranslation();
  return (
    <AuthCard title={t("secondFactor.title")}>
      <p>{t(loaderData.passkey ? "secondFactor.introPasskey" : "secondFactor.intro")}</p>
      {actionData ? (
        <Notice tone="error">
          {actionData.reason === "throttled"
            ? t("login.throttled", { seconds: actionData.seconds })
            : actionData.reason === "cloned"
              ? t("passkeys.cloned")
              : t("secondFactor.invalid")}
        </Notice>
      ) : null}
      {loaderData.passkey ? (
        <Form method="post" className="stack">
          <PasskeyButton
            mode="sign"
            options={loaderData.passkey}
            intent="passkey"
            label={t("passkeys.signIn")}
            className="button button-block"
          />
        </Form>
      ) : null}
      <Form method="post" className="stack" noValidate>
        <TextField
          label={t("secondFactor.code")}
          hint={t(loaderData.code ? "secondFactor.codeHint" : "secondFactor.recoveryHint")}
          name="code"
          autoComplete="one-time-code"
          inputMode="text"
          maxLength={40}
          autoFocus={!loaderData.passkey}
        />
        <SubmitButton className={loaderData.passkey ? "button button-secondary" : "button"}>
          {t("secondFactor.submit")}
        </SubmitButton>
      </Form>
    </AuthCard>
  );
}
