import { useTranslation } from "react-i18next";
import { data, Form, Link } from "react-router";
import { renderSVG } from "uqr";
import { TextField } from "#app/components/ui/field.tsx";
import { Notice } from "#app/components/ui/notice.tsx";
import { PageHeader } from "#app/components/ui/page-header.tsx";
import { SubmitButton } from "#app/components/ui/submit-button.tsx";
import { requireAuth } from "#app/auth/guards.server.ts";
import {
  accountIssuer,
  beginTotpEnrolment,
  checkSecondFactor,
  confirmTotp,
  hasTotp,
  pendingTotpSecret,
  recoveryCodesLeft,
  removeSecondFactors,
} from "#app/auth/second-factor.server.ts";
import type { RegistrationResponseJSON } from "@simplewebauthn/server";
import { createTOTPKeyURI } from "@oslojs/otp";
import { PasskeyButton } from "#app/components/passkey-button.tsx";
import { addPasskey, listPasskeys, parseCredential, relyingParty, removePasskey } from "#app/auth/passkeys.server.ts";
import { describeDevice } from "#app/models/account-security.server.ts";
import { formatDate } from "#app/utils/dates.ts";
import { formText } from "#app/utils/forms.ts";
import { decodeBase32IgnorePadding } from "@oslojs/encoding";
import type { Route } from "./+types/account-second-factor";

export function loader({ request, context }: Route.LoaderArgs) {
  const { user, session } = requireAuth(request, context);
  const totp = hasTotp(context.db, user.id);
  const secret = totp ? null : pendingTotpSecret(context.db, user.id);
  const uri = secret
    ? createTOTPKeyURI(accountIssuer(context.db), user.email, decodeBase32IgnorePadding(secret), 30, 6)
    : null;
  return {
    enabled: totp,
    required: Boolean(session.needsSecondFactor),
    passkeys: listPasskeys(context.db, user.id),
    recoveryLeft: recoveryCodesLeft(context.db, user.id),
    // The key as the app scans it, and as a person types it when the camera will not.
    pending: secret && uri ? { secret: secret.replace(/(.{4})/g, "$1 ").trim(), qr: renderSVG(uri) } : null,
  };
}

type Result = {
  intent: string;
  recoveryCodes?: string[];
  error?: "invalid" | "throttled" | "passkeyFailed";
  done?: boolean;
};

export async function action({ request, context }: Route.ActionArgs) {
  const { user } = requireAuth(request, context);
  const form = await request.formData();
  const intent = String(form.get("intent"));
  const code = String(form.get("code") ?? "").slice(0, 40);
  if (intent === "begin") {
    beginTotpEnrolment(context.db, user, accountIssuer(context.db));
    return data<Result>({ intent });
  }
  if (intent === "confirm") {
    const codes = confirmTotp(context.db, user.id, code);
    return data<Result>(codes ? { intent, recoveryCodes: codes, done: true } : { intent, error: "invalid" });
  }
  if (intent === "remove") {
    // Taking the factor away needs the factor: a stolen session alone cannot.
    const check = checkSecondFactor(context.db, user, code);
    if (!check.ok) return data<Result>({ intent, error: check.reason });
    removeSecondFactors(context.db, user.id, user.id, { only: "totp" });
    return data<Result>({ intent, done: true });
  }
  if (intent === "addPasskey") {
    const credential = parseCredential<RegistrationResponseJSON>(formText(form, "passkey", 16_384));
    const device = describeDevice(request.headers.get("user-agent"));
    const added = credential
      ? await addPasskey(context.db, user, credential, relyingParty(context.db, context.servedOrigin), device)
      : { ok: false as const };
    if (!added.ok) return data<Result>({ intent, error: "passkeyFailed" });
    return data<Result>({ intent, done: true, recoveryCodes: added.recoveryCodes ?? undefined });
  }
  if (intent === "removePasskey") {
    removePasskey(context.db, user.id, formText(form, "passkeyId", 1024));
    return data<Result>({ intent, done: true });
  }
  return data<Result>({ intent });
}

/** The person's second factor: set up with an authenticator app, recovery codes, or taken away. */
export default function AccountSecondFactor({ loaderData, actionData }: Route.ComponentProps) {
  const { t } = useTranslation();
  const codes = actionData?.recoveryCodes;
  const hasPasskeys = loaderData.passkeys.length > 0;
  const error = (intent: string) =>
    actionData?.intent === intent && actionData.error ? { key: `secondFactor.${actionData.error}` } : undefined;
  return (
    <>
      <PageHeader title={t("secondFactor.pageTitle")} intro={t("secondFactor.pageIntro")}>
        {loaderData.required ? null : (
          <Link to="/konto" className="button button-ghost">
            {t("secondFactor.back")}
          </Link>
        )}
      </PageHeader>
      {loaderData.required ? <Notice tone="info">{t("secondFactor.required")}</Notice> : null}
      {codes ? (
        <section className="card" aria-labelledby="codes-heading">
          <h2 id="codes-heading">{t("secondFactor.codesTitle")}</h2>
          <Notice tone="success">{t("secondFactor.enabled")}</Notice>
          <p>{t("secondFactor.codesHint")}</p>
          <ul className="recovery-codes" aria-label={t("secondFactor.codesTitle")}>
            {codes.map((c) => (
              <li key={c}>
                <code>{c}</code>
              </li>
            ))}
          </ul>
          <Link to="/start" className="button">
            {t("secondFactor.continue")}
          </Link>
        </section>
      ) : loaderData.enabled ? (
        <section className="card" aria-labelledby="on-heading">
          <h2 id="on-heading">{t("secondFactor.onTitle")}</h2>
          {actionData?.intent === "remove" && actionData.done ? (
            <Notice tone="success">{t("secondFactor.removed")}</Notice>
          ) : null}
          <p>{t("secondFactor.on", { count: loaderData.recoveryLeft })}</p>
          <Form method="post" className="stack" noValidate>
            <TextField
              label={t("secondFactor.code")}
              hint={t("secondFactor.removeHint")}
              name="code"
              autoComplete="one-time-code"
              maxLength={40}
              error={error("remove")}
            />
            <SubmitButton name="intent" value="remove" className="button button-danger">
              {t("secondFactor.remove")}
            </SubmitButton>
          </Form>
        </section>
      ) : loaderData.pending ? (
        <section className="card" aria-labelledby="setup-heading">
          <h2 id="setup-heading">{t("secondFactor.setupTitle")}</h2>
          <p>{t("secondFactor.scan")}</p>
          <img
            className="totp-qr"
            src={`data:image/svg+xml;utf8,${encodeURIComponent(loaderData.pending.qr)}`}
            alt={t("secondFactor.qrAlt")}
            width={200}
            height={200}
          />
          <p>
            {t("secondFactor.orType")} <code data-testid="totp-secret">{loaderData.pending.secret}</code>
          </p>
          <Form method="post" className="stack" noValidate>
            <TextField
              label={t("secondFactor.firstCode")}
              name="code"
              autoComplete="one-time-code"
              inputMode="numeric"
              maxLength={10}
              error={error("confirm")}
            />
            <SubmitButton name="intent" value="confirm">
              {t("secondFactor.confirm")}
            </SubmitButton>
          </Form>
        </section>
      ) : (
        <section className="card" aria-labelledby="off-heading">
          {/* With a passkey the second step is already on: the app is a reserve. */}
          <h2 id="off-heading">{t(hasPasskeys ? "secondFactor.appTitle" : "secondFactor.offTitle")}</h2>
          <p>{t(hasPasskeys ? "secondFactor.appOff" : "secondFactor.off")}</p>
          <Form method="post">
            <SubmitButton name="intent" value="begin" className={hasPasskeys ? "button button-secondary" : "button"}>
              {t(hasPasskeys ? "secondFactor.appBegin" : "secondFactor.begin")}
            </SubmitButton>
          </Form>
        </section>
      )}
      {codes ? null : <PasskeysCard passkeys={loaderData.passkeys} last={actionData} />}
    </>
  );
}

/** The person's passkeys: each named by the device it was added from, added and removed here. */
function PasskeysCard({
  passkeys,
  last,
}: {
  passkeys: Route.ComponentProps["loaderData"]["passkeys"];
  last: Route.ComponentProps["actionData"];
}) {
  const { t, i18n } = useTranslation();
  const deviceOf = (p: { device: string | null }) => p.device ?? t("passkeys.unknownDevice");
  return (
    <section className="card" aria-labelledby="passkeys-heading">
      <h2 id="passkeys-heading">{t("passkeys.title")}</h2>
      <p>{t("passkeys.intro")}</p>
      {last?.intent === "addPasskey" && last.done ? <Notice tone="success">{t("passkeys.added")}</Notice> : null}
      {last?.intent === "addPasskey" && last.error ? <Notice tone="error">{t("passkeys.addFailed")}</Notice> : null}
      {last?.intent === "removePasskey" && last.done ? <Notice tone="success">{t("passkeys.removed")}</Notice> : null}
      {passkeys.length === 0 ? (
        <p className="muted">{t("passkeys.none")}</p>
      ) : (
        <ul className="plain-list device-list" aria-label={t("passkeys.listLabel")}>
          {passkeys.map((p) => (
            <li key={p.id}>
              <strong>{t("passkeys.item", { device: deviceOf(p) })}</strong>
              <br />
              <span className="muted">
                {t("passkeys.addedOn", { date: formatDate(p.createdAt, i18n.language) })} ·{" "}
                {p.lastUsedAt
                  ? t("passkeys.lastUsed", { date: formatDate(p.lastUsedAt, i18n.language) })
                  : t("passkeys.neverUsed")}
              </span>
              <Form method="post" className="inline-form">
                <input type="hidden" name="passkeyId" value={p.id} />
                <SubmitButton
                  name="intent"
                  value="removePasskey"
                  className="button button-ghost"
                  aria-label={t("passkeys.removeLabel", { device: deviceOf(p) })}
                >
                  {t("passkeys.remove")}
                </SubmitButton>
              </Form>
            </li>
          ))}
        </ul>
      )}
      <Form method="post">
        <PasskeyButton mode="create" request={{ purpose: "enrol" }} intent="addPasskey" label={t("passkeys.add")} />
      </Form>
    </section>
  );
}
