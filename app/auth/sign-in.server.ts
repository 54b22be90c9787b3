import type { Db } from "#db/client.ts";
import { findUserByEmail } from "#app/models/users.server.ts";
import { verifyAgainstDummy, verifyPassword } from "./passwords.server.ts";
import { userMayUseAccount } from "./sessions.server.ts";
import {
  accountKey,
  accountPolicy,
  clearThrottle,
  ipKey,
  ipPolicy,
  recordFailure,
  throttleWait,
} from "./throttle.server.ts";

export type SignInResult =
  | { ok: true; userId: string }
  | { ok: false; reason: "invalid" | "inactive"; retryAfterSeconds?: undefined }
  | { ok: false; reason: "throttled"; retryAfterSeconds: number };

/**
 * Checks credentials under per-account and per-IP throttling. An unknown email and a wrong
 * password give the same answer in the same time; an inactive account is named only to
 * someone who knew its password.
 */
export async function signIn(
  db: Db,
  input: { email: string; password: string; ip: string },
  now = new Date(),
): Promise<SignInResult> {
  const keys = [accountKey(input.email), ipKey(input.ip)];
  const wait = throttleWait(db, keys, now);
  if (wait > 0) return { ok: false, reason: "throttled", retryAfterSeconds: Math.ceil(wait / 1000) };

  const user = findUserByEmail(db, input.email);
  const valid = user
    ? await verifyPassword(user.passwordHash, input.password)
    : await verifyAgainstDummy(input.password);
  if (!user || !valid) {
    recordFailure(db, keys[0]!, accountPolicy, now);
    recordFailure(db, keys[1]!, ipPolicy, now);
    return { ok: false, reason: "invalid" };
  }
  if (!userMayUseAccount(user, now)) return { ok: false, reason: "inactive" };
  clearThrottle(db, keys[0]!);
  return { ok: true, userId: user.id };
}
