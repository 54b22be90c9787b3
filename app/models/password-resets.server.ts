import { and, eq, isNull } from "drizzle-orm";
import { type Db, writeTransaction } from "#db/client.ts";
import { newSecretToken } from "#db/ids.ts";
import { passwordResets } from "#db/schema/index.ts";
import { hashToken } from "#app/auth/tokens.server.ts";
import { userMayUseAccount } from "#app/auth/sessions.server.ts";
import { translator } from "#app/i18n/translator.server.ts";
import type { Mailer } from "./mail.server.ts";
import { ipKey, recordFailure, throttleWait, type ThrottlePolicy } from "#app/auth/throttle.server.ts";
import { findUserByEmail, setPassword } from "./users.server.ts";
import { DomainError } from "./errors.ts";

export const PASSWORD_RESET_LIFETIME_MS = 60 * 60 * 1000;

export class PasswordResetError extends DomainError<"reset.invalid"> {}

/** A one-time link token, valid for an hour; earlier unused links of the user stop working. */
export function createPasswordReset(db: Db, userId: string, now = new Date()): string {
  const token = newSecretToken();
  writeTransaction(db, (tx) => {
    tx.delete(passwordResets)
      .where(and(eq(passwordResets.userId, userId), isNull(passwordResets.usedAt)))
      .run();
    tx.insert(passwordResets)
      .values({ tokenHash: hashToken(token), userId, expiresAt: new Date(now.getTime() + PASSWORD_RESET_LIFETIME_MS) })
      .run();
  });
  return token;
}

export function findPasswordReset(db: Db, token: string, now = new Date()) {
  const reset = db
    .select()
    .from(passwordResets)
    .where(eq(passwordResets.tokenHash, hashToken(token)))
    .get();
  if (!reset || reset.usedAt || reset.expiresAt <= now) throw new PasswordResetError("reset.invalid");
  return reset;
}

/** Uses the link once: sets the password and ends every session of the user. */
export async function resetPassword(db: Db, token: string, password: string, now = new Date()): Promise<string> {
  const reset = findPasswordReset(db, token, now);
  const claimed = db
    .update(passwordResets)
    .set({ usedAt: now })
    .where(and(eq(passwordResets.tokenHash, reset.tokenHash), isNull(passwordResets.usedAt)))
    .run();
  if (claimed.changes !== 1) throw new PasswordResetError("reset.invalid");
  await setPassword(db, reset.userId, password);
  return reset.userId;
}

const HOUR = 60 * 60 * 1000;
const perAddress: ThrottlePolicy = { freeFailures: 3, windowMs: HOUR, maxDelayMs: HOUR };
const perIp: ThrottlePolicy = { freeFailures: 20, windowMs: HOUR, maxDelayMs: HOUR };

/**
 * Whether a reset mail may go out now. A few an hour per address and per IP, then growing
 * waits, so the form cannot be used to flood someone's inbox. The form answers the same
 * either way.
 */
export function allowResetRequest(db: Db, email: string, ip: string, now = new Date()): boolean {
  const keys = [`reset:${email.trim().toLowerCase()}`, `reset-${ipKey(ip)}`] as const;
  if (throttleWait(db, [...keys], now) > 0) return false;
  recordFailure(db, keys[0], perAddress, now);
  recordFailure(db, keys[1], perIp, now);
  return true;
}

/**
 * "Forgot password": mails a one-time link in the person's own language, if the address
 * belongs to an active account and the request is not throttled. Only the throttle is judged
 * while the person waits; looking the address up, making the link and mailing it happen after
 * the answer, so neither the answer nor its timing tells whether the address has an account.
 */
export function requestPasswordReset(
  db: Db,
  mailer: Mailer,
  input: { email: string; ip: string; origin: string },
  now = new Date(),
): void {
  if (!mailer.enabled || !allowResetRequest(db, input.email, input.ip, now)) return;
  mailer.enqueue(() => {
    const user = findUserByEmail(db, input.email);
    if (!user || !userMayUseAccount(user, now)) return null;
    const token = createPasswordReset(db, user.id, now);
    const t = translator(user.locale);
    return {
      to: user.email,
      subject: t("forgot.mailSubject"),
      text: t("forgot.mailBody", { link: `${input.origin}/aterstall-losenord/${token}` }),
    };
  });
}
