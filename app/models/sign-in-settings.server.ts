import { asc, eq } from "drizzle-orm";
import { can, type Actor } from "#app/auth/permissions.server.ts";
import type { ClaimRule } from "#app/auth/sign-in-rules.ts";
import type { Config } from "#app/config.server.ts";
import { defaultSecondFactorRoles, type Role } from "#app/domain/values.ts";
import { type Db, writeTransaction } from "#db/client.ts";
import { newId } from "#db/ids.ts";
import { signInRules, signInSettings, users } from "#db/schema/index.ts";
import { DomainError } from "./errors.ts";
import { organisationId } from "./organisation.server.ts";
import { appendTrailEvent } from "./trail.server.ts";
import { assertUnitExists } from "./units.server.ts";

/**
 * How the organisation signs in: its OpenID Provider (from Administration, or from the
 * environment, which then wins), who may be created at first sign-in and as what, the rules
 * from claims to role and unit, and whether passwords still open the door for everyone.
 */

export class SignInSettingsError extends DomainError<
  "signIn.notAllowed" | "signIn.providerIncomplete" | "signIn.breakGlassNeeded"
> {}

export type OidcProvider = { issuer: string; clientId: string; clientSecret: string; fromEnvironment: boolean };

export type SignInSettings = {
  provider: OidcProvider | null;
  allowedDomains: string[];
  buttonLabel: string | null;
  defaultRole: Role;
  defaultUnitId: string | null;
  groupsClaim: string;
  passwordSignIn: "everyone" | "breakGlass";
  breakGlassUserIds: string[];
  secondFactorRoles: Role[];
  rules: (ClaimRule & { id: string })[];
};

const ROW = 1;

export function getSignInSettings(db: Db, environment: Config["oidc"]): SignInSettings {
  const row = db.select().from(signInSettings).where(eq(signInSettings.id, ROW)).get();
  const stored =
    row?.oidcIssuer && row.oidcClientId
      ? {
          issuer: row.oidcIssuer,
          clientId: row.oidcClientId,
          clientSecret: row.oidcClientSecret ?? "",
          fromEnvironment: false,
        }
      : null;
  return {
    provider: environment ? { ...environment, fromEnvironment: true } : stored,
    allowedDomains: row?.allowedDomains ?? [],
    buttonLabel: row?.buttonLabel ?? null,
    defaultRole: row?.defaultRole ?? "staff",
    defaultUnitId: row?.defaultUnitId ?? null,
    groupsClaim: row?.groupsClaim ?? "groups",
    passwordSignIn: row?.passwordSignIn ?? "everyone",
    breakGlassUserIds: row?.breakGlassUserIds ?? [],
    secondFactorRoles: row?.secondFactorRoles ?? defaultSecondFactorRoles,
    rules: db.select().from(signInRules).orderBy(asc(signInRules.position)).all(),
  };
}

/** The settings a new installation starts with, where they differ from the defaults (the demo's). */
export function startSignInSettings(db: Db, values: { secondFactorRoles: Role[] }): void {
  db.insert(signInSettings)
    .values({ id: ROW, ...values })
    .onConflictDoNothing()
    .run();
}

/** Whether this person may still sign in with a password. */
export function mayUsePassword(settings: Pick<SignInSettings, "passwordSignIn" | "breakGlassUserIds">, userId: string) {
  return settings.passwordSignIn === "everyone" || settings.breakGlassUserIds.includes(userId);
}

export type SignInSettingsInput = {
  issuer: string;
  clientId: string;
  /** Empty keeps the secret already stored. */
  clientSecret: string;
  allowedDomains: string[];
  buttonLabel: string;
  defaultRole: Role;
  defaultUnitId: string | null;
  groupsClaim: string;
  passwordSignIn: "everyone" | "breakGlass";
  breakGlassUserIds: string[];
  secondFactorRoles: Role[];
};

export function saveSignInSettings(db: Db, actor: Actor, input: SignInSettingsInput, now = new Date()): void {
  if (!can(actor, "manage", { type: "organisation" })) throw new SignInSettingsError("signIn.notAllowed");
  writeTransaction(db, (tx) => {
    const before = tx.select().from(signInSettings).where(eq(signInSettings.id, ROW)).get();
    const secret = input.clientSecret || before?.oidcClientSecret || "";
    if ((input.issuer || input.clientId) && !(input.issuer && input.clientId && secret))
      throw new SignInSettingsError("signIn.providerIncomplete");
    assertUnitExists(tx, input.defaultUnitId);
    // Turning passwords off needs someone who can still get in when the provider is down.
    const breakGlass = input.breakGlassUserIds.filter((id) => {
      const person = tx.select({ role: users.role, active: users.active }).from(users).where(eq(users.id, id)).get();
      return person?.active && person.role === "admin";
    });
    if (input.passwordSignIn === "breakGlass" && breakGlass.length === 0)
      throw new SignInSettingsError("signIn.breakGlassNeeded");
    const values = {
      oidcIssuer: input.issuer || null,
      oidcClientId: input.clientId || null,
      oidcClientSecret: input.issuer ? secret : null,
      allowedDomains: [...new Set(input.allowedDomains.map((d) => d.trim().toLowerCase()).filter(Boolean))],
      buttonLabel: input.buttonLabel.trim() || null,
      defaultRole: input.defaultRole,
      defaultUnitId: input.defaultUnitId,
      groupsClaim: input.groupsClaim.trim() || "groups",
      passwordSignIn: input.passwordSignIn,
      breakGlassUserIds: breakGlass,
      secondFactorRoles: [...new Set(input.secondFactorRoles)],
      updatedAt: now,
      updatedBy: actor.id,
    };
    tx.insert(signInSettings)
      .values({ id: ROW, ...values })
      .onConflictDoUpdate({ target: signInSettings.id, set: values })
      .run();
    appendTrailEvent(tx, {
      actorId: actor.id,
      type: "signIn.settingsChanged",
      subjectType: "organisation",
      subjectId: organisationId(tx),
      at: now,
      // Whether and how, not the addresses or the secret.
      data: {
        provider: Boolean(values.oidcIssuer),
        domains: values.allowedDomains.length,
        defaultRole: values.defaultRole,
        defaultUnitId: values.defaultUnitId,
        passwordSignIn: values.passwordSignIn,
        breakGlassUserIds: values.breakGlassUserIds,
        secondFactorRoles: values.secondFactorRoles,
      },
    });
  });
}

/** A rule added last: a claim value that gives a role, a unit, or both. */
export function addSignInRule(
  db: Db,
  actor: Actor,
  input: { value: string; role: Role | null; unitId: string | null },
  now = new Date(),
): void {
  if (!can(actor, "manage", { type: "organisation" })) throw new SignInSettingsError("signIn.notAllowed");
  writeTransaction(db, (tx) => {
    assertUnitExists(tx, input.unitId);
    const last = tx
      .select({ position: signInRules.position })
      .from(signInRules)
      .orderBy(asc(signInRules.position))
      .all()
      .at(-1);
    const id = newId();
    tx.insert(signInRules)
      .values({
        id,
        position: (last?.position ?? 0) + 1,
        value: input.value.trim(),
        role: input.role,
        unitId: input.unitId,
      })
      .run();
    appendTrailEvent(tx, {
      actorId: actor.id,
      type: "signIn.ruleAdded",
      subjectType: "organisation",
      subjectId: organisationId(tx),
      at: now,
      data: { rule: id, role: input.role, unitId: input.unitId },
    });
  });
}

export function removeSignInRule(db: Db, actor: Actor, id: string, now = new Date()): void {
  if (!can(actor, "manage", { type: "organisation" })) throw new SignInSettingsError("signIn.notAllowed");
  writeTransaction(db, (tx) => {
    if (tx.delete(signInRules).where(eq(signInRules.id, id)).run().changes === 0) return;
    appendTrailEvent(tx, {
      actorId: actor.id,
      type: "signIn.ruleRemoved",
      subjectType: "organisation",
      subjectId: organisationId(tx),
      at: now,
      data: { rule: id },
    });
  });
}
