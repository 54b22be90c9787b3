import type { Db } from "#db/client.ts";
import { organisationId } from "#app/models/organisation.server.ts";
import { appendTrailEvent } from "#app/models/trail.server.ts";
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

export type PasswordCheck =
  | { ok: true }
  | { ok: false; reason: "invalid"; retryAfterSeconds?: undefined }
  | { ok: false; reason: "throttled"; retryAfterSeconds: number };

/**
 * Every check of a known person's password (sign-in, changing it, the approval signature) goes
 * through here, under the sign-in throttle: per account and, when the request's address is
 * known, per address. So no form is a faster way to guess a password than the sign-in page.
 */
export async function confirmPassword(
  db: Db,
  user: { email: string; passwordHash: string } | undefined,
  input: { email?: string; password: string; ip?: string },
  now = new Date(),
): Promise<PasswordCheck> {
  const keys = [accountKey(user?.email ?? input.email ?? ""), ...(input.ip ? [ipKey(input.ip)] : [])];
  const wait = throttleWait(db, keys, now);
  if (wait > 0) return { ok: false, reason: "throttled", retryAfterSeconds: Math.ceil(wait / 1000) };
  const valid = user
    ? await verifyPassword(user.passwordHash, input.password)
    : await verifyAgainstDummy(input.password);
  if (!valid) {
    recordFailure(db, keys[0]!, accountPolicy, now);
    if (keys[1]) recordFailure(db, keys[1], ipPolicy, now);
    return { ok: false, reason: "invalid" };
  }
  clearThrottle(db, keys[0]!);
  return { ok: true };
}

export type SignInResult =
  | { ok: true; userId: string }
  | { ok: false; reason: "invalid" | "inactive" | "passwordOff"; retryAfterSeconds?: undefined }
  | { ok: false; reason: "throttled"; retryAfterSeconds: number };

/**
 * Checks credentials under per-account and per-IP throttling. An unknown email and a wrong
 * password give the same answer in the same time; an inactive account, or one that must sign
 * in through the organisation's provider, is named only to someone who knew its password.
 * Sign-ins and their refusals go to the trail, without the address typed.
 */
export async function signIn(
  db: Db,
  input: { email: string; password: string; ip: string },
  now = new Date(),
  mayUsePassword: (userId: string) => boolean = () => true,
): Promise<SignInResult> {
  const user = findUserByEmail(db, input.email);
  const check = await confirmPassword(db, user, input, now);
  const result: SignInResult = !check.ok
    ? check
    : !user || !userMayUseAccount(user, now)
      ? { ok: false, reason: "inactive" }
      : !mayUsePassword(user.id)
        ? { ok: false, reason: "passwordOff" }
        : { ok: true, userId: user.id };
  // A throttled guess was not even checked: the trail is not a flood gauge. A right password is
  // recorded once the sign-in is complete (after the second factor, where there is one).
  if (result.ok || result.reason === "throttled") return result;
  appendTrailEvent(db, {
    actorId: null,
    type: "session.refused",
    subjectType: "organisation",
    subjectId: organisationId(db),
    at: now,
    data: { method: "password", reason: result.reason },
  });
  return result;
}

/** A sign-in completed, on the trail: who, and how (never from where: that is personal data). */
export function recordSignIn(
  db: Db,
  userId: string,
  how: { method: "password" | "oidc"; secondFactor?: "totp" | "recovery" | "passkey" },
  now = new Date(),
): void {
  appendTrailEvent(db, {
    actorId: userId,
    type: "session.signedIn",
    subjectType: "user",
    subjectId: userId,
    at: now,
    data: how,
  });
}
