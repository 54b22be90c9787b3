import { redirect } from "react-router";
import { createSession, sessionSetCookie } from "#app/auth/sessions.server.ts";
import { callbackUrlFor, completeSignOn, signOnCookie } from "#app/auth/single-sign-on.server.ts";
import { getSignInSettings } from "#app/models/sign-in-settings.server.ts";
import {
  approvalRefusedAt,
  finishApprovalAtProvider,
} from "#app/routes/documents/control/approval-at-provider.server.ts";
import type { Route } from "./+types/sso-callback";

/**
 * Back from the provider: signed in and on to where the person was going, or told why not; or,
 * for an approval signed at the provider, back to the document with the outcome.
 */
export async function loader({ request, context }: Route.LoaderArgs) {
  const cookie = signOnCookie(context.secure);
  const token = (await cookie.parse(request.headers.get("Cookie"))) as string | null;
  // The provider's answer as it arrived, on the address Lots gave it (not the Host header's).
  const callbackUrl = new URL(callbackUrlFor(context.origin));
  callbackUrl.search = new URL(request.url).search;
  const result = await completeSignOn(context.db, getSignInSettings(context.db, context.config.oidc), {
    token: typeof token === "string" ? token : null,
    callbackUrl,
    ip: context.clientIp,
  });
  const headers = new Headers({ "Set-Cookie": await cookie.serialize("", { maxAge: 0 }) });
  if (!result.ok) {
    context.logger.info({ reason: result.reason, err: result.error }, "single sign-on refused");
    return redirect(result.returnTo ? approvalRefusedAt(result.returnTo) : `/login?sso=${result.reason}`, { headers });
  }
  // A signed-in person confirmed who they are to sign an approval: no new session.
  if (result.approval !== null) {
    return redirect(await finishApprovalAtProvider(context, result.userId, result.approval), { headers });
  }
  const { token: session } = createSession(context.db, result.userId, {
    userAgent: request.headers.get("user-agent"),
    from: { ip: context.clientIp, method: "oidc" },
    providerRefreshToken: result.refreshToken,
    policy: context.config.session,
  });
  headers.append("Set-Cookie", await sessionSetCookie(session, context.secure, context.config.session));
  return redirect(result.redirectTo, { headers });
}
