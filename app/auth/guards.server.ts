import { data, redirect, type AppLoadContext } from "react-router";
import { can, type Action, type Resource } from "./permissions.server.ts";
import type { Authenticated } from "./sessions.server.ts";

/** Where sign-in sends a person back to: only paths on this site, never another host. */
export function safeRedirectPath(value: unknown, fallback = "/start"): string {
  if (typeof value !== "string" || !value.startsWith("/") || value.startsWith("//") || value.startsWith("/\\")) {
    return fallback;
  }
  return value;
}

export function requireAuth(request: Request, context: AppLoadContext): Authenticated {
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
