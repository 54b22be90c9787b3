import { useTranslation } from "react-i18next";
import { Form, Link, redirect } from "react-router";
import { AuthCard } from "#app/components/auth-card.tsx";
import { NewPasswordFields } from "#app/components/new-password-fields.tsx";
import { TextField } from "#app/components/ui/field.tsx";
import { Notice } from "#app/components/ui/notice.tsx";
import { SubmitButton } from "#app/components/ui/submit-button.tsx";
import { invitationSchema } from "#app/auth/schemas.ts";
import { withStrongPassword } from "#app/auth/password-strength.server.ts";
import { createSession, sessionSetCookie } from "#app/auth/sessions.server.ts";
import { linkAttemptsBlocked, recordBadLink } from "#app/auth/throttle.server.ts";
import { acceptInvitation, findInvitation, InvitationError } from "#app/models/invitations.server.ts";
import { getOrganisation } from "#app/models/organisation.server.ts";
import { UserError } from "#app/models/users.server.ts";
import { noErrors, parseForm } from "#app/utils/forms.ts";
import type { Route } from "./+types/invitation";

type Problem = "notFound" | "expired" | "used" | "throttled";

function problemOf(error: unknown): Problem {
  if (error instanceof InvitationError) return error.code.replace("invitation.", "") as Problem;
  // Someone already made an account with this address: the link has done its job.
  if (error instanceof UserError && error.code === "user.emailTaken") return "used";
  throw error;
}

export function loader({ params, context }: Route.LoaderArgs) {
  const organisation = getOrganisation(context.db)?.name ?? "Lots";
  if (linkAttemptsBlocked(context.db, context.clientIp))
    return { organisation, invitation: undefined, problem: "throttled" as Problem };
  try {
    const invitation = findInvitation(context.db, params.token);
    return {
      organisation,
      invitation: { email: invitation.email, name: invitation.name, role: invitation.role },
      problem: undefined,
    };
  } catch (error) {
    const problem = problemOf(error);
    if (problem === "notFound") recordBadLink(context.db, context.clientIp);
    return { organisation, invitation: undefined, problem };
  }
}

export async function action({ request, params, context }: Route.ActionArgs) {
  if (linkAttemptsBlocked(context.db, context.clientIp)) return { errors: noErrors, problem: "throttled" as Problem };
  const form = await request.formData();
  const parsed = parseForm(withStrongPassword(invitationSchema, [String(form.get("name") ?? "")]), form);
  if (!parsed.ok) return { errors: parsed.errors, problem: undefined };
  let userId: string;
  try {
    userId = (await acceptInvitation(context.db, params.token, parsed.data)).id;
  } catch (error) {
    const problem = problemOf(error);
    if (problem === "notFound") recordBadLink(context.db, context.clientIp);
    return { errors: noErrors, problem };
  }
  const { token } = createSession(context.db, userId, {
    userAgent: request.headers.get("user-agent"),
    from: { ip: context.clientIp, method: "password" },
    policy: context.config.session,
  });
  return redirect("/start", {
    headers: { "Set-Cookie": await sessionSetCookie(token, context.secure, context.config.session) },
  });
}

export default function Invitation({ loaderData, actionData }: Route.ComponentProps) {
  const { t } = useTranslation();
  const problem = actionData?.problem ?? loaderData.problem;
  const invitation = loaderData.invitation;
  return (
    <AuthCard title={t("invitation.title")}>
      {problem || !invitation ? (
        <>
          <Notice tone="error">{t(`invitation.${problem ?? "notFound"}`)}</Notice>
          <p className="auth-links">
            <Link to="/login">{t("forgot.backToLogin")}</Link>
          </p>
        </>
      ) : (
        <>
          <p>{t("invitation.intro", { organisation: loaderData.organisation, role: t(`roles.${invitation.role}`) })}</p>
          <Form method="post" className="stack" noValidate>
            <TextField
              label={t("login.email")}
              name="email"
              value={invitation.email}
              readOnly
              autoComplete="username"
            />
            <TextField
              label={t("account.name")}
              name="name"
              defaultValue={invitation.name}
              autoComplete="name"
              maxLength={200}
              error={actionData?.errors.name}
            />
            <NewPasswordFields errors={actionData?.errors} label={t("login.password")} />
            <SubmitButton>{t("invitation.submit")}</SubmitButton>
          </Form>
        </>
      )}
    </AuthCard>
  );
}
