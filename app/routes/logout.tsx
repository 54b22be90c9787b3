import { redirect } from "react-router";
import { invalidateSession, invalidateUserSessions, sessionClearCookie } from "#app/auth/sessions.server.ts";
import type { Route } from "./+types/logout";

// Signing out is a POST only: a link or an image elsewhere must not sign anyone out.
export function loader() {
  return redirect("/");
}

/** Whether the person asked to end every session; a body that is not a form asks nothing. */
async function everywhere(request: Request): Promise<boolean> {
  try {
    return (await request.formData()).get("scope") === "everywhere";
  } catch {
    return false;
  }
}

/** Always ends the session, whatever the body holds: signing out must never fail. */
export async function action({ request, context }: Route.ActionArgs) {
  const auth = context.auth;
  if (auth) {
    if (await everywhere(request)) invalidateUserSessions(context.db, auth.user.id);
    else invalidateSession(context.db, auth.session.id);
    context.collab.accessChanged({ userId: auth.user.id });
  }
  return redirect("/login?status=signedOut", {
    headers: { "Set-Cookie": await sessionClearCookie(context.secure) },
  });
}
