import { data, redirect } from "react-router";
import { safeRedirectPath } from "#app/auth/guards.server.ts";
import { beginSignOn, callbackUrlFor, signOnCookie } from "#app/auth/single-sign-on.server.ts";
import { getSignInSettings } from "#app/models/sign-in-settings.server.ts";
import type { Route } from "./+types/sso";

/** "Sign in with …": off to the organisation's provider, with this browser's half of the attempt. */
export async function loader({ request, context }: Route.LoaderArgs) {
  const { provider } = getSignInSettings(context.db, context.config.oidc);
  if (!provider) throw data({ reason: "notFound" }, { status: 404 });
  const redirectTo = safeRedirectPath(new URL(request.url).searchParams.get("redirectTo"));
  const started = await beginSignOn(context.db, provider, {
    redirectUri: callbackUrlFor(context.origin),
    redirectTo,
    ip: context.clientIp,
  });
  if (!started.ok) {
    context.logger.warn({ reason: started.reason, err: started.error }, "single sign-on could not begin");
    return redirect(`/login?sso=${started.reason}`);
  }
  return redirect(started.location, {
    headers: { "Set-Cookie": await signOnCookie(context.secure).serialize(started.token) },
  });
}
