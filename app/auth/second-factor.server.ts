import { decodeBase32IgnorePadding, encodeBase32NoPadding } from "@oslojs/encoding";
import { createTOTPKeyURI, generateHOTP, verifyHOTP } from "@oslojs/otp";
import { and, eq, isNotNull, isNull, lt } from "drizzle-orm";
import { createCookie } from "react-router";
import { type Db, writeTransaction } from "#db/client.ts";
import { newId, newSecretToken } from "#db/ids.ts";
import { passkeys, recoveryCodes, secondFactorChallenges, userFactors } from "#db/schema/index.ts";
import { getOrganisation } from "#app/models/organisation.server.ts";
import { appendTrailEvent } from "#app/models/trail.server.ts";
import { accountKey, accountPolicy, clearThrottle, recordFailure, throttleWait } from "./throttle.server.ts";
import { hashToken } from "./tokens.server.ts";

/**
 * The second factor of a password account: one-time codes from an authenticator app (TOTP,
 * RFC 6238: 30-second steps, six digits, one step of drift either way), and recovery codes for
 * a lost phone. A code is good once: the step it was accepted for is remembered.
 */

const STEP_SECONDS = 30;
const DIGITS = 6;
const RECOVERY_CODES = 10;
const CHALLENGE_MS = 5 * 60 * 1000;

/** How Lots names itself in the person's app and passkey manager: "Lots Exempelföretaget AB". */
export const accountIssuer = (db: Db) => `Lots ${getOrganisation(db)?.name ?? ""}`.trim();

const stepAt = (now: Date) => Math.floor(now.getTime() / 1000 / STEP_SECONDS);

/** The code an app shows at `now` (for tests that play the app). */
export function totpCode(secret: string, now: Date): string {
  return generateHOTP(decodeBase32IgnorePadding(secret), BigInt(stepAt(now)), DIGITS);
}

/** The step the code belongs to, within one step of drift, or null. */
function matchingStep(secret: string, code: string, now: Date): number | null {
  const key = decodeBase32IgnorePadding(secret);
  const current = stepAt(now);
  for (const step of [current, current - 1, current + 1]) {
    if (verifyHOTP(key, BigInt(step), DIGITS, code)) return step;
  }
  return null;
}

/** An app confirmed by its first code, or a passkey. */
export function hasSecondFactor(db: Db, userId: string): boolean {
  return (
    hasTotp(db, userId) ||
    Boolean(db.select({ id: passkeys.id }).from(passkeys).where(eq(passkeys.userId, userId)).get())
  );
}

export function hasTotp(db: Db, userId: string): boolean {
  return Boolean(
    db
      .select({ id: userFactors.id })
      .from(userFactors)
      .where(and(eq(userFactors.userId, userId), isNotNull(userFactors.confirmedAt)))
      .get(),
  );
}

export function recoveryCodesLeft(db: Db, userId: string): number {
  return db
    .select({ id: recoveryCodes.id })
    .from(recoveryCodes)
    .where(and(eq(recoveryCodes.userId, userId), isNull(recoveryCodes.usedAt)))
    .all().length;
}

/** A new key for the person's app, kept unconfirmed until they type its first code. */
export function beginTotpEnrolment(
  db: Db,
  user: { id: string; email: string },
  issuer: string,
  now = new Date(),
): { secret: string; uri: string } {
  const key = crypto.getRandomValues(new Uint8Array(20));
  const secret = encodeBase32NoPadding(key);
  writeTransaction(db, (tx) => {
    tx.delete(userFactors)
      .where(and(eq(userFactors.userId, user.id), isNull(userFactors.confirmedAt)))
      .run();
    tx.insert(userFactors).values({ id: newId(), userId: user.id, kind: "totp", secret, createdAt: now }).run();
  });
  return { secret, uri: createTOTPKeyURI(issuer, user.email, key, STEP_SECONDS, DIGITS) };
}

/** The key waiting for its first code, to show again after a mistyped code. */
export function pendingTotpSecret(db: Db, userId: string): string | null {
  return (
    db
      .select({ secret: userFactors.secret })
      .from(userFactors)
      .where(and(eq(userFactors.userId, userId), isNull(userFactors.confirmedAt)))
      .get()?.secret ?? null
  );
}

const newRecoveryCode = () => {
  const raw = newSecretToken().slice(0, 10);
  return `${raw.slice(0, 5)}-${raw.slice(5)}`;
};
const normaliseRecovery = (code: string) => code.trim().toLowerCase().replace(/[\s-]/g, "");

/** A fresh set of recovery codes in place of the old, shown once and kept only as hashes. */
export function issueRecoveryCodes(db: Db, userId: string): string[] {
  db.delete(recoveryCodes).where(eq(recoveryCodes.userId, userId)).run();
  const codes = Array.from({ length: RECOVERY_CODES }, newRecoveryCode);
  for (const c of codes) {
    db.insert(recoveryCodes)
      .values({ id: newId(), userId, codeHash: hashToken(normaliseRecovery(c)) })
      .run();
  }
  return codes;
}

/**
 * The first code from the app confirms its key, which replaces any earlier one; the answer is
 * a fresh set of recovery codes, shown once. Null when the code is wrong.
 */
export function confirmTotp(db: Db, userId: string, code: string, now = new Date()): string[] | null {
  return writeTransaction(db, (tx) => {
    const pending = tx
      .select()
      .from(userFactors)
      .where(and(eq(userFactors.userId, userId), isNull(userFactors.confirmedAt)))
      .get();
    const step = pending ? matchingStep(pending.secret, code.replace(/\s/g, ""), now) : null;
    if (!pending || step === null) return null;
    tx.delete(userFactors)
      .where(and(eq(userFactors.userId, userId), isNotNull(userFactors.confirmedAt)))
      .run();
    tx.update(userFactors).set({ confirmedAt: now, lastStep: step }).where(eq(userFactors.id, pending.id)).run();
    const codes = issueRecoveryCodes(tx, userId);
    appendTrailEvent(tx, {
      actorId: userId,
      type: "secondFactor.added",
      subjectType: "user",
      subjectId: userId,
      at: now,
      data: { kind: "totp" },
    });
    return codes;
  });
}

export type SecondFactorCheck =
  { ok: true; via: "totp" | "recovery" } | { ok: false; reason: "invalid" | "throttled"; retryAfterSeconds?: number };

/**
 * A code from the app, or a recovery code, under the same throttle as the password: a six-digit
 * code is one in a million, so guesses are slowed per account exactly as password guesses are.
 */
export function checkSecondFactor(
  db: Db,
  user: { id: string; email: string },
  input: string,
  now = new Date(),
): SecondFactorCheck {
  const key = accountKey(user.email);
  const wait = throttleWait(db, [key], now);
  if (wait > 0) return { ok: false, reason: "throttled", retryAfterSeconds: Math.ceil(wait / 1000) };
  const result = writeTransaction(db, (tx): SecondFactorCheck => {
    const code = input.replace(/\s/g, "");
    if (/^\d{6}$/.test(code)) {
      const factor = tx
        .select()
        .from(userFactors)
        .where(and(eq(userFactors.userId, user.id), isNotNull(userFactors.confirmedAt)))
        .get();
      const step = factor ? matchingStep(factor.secret, code, now) : null;
      // A code already accepted (or an older one) is not accepted again.
      if (!factor || step === null || (factor.lastStep !== null && step <= factor.lastStep))
        return { ok: false, reason: "invalid" };
      tx.update(userFactors).set({ lastStep: step }).where(eq(userFactors.id, factor.id)).run();
      return { ok: true, via: "totp" };
    }
    const used = tx
      .update(recoveryCodes)
      .set({ usedAt: now })
      .where(
        and(
          eq(recoveryCodes.userId, user.id),
          eq(recoveryCodes.codeHash, hashToken(normaliseRecovery(code))),
          isNull(recoveryCodes.usedAt),
        ),
      )
      .run();
    return used.changes === 1 ? { ok: true, via: "recovery" } : { ok: false, reason: "invalid" };
  });
  if (result.ok) clearThrottle(db, key);
  else recordFailure(db, key, accountPolicy, now);
  return result;
}

/**
 * Takes second factors away: all of them with the recovery codes, by an administrator for
 * someone who lost their phone (who then sets up a new one at next sign-in); or, by the person,
 * only the app (the recovery codes stay while a passkey does).
 */
export function removeSecondFactors(
  db: Db,
  actorId: string,
  userId: string,
  options: { only?: "totp" } = {},
  now = new Date(),
): void {
  writeTransaction(db, (tx) => {
    tx.delete(userFactors).where(eq(userFactors.userId, userId)).run();
    if (!options.only) tx.delete(passkeys).where(eq(passkeys.userId, userId)).run();
    if (!hasSecondFactor(tx, userId)) tx.delete(recoveryCodes).where(eq(recoveryCodes.userId, userId)).run();
    appendTrailEvent(tx, {
      actorId,
      type: "secondFactor.removed",
      subjectType: "user",
      subjectId: userId,
      at: now,
      data: { byAdministrator: actorId !== userId, ...options },
    });
  });
}

/** A password accepted and the second step to come: the browser keeps the token. */
export function beginChallenge(db: Db, userId: string, redirectTo: string, now = new Date()): string {
  const token = newSecretToken();
  db.delete(secondFactorChallenges).where(lt(secondFactorChallenges.expiresAt, now)).run();
  db.insert(secondFactorChallenges)
    .values({ id: hashToken(token), userId, redirectTo, expiresAt: new Date(now.getTime() + CHALLENGE_MS) })
    .run();
  return token;
}

export function challengeOf(db: Db, token: string | null, now = new Date()) {
  if (!token) return undefined;
  const row = db
    .select()
    .from(secondFactorChallenges)
    .where(eq(secondFactorChallenges.id, hashToken(token)))
    .get();
  return row && row.expiresAt > now ? row : undefined;
}

export function endChallenge(db: Db, token: string): void {
  db.delete(secondFactorChallenges)
    .where(eq(secondFactorChallenges.id, hashToken(token)))
    .run();
}

const challengeCookieOptions = {
  httpOnly: true,
  sameSite: "lax",
  path: "/login",
  maxAge: CHALLENGE_MS / 1000,
} as const;
const plainChallengeCookie = createCookie("lots_2fa", challengeCookieOptions);
const secureChallengeCookie = createCookie("lots_2fa", { ...challengeCookieOptions, secure: true });

/** The browser's half of a sign-in waiting for its second step. */
export const challengeCookie = (secure: boolean) => (secure ? secureChallengeCookie : plainChallengeCookie);
