import { useTranslation } from "react-i18next";
import { data, Form, Link } from "react-router";
import { z } from "zod";
import { NewPasswordFields } from "#app/components/new-password-fields.tsx";
import { SelectField, TextField } from "#app/components/ui/field.tsx";
import { Notice } from "#app/components/ui/notice.tsx";
import { PageHeader } from "#app/components/ui/page-header.tsx";
import { SubmitButton } from "#app/components/ui/submit-button.tsx";
import { requireAuth } from "#app/auth/guards.server.ts";
import { changePasswordSchema } from "#app/auth/schemas.ts";
import { withStrongPassword } from "#app/auth/password-strength.server.ts";
import { createSession, endOwnSession, listUserSessions, sessionSetCookie } from "#app/auth/sessions.server.ts";
import { hasSecondFactor } from "#app/auth/second-factor.server.ts";
import { describeDevice, recentSignIns } from "#app/models/account-security.server.ts";
import { localeCookie } from "#app/i18n/locale.server.ts";
import { changePassword, getUser, updateProfile, UserError } from "#app/models/users.server.ts";
import { digestFrequencies, locales } from "#app/domain/values.ts";
import { formatDateTime } from "#app/utils/dates.ts";
import { parseForm, text, type FieldErrors } from "#app/utils/forms.ts";
import type { Route } from "./+types/account";

const profileSchema = z.object({
  name: text(),
  locale: z.enum(locales, "validation.invalidChoice"),
  digest: z.enum(digestFrequencies, "validation.invalidChoice"),
});

export function loader({ request, context }: Route.LoaderArgs) {
  const { user, session } = requireAuth(request, context);
  return {
    name: user.name,
    email: user.email,
    locale: user.locale,
    digest: getUser(context.db, user.id)?.digest ?? "daily",
    devices: listUserSessions(context.db, user.id, session.id).map((s) => ({
      ...s,
      device: describeDevice(s.userAgent),
      createdAt: s.createdAt.toISOString(),
      lastSeenAt: s.lastSeenAt.toISOString(),
    })),
    secondFactor: hasSecondFactor(context.db, user.id),
    signIns: recentSignIns(context.db, user.id).map((s) => ({ ...s, at: s.at.toISOString() })),
  };
}

type ActionResult = { intent: "profile" | "password" | "endSession"; errors: FieldErrors; done?: boolean };

export async function action({ request, context }: Route.ActionArgs) {
  const { user } = requireAuth(request, context);
  const form = await request.formData();
  if (form.get("intent") === "endSession") {
    // One of the person's own devices: its live connections go with it.
    if (endOwnSession(context.db, user.id, String(form.get("session") ?? ""))) {
      context.collab.accessChanged({ userId: user.id });
    }
    return data<ActionResult>({ intent: "endSession", errors: {}, done: true });
  }
  if (form.get("intent") === "profile") {
    const parsed = parseForm(profileSchema, form);
    if (!parsed.ok) return data<ActionResult>({ intent: "profile", errors: parsed.errors });
    updateProfile(context.db, user.id, parsed.data);
    return data<ActionResult>(
      { intent: "profile", errors: {}, done: true },
      {
        headers: { "Set-Cookie": await localeCookie.serialize(parsed.data.locale) },
      },
    );
  }
  const parsed = parseForm(withStrongPassword(changePasswordSchema, [user.name, user.email]), form);
  if (!parsed.ok) return data<ActionResult>({ intent: "password", errors: parsed.errors });
  try {
    await changePassword(context.db, user.id, {
      currentPassword: parsed.data.currentPassword,
      newPassword: parsed.data.password,
      ip: context.clientIp,
    });
  } catch (error) {
    if (error instanceof UserError && (error.code === "user.wrongPassword" || error.code === "user.throttled")) {
      context.logger.info({ reason: error.code }, "password change refused");
      return data<ActionResult>({
        intent: "password",
        errors: { currentPassword: { key: `errors.${error.code}` } },
      });
    }
    throw error;
  }
  context.collab.accessChanged({ userId: user.id });
  // Every session ended with the old password; this browser continues on a fresh one.
  const { token } = createSession(context.db, user.id, {
    userAgent: request.headers.get("user-agent"),
    from: { ip: context.clientIp, method: "password" },
    policy: context.config.session,
  });
  return data<ActionResult>(
    { intent: "password", errors: {}, done: true },
    {
      headers: { "Set-Cookie": await sessionSetCookie(token, context.secure, context.config.session) },
    },
  );
}

export default function Account({ loaderData, actionData }: Route.ComponentProps) {
  const { t, i18n } = useTranslation();
  const profile = actionData?.intent === "profile" ? actionData : undefined;
  const password = actionData?.intent === "password" ? actionData : undefined;
  return (
    <>
      <PageHeader title={t("account.title")} intro={loaderData.email} />
      <div className="card-grid">
        <section className="card" aria-labelledby="profile-heading">
          <h2 id="profile-heading">{t("account.profile")}</h2>
          {profile?.done ? <Notice tone="success">{t("account.profileSaved")}</Notice> : null}
          <Form method="post" className="stack" noValidate>
            <input type="hidden" name="intent" value="profile" />
            <TextField
              label={t("account.name")}
              name="name"
              defaultValue={loaderData.name}
              autoComplete="name"
              maxLength={200}
              error={profile?.errors.name}
            />
            <SelectField
              label={t("account.language")}
              name="locale"
              defaultValue={loaderData.locale}
              options={locales.map((l) => ({ value: l, label: t(`language.${l}`) }))}
              error={profile?.errors.locale}
            />
            <SelectField
              label={t("digest.label")}
              hint={t("digest.hint")}
              name="digest"
              defaultValue={loaderData.digest}
              options={digestFrequencies.map((d) => ({ value: d, label: t(`digest.${d}`) }))}
              error={profile?.errors.digest}
            />
            <SubmitButton name="intent" value="profile">
              {t("account.saveProfile")}
            </SubmitButton>
          </Form>
        </section>
        <section className="card" aria-labelledby="password-heading">
          <h2 id="password-heading">{t("account.changePassword")}</h2>
          {password?.done ? <Notice tone="success">{t("account.passwordChanged")}</Notice> : null}
          <Form method="post" className="stack" noValidate key={password?.done ? "done" : "form"}>
            <input type="hidden" name="intent" value="password" />
            <TextField
              label={t("account.currentPassword")}
              name="currentPassword"
              type="password"
              autoComplete="current-password"
              error={password?.errors.currentPassword}
              maxLength={256}
            />
            <NewPasswordFields errors={password?.errors} />
            <SubmitButton name="intent" value="password">
              {t("account.changePassword")}
            </SubmitButton>
          </Form>
        </section>
        <section className="card" aria-labelledby="factor-heading">
          <h2 id="factor-heading">{t("secondFactor.pageTitle")}</h2>
          <p>{loaderData.secondFactor ? t("secondFactor.enabled") : t("secondFactor.off")}</p>
          <Link to="/konto/tvastegs" className="button button-secondary">
            {loaderData.secondFactor ? t("account.manageSecondFactor") : t("secondFactor.begin")}
          </Link>
        </section>
        <section className="card" aria-labelledby="sessions-heading">
          <h2 id="sessions-heading">{t("account.sessions")}</h2>
          <ul className="plain-list device-list">
            {loaderData.devices.map((d) => (
              <li key={d.handle}>
                <strong>{d.device ?? t("account.unknownDevice")}</strong>{" "}
                {d.current ? <span className="badge badge-current">{t("account.thisDevice")}</span> : null}
                <br />
                <span className="muted">
                  {d.method
                    ? t("account.deviceSignedIn", {
                        at: formatDateTime(d.createdAt, i18n.language),
                        how: t(`account.signInMethods.${d.method}`),
                      })
                    : t("account.deviceSignedInAt", { at: formatDateTime(d.createdAt, i18n.language) })}
                  {d.signedInFrom ? ` · ${t("account.deviceFrom", { address: d.signedInFrom })}` : null} ·{" "}
                  {t("account.deviceLastUsed", { at: formatDateTime(d.lastSeenAt, i18n.language) })}
                </span>
                {d.current ? null : (
                  <Form method="post" className="inline-form">
                    <input type="hidden" name="session" value={d.handle} />
                    <SubmitButton
                      name="intent"
                      value="endSession"
                      className="button button-ghost"
                      aria-label={t("account.signOutDeviceNamed", { device: d.device ?? t("account.unknownDevice") })}
                    >
                      {t("account.signOutDevice")}
                    </SubmitButton>
                  </Form>
                )}
              </li>
            ))}
          </ul>
          <Form method="post" action="/logga-ut" className="stack">
            <input type="hidden" name="scope" value="everywhere" />
            <p className="field-hint">{t("account.signOutEverywhereHint")}</p>
            <SubmitButton className="button button-danger">{t("account.signOutEverywhere")}</SubmitButton>
          </Form>
        </section>
        <section className="card" aria-labelledby="sign-ins-heading">
          <h2 id="sign-ins-heading">{t("account.signIns")}</h2>
          {loaderData.signIns.length === 0 ? (
            <p className="muted">{t("account.noSignIns")}</p>
          ) : (
            <ol className="plain-list history">
              {loaderData.signIns.map((s) => (
                <li key={s.at}>
                  <time dateTime={s.at}>{formatDateTime(s.at, i18n.language)}</time> ·{" "}
                  {t(`account.signInMethods.${s.method === "oidc" ? "oidc" : "password"}`)}
                </li>
              ))}
            </ol>
          )}
          <p className="field-hint">{t("account.signInsHint")}</p>
        </section>
      </div>
    </>
  );
}
