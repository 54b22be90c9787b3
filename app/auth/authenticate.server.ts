import type { Db } from "#db/client.ts";
import {
  sessionClearCookie,
  sessionCookie,
  validateSessionToken,
  type Authenticated,
  type SessionPolicy,
} from "./sessions.server.ts";

export type CookieAuth = {
  auth: Authenticated | null;
  /** A Set-Cookie header to send back: clearing a dead session. */
  setCookie?: string;
};

/**
 * Reads the session cookie of a request. Used once per HTTP request by the server and at
 * every WebSocket upgrade, so both sign people in the same way. Over HTTPS only the
 * `__Host-` cookie counts.
 */
export async function authenticateCookie(
  db: Db,
  cookieHeader: string | null | undefined,
  options: { secure: boolean; policy?: SessionPolicy; now?: Date },
): Promise<CookieAuth> {
  if (!cookieHeader) return { auth: null };
  const token: unknown = await sessionCookie(options.secure).parse(cookieHeader);
  if (token === null || token === undefined) return { auth: null };
  const auth =
    typeof token === "string" ? validateSessionToken(db, token, { policy: options.policy, now: options.now }) : null;
  if (!auth) return { auth: null, setCookie: await sessionClearCookie(options.secure) };
  return { auth };
}
