import { blob, index, integer, sqliteTable, text } from "drizzle-orm/sqlite-core";
import { users } from "./users.ts";

/**
 * Second factors of password accounts. A one-time-code app's key is kept until the person
 * confirms it with a first code; the last time step a code was accepted for stops the same
 * code from being used twice.
 */
export const userFactors = sqliteTable(
  "user_factors",
  {
    id: text("id").primaryKey(),
    userId: text("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    kind: text("kind", { enum: ["totp"] }).notNull(),
    /** The shared key, base32 as authenticator apps show it. */
    secret: text("secret").notNull(),
    confirmedAt: integer("confirmed_at", { mode: "timestamp_ms" }),
    lastStep: integer("last_step"),
    createdAt: integer("created_at", { mode: "timestamp_ms" }).notNull(),
  },
  (t) => [index("user_factors_user_idx").on(t.userId)],
);

/** Recovery codes for a lost phone: only their hashes, each good once. */
export const recoveryCodes = sqliteTable(
  "recovery_codes",
  {
    id: text("id").primaryKey(),
    userId: text("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    codeHash: text("code_hash").notNull(),
    usedAt: integer("used_at", { mode: "timestamp_ms" }),
  },
  (t) => [index("recovery_codes_user_idx").on(t.userId)],
);

/**
 * A password accepted, the second step still to come: kept under the hash of a token only the
 * browser holds, for five minutes.
 */
export const secondFactorChallenges = sqliteTable("second_factor_challenges", {
  id: text("id").primaryKey(),
  userId: text("user_id")
    .notNull()
    .references(() => users.id, { onDelete: "cascade" }),
  redirectTo: text("redirect_to").notNull(),
  expiresAt: integer("expires_at", { mode: "timestamp_ms" }).notNull(),
});

/**
 * Passkeys (WebAuthn credentials): a second factor at sign-in and a way to sign approvals. The
 * counter the authenticator last reported catches a cloned key, whose counter falls behind.
 */
export const passkeys = sqliteTable(
  "passkeys",
  {
    /** The credential's id, base64url as the browser reports it. */
    id: text("id").primaryKey(),
    userId: text("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    publicKey: blob("public_key", { mode: "buffer" }).notNull(),
    counter: integer("counter").notNull(),
    transports: text("transports").notNull().default("[]"),
    /** The browser and system it was added from, so the person can tell their keys apart. */
    device: text("device"),
    createdAt: integer("created_at", { mode: "timestamp_ms" }).notNull(),
    lastUsedAt: integer("last_used_at", { mode: "timestamp_ms" }),
  },
  (t) => [index("passkeys_user_idx").on(t.userId)],
);

/**
 * A WebAuthn challenge given out and not yet answered, for one person and one purpose; taken
 * once. An approval's challenge carries the candidate's hash, so the key signs what is approved.
 */
export const passkeyChallenges = sqliteTable("passkey_challenges", {
  challenge: text("challenge").primaryKey(),
  userId: text("user_id")
    .notNull()
    .references(() => users.id, { onDelete: "cascade" }),
  purpose: text("purpose", { enum: ["enrol", "signIn", "approve"] }).notNull(),
  /** The review round an approval signs. */
  subject: text("subject"),
  expiresAt: integer("expires_at", { mode: "timestamp_ms" }).notNull(),
});
