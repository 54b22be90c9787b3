import type { Db } from "#db/client.ts";
import { sessionCookie, validateSessionToken, type Authenticated } from "./sessions.server.ts";

export type CookieAuth = {
  auth: Authenticated | null;
  /** A Set-Cookie header to send back: a renewed session, or clearing a dead one. */
  setCookie?: string;
};

/**
 * Reads the session cookie of a request. Used once per HTTP request by the server and at
 * every WebSocket upgrade, so both sign people in the same way.
 */
export async function authenticateCookie(
  db: Db,
  cookieHeader: string | null | undefined,
  options: { secure: boolean; now?: Date },
): Promise<CookieAuth> {
  if (!cookieHeader) return { auth: null };
  const token: unknown = await sessionCookie.parse(cookieHeader);
  if (token === null || token === undefined) return { auth: null };
  const auth = typeof token === "string" ? validateSessionToken(db, token, options.now) : null;
  if (!auth) {
    return { auth: null, setCookie: await sessionCookie.serialize("", { maxAge: 0, secure: options.secure }) };
  }
  if (auth.renewed) {
    return { auth, setCookie: await sessionCookie.serialize(token, { secure: options.secure }) };
  }
  return { auth };
}
