import { redirect } from "react-router";
import { invalidateSession, invalidateUserSessions, sessionCookie } from "#app/auth/sessions.server.ts";
import type { Route } from "./+types/logout";

// Signing out is a POST only: a link or an image elsewhere must not sign anyone out.
export function loader() {
  return redirect("/");
}

export async function action({ request, context }: Route.ActionArgs) {
  const auth = context.auth;
  if (auth) {
    const form = await request.formData();
    if (form.get("scope") === "everywhere") invalidateUserSessions(context.db, auth.user.id);
    else invalidateSession(context.db, auth.session.id);
    context.collab.accessChanged({ userId: auth.user.id });
  }
  return redirect("/login?status=signedOut", {
    headers: { "Set-Cookie": await sessionCookie.serialize("", { maxAge: 0, secure: context.secure }) },
  });
}
