import { index, integer, sqliteTable, text } from "drizzle-orm/sqlite-core";
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
