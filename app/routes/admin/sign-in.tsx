import { useTranslation } from "react-i18next";
import { Form, Link } from "react-router";
import { z } from "zod";
import { SelectField, TextAreaField, TextField } from "#app/components/ui/field.tsx";
import { FormRefusal, Notice } from "#app/components/ui/notice.tsx";
import { PageHeader } from "#app/components/ui/page-header.tsx";
import { SubmitButton } from "#app/components/ui/submit-button.tsx";
import { unitOptions } from "#app/components/unit-options.ts";
import { requirePermission } from "#app/auth/guards.server.ts";
import { callbackUrlFor } from "#app/auth/single-sign-on.server.ts";
import { roles } from "#app/domain/values.ts";
import { refusalAsFormError } from "#app/models/errors.ts";
import {
  addSignInRule,
  getSignInSettings,
  removeSignInRule,
  saveSignInSettings,
} from "#app/models/sign-in-settings.server.ts";
import { once } from "#app/models/submissions.server.ts";
import { unitTree } from "#app/models/units.server.ts";
import { listUsers } from "#app/models/users.server.ts";
import { optionalText, parseFormObject, text, type FieldErrors } from "#app/utils/forms.ts";
import type { Route } from "./+types/sign-in";

export function loader({ request, context }: Route.LoaderArgs) {
  requirePermission(request, context, "manage", { type: "organisation" });
  const settings = getSignInSettings(context.db, context.config.oidc);
  return {
    provider: settings.provider
      ? {
          issuer: settings.provider.issuer,
          clientId: settings.provider.clientId,
          hasSecret: Boolean(settings.provider.clientSecret),
          fromEnvironment: settings.provider.fromEnvironment,
        }
      : null,
    settings: {
      allowedDomains: settings.allowedDomains,
      buttonLabel: settings.buttonLabel ?? "",
      defaultRole: settings.defaultRole,
      defaultUnitId: settings.defaultUnitId ?? "",
      groupsClaim: settings.groupsClaim,
      passwordSignIn: settings.passwordSignIn,
      breakGlassUserIds: settings.breakGlassUserIds,
      secondFactorRoles: settings.secondFactorRoles,
    },
    rules: settings.rules,
    callbackUrl: callbackUrlFor(context.origin),
    units: unitTree(context.db),
    admins: listUsers(context.db)
      .filter((u) => u.role === "admin" && u.active)
      .map((u) => ({ id: u.id, name: u.name })),
  };
}

const settingsSchema = z.object({
  issuer: z.union([z.literal(""), z.url("validation.invalidUrl").max(500, "validation.tooLong")]),
  clientId: z.string().trim().max(300, "validation.tooLong"),
  clientSecret: z.string().max(500, "validation.tooLong"),
  allowedDomains: z
    .string()
    .max(2000, "validation.tooLong")
    .transform((v) => v.split(/[\s,;]+/).filter(Boolean))
    .pipe(z.array(z.string().regex(/^[a-z0-9.-]+\.[a-z]{2,}$/i, "admin.signIn.badDomain")).max(50)),
  buttonLabel: z.string().trim().max(80, "validation.tooLong"),
  defaultRole: z.enum(roles, "validation.invalidChoice"),
  defaultUnitId: optionalText(40),
  groupsClaim: z.string().trim().max(100, "validation.tooLong"),
  passwordSignIn: z.enum(["everyone", "breakGlass"], "validation.invalidChoice"),
  breakGlassUserIds: z.array(z.string().max(40)).max(20),
  secondFactorRoles: z.array(z.enum(roles, "validation.invalidChoice")).max(roles.length),
});

const ruleSchema = z.object({
  value: text(200),
  role: z.union([z.literal(""), z.enum(roles)]).transform((v) => v || null),
  unitId: optionalText(40),
});

export async function action({
  request,
  context,
}: Route.ActionArgs): Promise<{ intent: string; errors: FieldErrors; done?: boolean }> {
  const { user } = requirePermission(request, context, "manage", { type: "organisation" });
  const form = await request.formData();
  const intent = String(form.get("intent"));
  const field = (name: string) => String(form.get(name) ?? "");
  try {
    if (intent === "settings") {
      const parsed = parseFormObject(settingsSchema, {
        ...Object.fromEntries(
          [
            "issuer",
            "clientId",
            "clientSecret",
            "allowedDomains",
            "buttonLabel",
            "defaultRole",
            "defaultUnitId",
            "groupsClaim",
            "passwordSignIn",
          ].map((k) => [k, field(k)]),
        ),
        breakGlassUserIds: form.getAll("breakGlassUserIds").map(String),
        secondFactorRoles: form.getAll("secondFactorRoles").map(String),
      });
      if (!parsed.ok) return { intent, errors: parsed.errors };
      saveSignInSettings(context.db, user, parsed.data);
    } else if (intent === "addRule") {
      const parsed = parseFormObject(ruleSchema, {
        value: field("value"),
        role: field("role"),
        unitId: field("unitId"),
      });
      if (!parsed.ok) return { intent, errors: parsed.errors };
      if (!parsed.data.role && !parsed.data.unitId)
        return { intent, errors: { role: { key: "admin.signIn.ruleEmpty" } } };
      once(context.db, user.id, form, () => addSignInRule(context.db, user, parsed.data));
    } else if (intent === "removeRule") {
      removeSignInRule(context.db, user, field("ruleId"));
    }
  } catch (error) {
    return { intent, errors: refusalAsFormError(error) };
  }
  return { intent, errors: {}, done: true };
}

/** How people sign in: the organisation's provider, who it lets in as what, and the password door. */
export default function SignInSettingsPage({ loaderData, actionData }: Route.ComponentProps) {
  const { t } = useTranslation();
  const { provider, settings } = loaderData;
  const errorsOf = (intent: string) => (actionData?.intent === intent ? actionData.errors : undefined);
  const roleOptions = roles.map((r) => ({ value: r, label: t(`roles.${r}`) }));
  const units = unitOptions(loaderData.units);
  const unitName = (id: string | null) => loaderData.units.find((u) => u.id === id)?.name;
  return (
    <>
      <PageHeader title={t("admin.signIn.title")} intro={t("admin.signIn.intro")}>
        <Link to="/admin" className="button button-ghost">
          {t("admin.back")}
        </Link>
      </PageHeader>
      <section className="card" aria-labelledby="provider-heading">
        <h2 id="provider-heading">{t("admin.signIn.provider")}</h2>
        {actionData?.intent === "settings" && actionData.done ? (
          <Notice tone="success">{t("admin.saved")}</Notice>
        ) : null}
        <FormRefusal errors={errorsOf("settings")} />
        <p className="field-hint">
          {t("admin.signIn.callbackHint")} <code>{loaderData.callbackUrl}</code>
        </p>
        <Form method="post" className="stack" noValidate>
          {provider?.fromEnvironment ? (
            <Notice tone="info">{t("admin.signIn.fromEnvironment", { issuer: provider.issuer })}</Notice>
          ) : (
            <fieldset className="stack">
              <legend>{t("admin.signIn.providerLegend")}</legend>
              <TextField
                label={t("admin.signIn.issuer")}
                hint={t("admin.signIn.issuerHint")}
                name="issuer"
                type="url"
                defaultValue={provider?.issuer ?? ""}
                optional
                error={errorsOf("settings")?.issuer}
              />
              <TextField
                label={t("admin.signIn.clientId")}
                name="clientId"
                defaultValue={provider?.clientId ?? ""}
                optional
                error={errorsOf("settings")?.clientId}
              />
              <TextField
                label={t("admin.signIn.clientSecret")}
                hint={provider?.hasSecret ? t("admin.signIn.secretKept") : undefined}
                name="clientSecret"
                type="password"
                autoComplete="off"
                optional
                error={errorsOf("settings")?.clientSecret}
              />
            </fieldset>
          )}
          <TextField
            label={t("admin.signIn.buttonLabel")}
            hint={t("admin.signIn.buttonLabelHint")}
            name="buttonLabel"
            defaultValue={settings.buttonLabel}
            optional
            maxLength={80}
            error={errorsOf("settings")?.buttonLabel}
          />
          <TextAreaField
            label={t("admin.signIn.domains")}
            hint={t("admin.signIn.domainsHint")}
            name="allowedDomains"
            defaultValue={settings.allowedDomains.join("\n")}
            rows={3}
            optional
            error={errorsOf("settings")?.allowedDomains}
          />
          <SelectField
            label={t("admin.signIn.defaultRole")}
            name="defaultRole"
            defaultValue={settings.defaultRole}
            options={roleOptions}
          />
          <SelectField
            label={t("admin.signIn.defaultUnit")}
            name="defaultUnitId"
            defaultValue={settings.defaultUnitId}
            options={[{ value: "", label: t("documents.wholeOrganisation") }, ...units]}
          />
          <TextField
            label={t("admin.signIn.groupsClaim")}
            hint={t("admin.signIn.groupsClaimHint")}
            name="groupsClaim"
            defaultValue={settings.groupsClaim}
            maxLength={100}
            error={errorsOf("settings")?.groupsClaim}
          />
          <fieldset className="checkbox-group">
            <legend>{t("admin.signIn.passwords")}</legend>
            <label>
              <input
                type="radio"
                name="passwordSignIn"
                value="everyone"
                defaultChecked={settings.passwordSignIn === "everyone"}
              />{" "}
              {t("admin.signIn.passwordsEveryone")}
            </label>
            <label>
              <input
                type="radio"
                name="passwordSignIn"
                value="breakGlass"
                defaultChecked={settings.passwordSignIn === "breakGlass"}
              />{" "}
              {t("admin.signIn.passwordsBreakGlass")}
            </label>
          </fieldset>
          <fieldset className="checkbox-group">
            <legend>{t("admin.signIn.breakGlass")}</legend>
            {loaderData.admins.map((admin) => (
              <label key={admin.id}>
                <input
                  type="checkbox"
                  name="breakGlassUserIds"
                  value={admin.id}
                  defaultChecked={settings.breakGlassUserIds.includes(admin.id)}
                />{" "}
                {admin.name}
              </label>
            ))}
          </fieldset>
          <fieldset className="checkbox-group">
            <legend>{t("admin.secondFactorRoles")}</legend>
            {roles.map((role) => (
              <label key={role}>
                <input
                  type="checkbox"
                  name="secondFactorRoles"
                  value={role}
                  defaultChecked={settings.secondFactorRoles.includes(role)}
                />{" "}
                {t(`roles.${role}`)}
              </label>
            ))}
          </fieldset>
          <div className="form-actions">
            <SubmitButton name="intent" value="settings">
              {t("admin.signIn.save")}
            </SubmitButton>
          </div>
        </Form>
      </section>
      <section className="card" aria-labelledby="rules-heading">
        <h2 id="rules-heading">{t("admin.signIn.rules")}</h2>
        <p className="field-hint">{t("admin.signIn.rulesHint", { claim: settings.groupsClaim })}</p>
        {loaderData.rules.length === 0 ? (
          <p className="muted">{t("admin.signIn.noRules")}</p>
        ) : (
          <div className="table-wrap">
            <table>
              <caption className="visually-hidden">{t("admin.signIn.rules")}</caption>
              <thead>
                <tr>
                  <th scope="col">{t("admin.signIn.ruleValue")}</th>
                  <th scope="col">{t("admin.signIn.ruleRole")}</th>
                  <th scope="col">{t("admin.signIn.ruleUnit")}</th>
                  <th scope="col">
                    <span className="visually-hidden">{t("admin.signIn.removeRule")}</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {loaderData.rules.map((rule) => (
                  <tr key={rule.id}>
                    <th scope="row">
                      <code>{rule.value}</code>
                    </th>
                    <td>{rule.role ? t(`roles.${rule.role}`) : "–"}</td>
                    <td>{unitName(rule.unitId) ?? "–"}</td>
                    <td>
                      <Form method="post">
                        <input type="hidden" name="ruleId" value={rule.id} />
                        <SubmitButton
                          name="intent"
                          value="removeRule"
                          className="button button-ghost"
                          aria-label={t("admin.signIn.removeRuleFor", { value: rule.value })}
                        >
                          {t("admin.signIn.removeRule")}
                        </SubmitButton>
                      </Form>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
        <h3>{t("admin.signIn.addRule")}</h3>
        <FormRefusal errors={errorsOf("addRule")} />
        <Form method="post" className="form-grid" noValidate>
          <TextField
            label={t("admin.signIn.ruleValue")}
            name="value"
            maxLength={200}
            error={errorsOf("addRule")?.value}
          />
          <SelectField
            label={t("admin.signIn.ruleRole")}
            name="role"
            defaultValue=""
            error={errorsOf("addRule")?.role}
            options={[{ value: "", label: t("admin.signIn.ruleKeeps") }, ...roleOptions]}
          />
          <SelectField
            label={t("admin.signIn.ruleUnit")}
            name="unitId"
            defaultValue=""
            options={[{ value: "", label: t("admin.signIn.ruleKeeps") }, ...units]}
          />
          <div className="form-actions">
            <SubmitButton name="intent" value="addRule" className="button button-secondary">
              {t("admin.signIn.addRuleSubmit")}
            </SubmitButton>
          </div>
        </Form>
      </section>
    </>
  );
}
