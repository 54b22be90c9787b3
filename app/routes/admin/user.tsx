import { useTranslation } from "react-i18next";
import { data, Form, Link } from "react-router";
import { z } from "zod";
import {
  accessEnd,
  refineAccessUntil,
  RoleAssignmentFields,
  roleAssignmentFields,
} from "#app/components/role-assignment.tsx";
import { CopyField } from "#app/components/ui/copy-field.tsx";
import { FormRefusal, Notice } from "#app/components/ui/notice.tsx";
import { PageHeader } from "#app/components/ui/page-header.tsx";
import { SubmitButton } from "#app/components/ui/submit-button.tsx";
import { requirePermission } from "#app/auth/guards.server.ts";
import { can } from "#app/auth/permissions.server.ts";
import { refusalAsFormError } from "#app/models/errors.ts";
import { responsibilitiesOf } from "#app/models/hand-over.server.ts";
import { createPasswordReset } from "#app/models/password-resets.server.ts";
import { unitTree } from "#app/models/units.server.ts";
import { hasSecondFactor, removeSecondFactors } from "#app/auth/second-factor.server.ts";
import { changeUserRole, getUser, setUserActive } from "#app/models/users.server.ts";
import { parseForm, type FieldErrors } from "#app/utils/forms.ts";
import type { Route } from "./+types/user";

const roleSchema = z.object(roleAssignmentFields).superRefine(refineAccessUntil);

function loadTarget(context: Route.LoaderArgs["context"], userId: string) {
  const target = getUser(context.db, userId);
  if (!target) throw data({ reason: "notFound" }, { status: 404 });
  return target;
}

export function loader({ request, params, context }: Route.LoaderArgs) {
  const target = loadTarget(context, params.userId);
  const resource = { type: "user", id: target.id, role: target.role } as const;
  const { user } = requirePermission(request, context, "view", resource);
  return {
    target: {
      id: target.id,
      name: target.name,
      email: target.email,
      role: target.role,
      unitId: target.unitId,
      active: target.active,
      accessExpiresAt: target.accessExpiresAt?.toISOString() ?? null,
      secondFactor: hasSecondFactor(context.db, target.id),
    },
    units: unitTree(context.db),
    canChangeRole: can(user, "changeRole", resource),
    canHandOver: can(user, "handOver", resource),
    // What would be left without anyone if the person went now.
    responsibilities: responsibilitiesOf(context.db, target.id).length,
    canDeactivate: can(user, "deactivate", resource),
    isSelf: user.id === target.id,
  };
}

type ActionResult = { intent: string; errors: FieldErrors; done?: boolean; resetLink?: string };

// Issuing a reset link is as strong as locking someone out, so it needs the same permission.
const permissionFor = {
  role: "changeRole",
  deactivate: "deactivate",
  reactivate: "deactivate",
  resetLink: "deactivate",
  // A lost phone: as strong as a reset link, since the person then signs in with the password alone.
  removeSecondFactor: "deactivate",
} as const;

export async function action({ request, params, context }: Route.ActionArgs): Promise<ActionResult> {
  const target = loadTarget(context, params.userId);
  requirePermission(request, context, "view", { type: "user", id: target.id, role: target.role });
  const form = await request.formData();
  const intent = String(form.get("intent"));
  if (!(intent in permissionFor)) throw data({ reason: "badRequest" }, { status: 400 });
  const { user } = requirePermission(request, context, permissionFor[intent as keyof typeof permissionFor], {
    type: "user",
    id: target.id,
    role: target.role,
  });
  try {
    if (intent === "role") {
      const parsed = parseForm(roleSchema, form);
      if (!parsed.ok) return { intent, errors: parsed.errors };
      changeUserRole(context.db, user, target.id, { ...parsed.data, accessExpiresAt: accessEnd(parsed.data) });
      context.collab.accessChanged({ userId: target.id });
      return { intent, errors: {}, done: true };
    }
    if (intent === "removeSecondFactor") {
      removeSecondFactors(context.db, user.id, target.id);
      return { intent, errors: {}, done: true };
    }
    if (intent === "resetLink") {
      const token = createPasswordReset(context.db, target.id);
      return { intent, errors: {}, resetLink: `${context.origin}/aterstall-losenord/${token}` };
    }
    if (
      intent === "deactivate" &&
      responsibilitiesOf(context.db, target.id).length > 0 &&
      form.get("anyway") !== "on"
    ) {
      return { intent, errors: { form: { key: "errors.handOver.stillResponsible" } } };
    }
    setUserActive(context.db, user, target.id, intent === "reactivate");
    context.collab.accessChanged({ userId: target.id });
    return { intent, errors: {}, done: true };
  } catch (error) {
    return { intent, errors: refusalAsFormError(error) };
  }
}

export default function UserDetail({ loaderData, actionData }: Route.ComponentProps) {
  const { t } = useTranslation();
  const { target } = loaderData;
  const result = actionData;
  return (
    <>
      <PageHeader title={target.name} intro={target.email}>
        <Link to="/admin/anvandare" className="button button-ghost">
          {t("admin.back")}
        </Link>
      </PageHeader>
      <FormRefusal errors={result?.errors} />
      {loaderData.isSelf ? <Notice>{t("admin.youCannotChangeYourself")}</Notice> : null}
      <div className="card-grid">
        <section className="card" aria-labelledby="role-heading">
          <h2 id="role-heading">{t("admin.role")}</h2>
          {result?.intent === "role" && result.done ? <Notice tone="success">{t("admin.saved")}</Notice> : null}
          {loaderData.canChangeRole ? (
            <Form method="post" className="stack" noValidate>
              <RoleAssignmentFields
                units={loaderData.units}
                defaults={target}
                errors={result?.intent === "role" ? result.errors : undefined}
              />
              <SubmitButton name="intent" value="role">
                {t("admin.save")}
              </SubmitButton>
            </Form>
          ) : (
            <p>
              {t(`roles.${target.role}`)} —{" "}
              {loaderData.units.find((u) => u.id === target.unitId)?.name ?? t("admin.noUnit")}
            </p>
          )}
        </section>
        {loaderData.canHandOver ? (
          <section className="card" aria-labelledby="hand-over-heading">
            <h2 id="hand-over-heading">{t("handOver.link")}</h2>
            <p>
              {loaderData.responsibilities > 0
                ? t("handOver.count", { name: target.name, count: loaderData.responsibilities })
                : t("handOver.nothing", { name: target.name })}
            </p>
            {loaderData.responsibilities > 0 ? (
              <Link to={`/admin/anvandare/${target.id}/overlamning`} className="button button-secondary">
                {t("handOver.link")}
              </Link>
            ) : null}
          </section>
        ) : null}
        {loaderData.canDeactivate ? (
          <>
            <section className="card" aria-labelledby="status-heading">
              <h2 id="status-heading">{t("admin.status")}</h2>
              {result?.intent === "deactivate" && result.done ? (
                <Notice tone="success">{t("admin.deactivated")}</Notice>
              ) : null}
              {result?.intent === "reactivate" && result.done ? (
                <Notice tone="success">{t("admin.reactivated")}</Notice>
              ) : null}
              <p>
                <span className={`badge badge-${target.active ? "active" : "inactive"}`}>
                  {target.active ? t("admin.active") : t("admin.inactive")}
                </span>
              </p>
              <Form method="post" className="stack">
                {target.active ? (
                  <>
                    <p className="field-hint">{t("admin.deactivateHint")}</p>
                    {loaderData.responsibilities > 0 ? (
                      <>
                        <Notice tone="info">
                          {t("handOver.deactivateWarning", { name: target.name, count: loaderData.responsibilities })}
                        </Notice>
                        <label className="checkbox">
                          <input type="checkbox" name="anyway" /> {t("handOver.deactivateAnyway")}
                        </label>
                      </>
                    ) : null}
                    <SubmitButton name="intent" value="deactivate" className="button button-danger">
                      {t("admin.deactivate")}
                    </SubmitButton>
                  </>
                ) : (
                  <SubmitButton name="intent" value="reactivate">
                    {t("admin.reactivate")}
                  </SubmitButton>
                )}
              </Form>
            </section>
            {loaderData.target.secondFactor || result?.intent === "removeSecondFactor" ? (
              <section className="card" aria-labelledby="factor-heading">
                <h2 id="factor-heading">{t("secondFactor.pageTitle")}</h2>
                {result?.intent === "removeSecondFactor" && result.done ? (
                  <Notice tone="success">{t("admin.secondFactorRemoved")}</Notice>
                ) : (
                  <Form method="post" className="stack">
                    <p className="field-hint">{t("admin.secondFactorHint")}</p>
                    <SubmitButton name="intent" value="removeSecondFactor" className="button button-secondary">
                      {t("admin.removeSecondFactor")}
                    </SubmitButton>
                  </Form>
                )}
              </section>
            ) : null}
            <section className="card" aria-labelledby="reset-heading">
              <h2 id="reset-heading">{t("admin.resetLink")}</h2>
              {result?.resetLink ? (
                <Notice tone="success">
                  <p>{t("admin.resetLinkCreated")}</p>
                  <CopyField label={t("admin.resetLink")} value={result.resetLink} />
                </Notice>
              ) : null}
              <Form method="post" className="stack">
                <p className="field-hint">{t("admin.resetLinkHint")}</p>
                <SubmitButton name="intent" value="resetLink" className="button button-secondary">
                  {t("admin.createResetLink")}
                </SubmitButton>
              </Form>
            </section>
          </>
        ) : null}
      </div>
    </>
  );
}
