import { and, count, eq, ne } from "drizzle-orm";
import { claimValues, domainAllowed, mapClaims } from "#app/auth/sign-in-rules.ts";
import { userMayUseAccount } from "#app/auth/sessions.server.ts";
import { type Db, writeTransaction } from "#db/client.ts";
import { newId, newSecretToken } from "#db/ids.ts";
import { userIdentities, users } from "#db/schema/index.ts";
import type { SignInSettings } from "./sign-in-settings.server.ts";
import { appendTrailEvent } from "./trail.server.ts";
import { createUser, findUserByEmail, getUser, normaliseEmail } from "./users.server.ts";

/**
 * Who a person signing in through the organisation's provider is in Lots: found by the
 * provider's stable subject, at first by an e-mail the provider has verified, or created when
 * the e-mail's domain is allowed; then given the role and unit the rules read from the claims.
 */

export type SignOnRefusal = "emailNotVerified" | "domainNotAllowed" | "inactive";

export type ProviderClaims = Record<string, unknown> & { sub: string; email?: unknown };

/** The provider vouches for the address: `email_verified`, or Entra ID's domain-owner claim. */
function verifiedEmail(claims: ProviderClaims): string | null {
  if (typeof claims.email !== "string" || !claims.email.includes("@")) return null;
  return claims.email_verified === true || claims.xms_edov === true ? normaliseEmail(claims.email) : null;
}

function nameOf(claims: ProviderClaims, email: string): string {
  if (typeof claims.name === "string" && claims.name.trim()) return claims.name.trim().slice(0, 200);
  const parts = [claims.given_name, claims.family_name].filter((p): p is string => typeof p === "string");
  return parts.join(" ").trim() || email.slice(0, email.indexOf("@"));
}

function activeAdmins(db: Db, except: string): number {
  return (
    db
      .select({ n: count() })
      .from(users)
      .where(and(eq(users.role, "admin"), eq(users.active, true), ne(users.id, except)))
      .get()?.n ?? 0
  );
}

export async function personSigningOn(
  db: Db,
  settings: SignInSettings,
  issuer: string,
  claims: ProviderClaims,
  now = new Date(),
): Promise<{ ok: true; userId: string } | { ok: false; reason: SignOnRefusal }> {
  const known = db
    .select()
    .from(userIdentities)
    .where(and(eq(userIdentities.issuer, issuer), eq(userIdentities.subject, claims.sub)))
    .get();
  const email = verifiedEmail(claims);
  let userId = known?.userId;
  let created = false;
  if (!userId) {
    // Never an address the provider does not vouch for: anyone can type someone else's.
    if (!email) return { ok: false, reason: "emailNotVerified" };
    const existing = findUserByEmail(db, email);
    if (existing) userId = existing.id;
    else {
      if (!domainAllowed(email, settings.allowedDomains)) return { ok: false, reason: "domainNotAllowed" };
      const person = await createUser(
        db,
        {
          email,
          name: nameOf(claims, email),
          // Nobody knows it: the person signs in through the provider.
          password: newSecretToken(),
          role: settings.defaultRole,
          unitId: settings.defaultUnitId,
        },
        null,
      );
      userId = person.id;
      created = true;
    }
  }
  return writeTransaction(db, (tx) => {
    const user = getUser(tx, userId)!;
    if (!userMayUseAccount(user, now)) return { ok: false as const, reason: "inactive" as const };
    const mapped = mapClaims(settings.rules, claimValues(claims, settings.groupsClaim), {
      role: settings.defaultRole,
      unitId: settings.defaultUnitId,
    });
    // Rules decide what they decided before (or what a new person gets); an administrator's
    // own choice for a person who was here before is left until a rule says otherwise.
    const roleByRule = mapped.roleRule !== null || (known ? known.roleByRule : created);
    const unitByRule = mapped.unitRule !== null || (known ? known.unitByRule : created);
    let role = roleByRule ? mapped.role : user.role;
    const unitId = unitByRule ? mapped.unitId : user.unitId;
    // A rule never leaves the organisation without an administrator.
    if (user.role === "admin" && role !== "admin" && activeAdmins(tx, user.id) === 0) role = "admin";
    if (role !== user.role || unitId !== user.unitId) {
      tx.update(users).set({ role, unitId }).where(eq(users.id, user.id)).run();
      appendTrailEvent(tx, {
        actorId: null,
        type: "user.roleMapped",
        subjectType: "user",
        subjectId: user.id,
        at: now,
        data: {
          from: { role: user.role, unitId: user.unitId },
          to: { role, unitId },
          roleRule: mapped.roleRule,
          unitRule: mapped.unitRule,
        },
      });
    }
    if (known) {
      tx.update(userIdentities)
        .set({ roleByRule, unitByRule, lastSignInAt: now })
        .where(eq(userIdentities.id, known.id))
        .run();
    } else {
      tx.insert(userIdentities)
        .values({
          id: newId(),
          userId: user.id,
          issuer,
          subject: claims.sub,
          roleByRule,
          unitByRule,
          createdAt: now,
          lastSignInAt: now,
        })
        .run();
    }
    return { ok: true as const, userId: user.id };
  });
}

/** Whom the provider's subject belongs to in Lots, if anyone. */
export function identityOwner(db: Db, issuer: string, subject: string): string | undefined {
  return db
    .select({ userId: userIdentities.userId })
    .from(userIdentities)
    .where(and(eq(userIdentities.issuer, issuer), eq(userIdentities.subject, subject)))
    .get()?.userId;
}

/** The person signs in through the organisation's provider (and can confirm who they are there). */
export const hasProviderIdentity = (db: Db, userId: string) =>
  Boolean(db.select({ id: userIdentities.userId }).from(userIdentities).where(eq(userIdentities.userId, userId)).get());
