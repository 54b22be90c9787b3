import { index, integer, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";
import { defaultSecondFactorRoles, roles, type Role } from "#app/domain/values.ts";
import { units } from "./organisation.ts";
import { users } from "./users.ts";

/**
 * How the organisation signs in (one row): its OpenID Provider, who may come in through it,
 * what they become at first sign-in, and whether passwords still open the door.
 */
export const signInSettings = sqliteTable("sign_in_settings", {
  id: integer("id").primaryKey(),
  oidcIssuer: text("oidc_issuer"),
  oidcClientId: text("oidc_client_id"),
  oidcClientSecret: text("oidc_client_secret"),
  /** E-mail domains (lower case) whose people may be created at their first sign-in. */
  allowedDomains: text("allowed_domains", { mode: "json" }).$type<string[]>().notNull().default([]),
  buttonLabel: text("button_label"),
  defaultRole: text("default_role", { enum: roles }).$type<Role>().notNull().default("staff"),
  defaultUnitId: text("default_unit_id").references(() => units.id),
  /** The claim rules read, e.g. "groups" (Entra ID, Keycloak) or "roles". */
  groupsClaim: text("groups_claim").notNull().default("groups"),
  /** Whether password sign-in is open to everyone, or only to the named break-glass admins. */
  passwordSignIn: text("password_sign_in", { enum: ["everyone", "breakGlass"] })
    .notNull()
    .default("everyone"),
  breakGlassUserIds: text("break_glass_user_ids", { mode: "json" }).$type<string[]>().notNull().default([]),
  /** Roles whose password accounts must have a second factor. */
  secondFactorRoles: text("second_factor_roles", { mode: "json" })
    .$type<Role[]>()
    .notNull()
    .default(defaultSecondFactorRoles),
  updatedAt: integer("updated_at", { mode: "timestamp_ms" }),
  updatedBy: text("updated_by").references(() => users.id),
});

/** Claim value → role and/or unit, in order; the first rule that matches decides each. */
export const signInRules = sqliteTable("sign_in_rules", {
  id: text("id").primaryKey(),
  position: integer("position").notNull(),
  value: text("value").notNull(),
  role: text("role", { enum: roles }).$type<Role>(),
  unitId: text("unit_id").references(() => units.id),
});

/** A person as their provider knows them: the stable (issuer, subject) pair, never the e-mail. */
export const userIdentities = sqliteTable(
  "user_identities",
  {
    id: text("id").primaryKey(),
    userId: text("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    issuer: text("issuer").notNull(),
    subject: text("subject").notNull(),
    /**
     * Whether the person's role (and unit) came from the rules or the default, so a group taken
     * away at the provider takes it back; an administrator's own choice is left alone.
     */
    roleByRule: integer("role_by_rule", { mode: "boolean" }).notNull(),
    unitByRule: integer("unit_by_rule", { mode: "boolean" }).notNull(),
    createdAt: integer("created_at", { mode: "timestamp_ms" }).notNull(),
    lastSignInAt: integer("last_sign_in_at", { mode: "timestamp_ms" }).notNull(),
  },
  (t) => [
    uniqueIndex("user_identities_subject_idx").on(t.issuer, t.subject),
    index("user_identities_user_idx").on(t.userId),
  ],
);

/**
 * A sign-in at the provider under way: kept under the hash of a token only the browser that
 * started it holds, taken once by the callback, gone after ten minutes.
 */
export const signInAttempts = sqliteTable("sign_in_attempts", {
  id: text("id").primaryKey(),
  state: text("state").notNull(),
  nonce: text("nonce").notNull(),
  codeVerifier: text("code_verifier").notNull(),
  redirectTo: text("redirect_to").notNull(),
  expiresAt: integer("expires_at", { mode: "timestamp_ms" }).notNull(),
  /**
   * Set when a signed-in person confirms who they are at the provider to sign an approval: who,
   * and the approval waiting for it (JSON), carried out only when the provider answers for them.
   */
  userId: text("user_id").references(() => users.id, { onDelete: "cascade" }),
  approval: text("approval"),
});
