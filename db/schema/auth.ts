import { sql } from "drizzle-orm";
import { index, integer, sqliteTable, text } from "drizzle-orm/sqlite-core";
import { users } from "./users.ts";
import { roles } from "#app/domain/values.ts";
import { units } from "./organisation.ts";

/**
 * Sessions in Lucia's design: the browser holds a random token, we store only its
 * SHA-256 (hex) as the id, so a leaked database does not hand out live sessions.
 */
export const sessions = sqliteTable(
  "sessions",
  {
    id: text("id").primaryKey(),
    userId: text("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    /** When it ends unless used again (idle limit or lifetime, whichever comes first). */
    expiresAt: integer("expires_at", { mode: "timestamp_ms" }).notNull(),
    createdAt: integer("created_at", { mode: "timestamp_ms" }).notNull(),
    /** Its last use, written at most once a minute: the idle limit counts from here. */
    lastSeenAt: integer("last_seen_at", { mode: "timestamp_ms" })
      .notNull()
      .default(sql`0`),
    userAgent: text("user_agent"),
    /** The address it was signed in from, shown to its owner while it lives; never on the trail. */
    signedInFrom: text("signed_in_from"),
    method: text("method", { enum: ["password", "oidc"] }),
    /**
     * A session signed in at a provider that gave a refresh token: every few minutes Lots asks
     * the provider with it whether the person may still come in (single-sign-on.server.ts).
     */
    providerRefreshToken: text("provider_refresh_token"),
    providerCheckedAt: integer("provider_checked_at", { mode: "timestamp_ms" }),
  },
  (t) => [index("sessions_user_idx").on(t.userId)],
);

/** Failed sign-ins per key ("account:<email>" or "ip:<address>"), for growing delays. */
export const loginThrottle = sqliteTable("login_throttle", {
  key: text("key").primaryKey(),
  failures: integer("failures").notNull(),
  lastFailureAt: integer("last_failure_at", { mode: "timestamp_ms" }).notNull(),
  blockedUntil: integer("blocked_until", { mode: "timestamp_ms" }).notNull(),
});

/** One-time invitation links; only the token's hash is kept. */
export const invitations = sqliteTable(
  "invitations",
  {
    id: text("id").primaryKey(),
    tokenHash: text("token_hash").notNull().unique(),
    email: text("email").notNull(),
    name: text("name").notNull(),
    role: text("role", { enum: roles }).notNull(),
    unitId: text("unit_id").references(() => units.id),
    accessExpiresAt: integer("access_expires_at", { mode: "timestamp_ms" }),
    invitedBy: text("invited_by")
      .notNull()
      .references(() => users.id),
    createdAt: integer("created_at", { mode: "timestamp_ms" }).notNull(),
    expiresAt: integer("expires_at", { mode: "timestamp_ms" }).notNull(),
    acceptedAt: integer("accepted_at", { mode: "timestamp_ms" }),
    revokedAt: integer("revoked_at", { mode: "timestamp_ms" }),
  },
  (t) => [index("invitations_email_idx").on(t.email)],
);

/** One-time password reset links; only the token's hash is kept. */
export const passwordResets = sqliteTable("password_resets", {
  tokenHash: text("token_hash").primaryKey(),
  userId: text("user_id")
    .notNull()
    .references(() => users.id, { onDelete: "cascade" }),
  expiresAt: integer("expires_at", { mode: "timestamp_ms" }).notNull(),
  usedAt: integer("used_at", { mode: "timestamp_ms" }),
});

/**
 * Forms already carried out, by the key each page gives its forms: a second click, a double
 * tap or a resent request with the same key is answered as the first was, not done again.
 */
export const formSubmissions = sqliteTable(
  "form_submissions",
  {
    key: text("key").primaryKey(),
    userId: text("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    /** Where the first answer sent the person, if it sent them somewhere. */
    location: text("location"),
    at: integer("at", { mode: "timestamp_ms" }).notNull(),
  },
  (t) => [index("form_submissions_at_idx").on(t.at)],
);
