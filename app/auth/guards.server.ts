import { data, redirect, type AppLoadContext } from "react-router";
import { can, type Action, type Resource } from "./permissions.server.ts";
import type { Authenticated } from "./sessions.server.ts";

const HERE = "http://lots.invalid";

/**
 * The one rule for every redirect target that arrives in a request (sign-in's `redirectTo`,
 * the language switch's way back): a path on this site, never another host. Browsers drop
 * tabs and line breaks and read a backslash as a slash, so `/\t/evil.example` or `/\\evil`
 * would leave the site: anything with whitespace, control characters or backslashes is refused
 * outright, spelt out or %-encoded, and what remains must resolve to this site. The answer is
 * the parsed, normal form.
 */
export function safeRedirectPath(value: unknown, fallback = "/start"): string {
  if (typeof value !== "string" || value.length > 2000 || !value.startsWith("/")) return fallback;
  if (/[\s\\\p{Cc}]/u.test(value) || value.startsWith("//")) return fallback;
  // The path encoded too: decoded once more on its way (a proxy, a mail client), it must hold.
  const path = value.split(/[?#]/, 1)[0]!;
  if (/%(0\d|1\d|0[a-f]|1[a-f]|7f|2f|5c|20)/iu.test(path)) return fallback;
  let url: URL;
  try {
    url = new URL(value, HERE);
  } catch {
    return fallback;
  }
  if (url.origin !== HERE || url.username || url.password) return fallback;
  const target = url.pathname + url.search + url.hash;
  return target.startsWith("//") ? fallback : target;
}

/** Where a person whose role needs a second factor sets one up; with signing out, all they may reach until then. */
export const SECOND_FACTOR_PAGE = "/konto/tvastegs";
/** What the set-up page asks for a new passkey (routes/account-passkey-options.ts). */
export const PASSKEY_OPTIONS_PATH = "/konto/nycklar/alternativ";

export function requireAuth(request: Request, context: AppLoadContext): Authenticated {
  // The page's own data requests (its form, with JavaScript) carry a ".data" suffix and count as the page.
  const page = new URL(request.url).pathname.replace(/\.data$/, "");
  if (context.auth?.session.needsSecondFactor && page !== SECOND_FACTOR_PAGE && page !== PASSKEY_OPTIONS_PATH) {
    throw redirect(SECOND_FACTOR_PAGE);
  }
  if (context.auth) return context.auth;
  const url = new URL(request.url);
  const params = new URLSearchParams({ redirectTo: url.pathname + url.search });
  throw redirect(`/login?${params}`);
}

/** Signed in and allowed, or the request ends here: sign-in for strangers, 403 for the rest. */
export function requirePermission(
  request: Request,
  context: AppLoadContext,
  action: Action,
  resource: Resource,
): Authenticated {
  const auth = requireAuth(request, context);
  if (!can(auth.user, action, resource)) throw data({ reason: "forbidden" }, { status: 403 });
  return auth;
}
