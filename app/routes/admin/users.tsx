import { useTranslation } from "react-i18next";
import { Form, Link } from "react-router";
import { z } from "zod";
import {
  accessEnd,
  refineAccessUntil,
  RoleAssignmentFields,
  roleAssignmentFields,
} from "#app/components/role-assignment.tsx";
import { CopyField } from "#app/components/ui/copy-field.tsx";
import { TextField } from "#app/components/ui/field.tsx";
import { FormRefusal, Notice } from "#app/components/ui/notice.tsx";
import { PageHeader } from "#app/components/ui/page-header.tsx";
import { SubmitButton } from "#app/components/ui/submit-button.tsx";
import { requirePermission } from "#app/auth/guards.server.ts";
import { can } from "#app/auth/permissions.server.ts";
import { refusalAsFormError } from "#app/models/errors.ts";
import { once } from "#app/models/submissions.server.ts";
import {
  createInvitation,
  invitationLink,
  listOpenInvitations,
  mailInvitation,
  revokeInvitation,
} from "#app/models/invitations.server.ts";
import { unitTree } from "#app/models/units.server.ts";
import { listUsers } from "#app/models/users.server.ts";
import { formatDate } from "#app/utils/dates.ts";
import { email, parseForm, text, type FieldErrors } from "#app/utils/forms.ts";
import type { Route } from "./+types/users";

const inviteSchema = z.object({ email, name: text(), ...roleAssignmentFields }).superRefine(refineAccessUntil);

export function loader({ request, context }: Route.LoaderArgs) {
  const { user } = requirePermission(request, context, "view", { type: "users" });
  const now = new Date();
  return {
    users: listUsers(context.db).map((u) => ({
      id: u.id,
      name: u.name,
      email: u.email,
      role: u.role,
      unitName: u.unitName,
      status: !u.active ? "inactive" : u.accessExpiresAt && u.accessExpiresAt <= now ? "accessEnded" : "active",
    })),
    invitations: listOpenInvitations(context.db, now).map((i) => ({
      id: i.id,
      email: i.email,
      name: i.name,
      role: i.role,
      createdAt: i.createdAt.toISOString(),
      expiresAt: i.expiresAt.toISOString(),
    })),
    units: unitTree(context.db),
    canInvite: can(user, "invite", { type: "users" }),
  };
}

type ActionResult = {
  errors: FieldErrors;
  invited?: { email: string; link?: string; mailed: boolean; mailFailed?: boolean; repeated?: boolean };
  revoked?: boolean;
};

export async function action({ request, context }: Route.ActionArgs): Promise<ActionResult> {
  const { user } = requirePermission(request, context, "invite", { type: "users" });
  const form = await request.formData();
  if (form.get("intent") === "revoke") {
    revokeInvitation(context.db, user, String(form.get("invitationId") ?? ""));
    return { errors: {}, revoked: true };
  }
  const parsed = parseForm(inviteSchema, form);
  if (!parsed.ok) return { errors: parsed.errors };
  const input = { ...parsed.data, accessExpiresAt: accessEnd(parsed.data) };
  let token = "";
  try {
    // A repeat of the same form neither replaces the invitation nor mails the person again.
    if (!once(context.db, user.id, form, () => (token = createInvitation(context.db, user, input).token))) {
      return { errors: {}, invited: { email: input.email, mailed: context.mailer.enabled, repeated: true } };
    }
  } catch (error) {
    return { errors: refusalAsFormError(error) };
  }
  const link = invitationLink(context.origin, token);
  if (!context.mailer.enabled) return { errors: {}, invited: { email: input.email, link, mailed: false } };
  try {
    await mailInvitation(context.db, context.mailer, { ...input, link });
    return { errors: {}, invited: { email: input.email, mailed: true } };
  } catch (error) {
    context.logger.error({ err: error }, "invitation mail failed");
    return { errors: {}, invited: { email: input.email, link, mailed: false, mailFailed: true } };
  }
}

export default function Users({ loaderData, actionData }: Route.ComponentProps) {
  const { t, i18n } = useTranslation();
  const invited = actionData?.invited;
  return (
    <>
      <PageHeader title={t("admin.users")} intro={t("admin.usersIntro")}>
        <Link to="/admin" className="button button-ghost">
          {t("admin.back")}
        </Link>
      </PageHeader>
      {loaderData.canInvite ? (
        <section className="card" aria-labelledby="invite-heading">
          <h2 id="invite-heading">{t("admin.inviteTitle")}</h2>
          {invited ? (
            <Notice tone="success">
              <p>
                {invited.repeated && !invited.mailed
                  ? t("admin.invitationAlreadyCreated", { email: invited.email })
                  : invited.mailed
                    ? t("admin.invitationSent", { email: invited.email })
                    : t("admin.invitationCreated", { email: invited.email })}
              </p>
              {invited.mailFailed ? <p>{t("errors.mailFailed")}</p> : null}
              {invited.link ? (
                <>
                  <p>{t("admin.invitationCopy")}</p>
                  <CopyField label={t("admin.invitationLink")} value={invited.link} />
                </>
              ) : null}
            </Notice>
          ) : null}
          <FormRefusal errors={actionData?.errors} />
          <Form method="post" className="form-grid" noValidate key={invited?.email}>
            <TextField
              label={t("admin.email")}
              name="email"
              type="email"
              autoComplete="off"
              maxLength={254}
              error={actionData?.errors.email}
            />
            <TextField
              label={t("admin.name")}
              name="name"
              autoComplete="off"
              maxLength={200}
              error={actionData?.errors.name}
            />
            <RoleAssignmentFields units={loaderData.units} errors={actionData?.errors} />
            <div className="form-actions">
              <SubmitButton name="intent" value="invite">
                {t("admin.invite")}
              </SubmitButton>
            </div>
          </Form>
        </section>
      ) : null}

      {loaderData.invitations.length > 0 ? (
        <section aria-labelledby="open-invitations-heading">
          <h2 id="open-invitations-heading">{t("admin.openInvitations")}</h2>
          {actionData?.revoked ? <Notice tone="success">{t("admin.revoked")}</Notice> : null}
          <div className="table-wrap">
            <table>
              <thead>
                <tr>
                  <th scope="col">{t("admin.name")}</th>
                  <th scope="col">{t("admin.email")}</th>
                  <th scope="col">{t("admin.role")}</th>
                  <th scope="col">{t("admin.expires")}</th>
                  {loaderData.canInvite ? <td /> : null}
                </tr>
              </thead>
              <tbody>
                {loaderData.invitations.map((i) => (
                  <tr key={i.id}>
                    <td>{i.name}</td>
                    <td>{i.email}</td>
                    <td>{t(`roles.${i.role}`)}</td>
                    <td>{formatDate(i.expiresAt, i18n.language)}</td>
                    {loaderData.canInvite ? (
                      <td>
                        <Form method="post">
                          <input type="hidden" name="invitationId" value={i.id} />
                          <SubmitButton
                            name="intent"
                            value="revoke"
                            className="button button-ghost"
                            aria-label={`${t("admin.revoke")}: ${i.email}`}
                          >
                            {t("admin.revoke")}
                          </SubmitButton>
                        </Form>
                      </td>
                    ) : null}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </section>
      ) : null}

      <section aria-labelledby="users-heading">
        <h2 id="users-heading">{t("admin.users")}</h2>
        <div className="table-wrap">
          <table>
            <thead>
              <tr>
                <th scope="col">{t("admin.name")}</th>
                <th scope="col">{t("admin.email")}</th>
                <th scope="col">{t("admin.role")}</th>
                <th scope="col">{t("admin.unit")}</th>
                <th scope="col">{t("admin.status")}</th>
              </tr>
            </thead>
            <tbody>
              {loaderData.users.map((u) => (
                <tr key={u.id}>
                  <td>
                    <Link to={`/admin/anvandare/${u.id}`}>{u.name}</Link>
                  </td>
                  <td>{u.email}</td>
                  <td>{t(`roles.${u.role}`)}</td>
                  <td>{u.unitName ?? "–"}</td>
                  <td>
                    <span className={`badge badge-${u.status}`}>{t(`admin.${u.status}` as "admin.active")}</span>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>
    </>
  );
}
