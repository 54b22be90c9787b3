import { and, asc, count, eq, ne } from "drizzle-orm";
import { can, type Actor } from "#app/auth/permissions.server.ts";
import { type Db, writeTransaction } from "#db/client.ts";
import { newId } from "#db/ids.ts";
import { units, userIdentities, users, type DigestFrequency, type Locale, type Role } from "#db/schema/index.ts";
import { hashPassword } from "#app/auth/passwords.server.ts";
import { confirmPassword } from "#app/auth/sign-in.server.ts";
import { invalidateUserSessions } from "#app/auth/sessions.server.ts";
import { appendTrailEvent } from "./trail.server.ts";
import { assertUnitExists } from "./units.server.ts";
import { DomainError } from "./errors.ts";

export type User = typeof users.$inferSelect;
export type UserListItem = Omit<User, "passwordHash"> & { unitName: string | null };

export class UserError extends DomainError<
  | "user.notFound"
  | "user.emailTaken"
  | "user.lastAdmin"
  | "user.guestNeedsEndDate"
  | "user.wrongPassword"
  | "user.throttled"
  | "user.notAllowed"
> {}

export const normaliseEmail = (email: string) => email.trim().toLowerCase();

export function findUserByEmail(db: Db, email: string): User | undefined {
  return db
    .select()
    .from(users)
    .where(eq(users.email, normaliseEmail(email)))
    .get();
}

export function getUser(db: Db, id: string): User | undefined {
  return db.select().from(users).where(eq(users.id, id)).get();
}

export function listUsers(db: Db): UserListItem[] {
  return db
    .select({
      id: users.id,
      email: users.email,
      name: users.name,
      role: users.role,
      unitId: users.unitId,
      locale: users.locale,
      digest: users.digest,
      active: users.active,
      accessExpiresAt: users.accessExpiresAt,
      createdAt: users.createdAt,
      unitName: units.name,
    })
    .from(users)
    .leftJoin(units, eq(units.id, users.unitId))
    .orderBy(asc(users.name))
    .all();
}

/** Active people by name: owners to choose, colleagues to mention. */
export function listPeople(db: Db): { id: string; name: string }[] {
  return db
    .select({ id: users.id, name: users.name })
    .from(users)
    .where(eq(users.active, true))
    .orderBy(asc(users.name))
    .all();
}

/** Guests (external auditors) always have an end date; nobody else has one. */
function accessEndFor(role: Role, accessExpiresAt: Date | null): Date | null {
  if (role !== "external_auditor") return null;
  if (!accessExpiresAt) throw new UserError("user.guestNeedsEndDate");
  return accessExpiresAt;
}

export type NewUser = {
  email: string;
  name: string;
  password: string;
  role: Role;
  unitId: string | null;
  accessExpiresAt?: Date | null;
  locale?: Locale;
};

/**
 * Creates an account. Not a command a person runs: accepting an invitation (the invited command),
 * the operator's create-admin script and the demo seed call it, so it asks no `can()`; the actor
 * is only recorded on the trail. Runs inside the caller's transaction when given one.
 */
export async function createUser(db: Db, input: NewUser, actorId: string | null): Promise<User> {
  const passwordHash = await hashPassword(input.password);
  return writeTransaction(db, (tx) => {
    if (findUserByEmail(tx, input.email)) throw new UserError("user.emailTaken");
    const user = tx
      .insert(users)
      .values({
        id: newId(),
        email: normaliseEmail(input.email),
        name: input.name.trim(),
        passwordHash,
        role: input.role,
        unitId: input.unitId,
        locale: input.locale ?? "sv",
        accessExpiresAt: accessEndFor(input.role, input.accessExpiresAt ?? null),
      })
      .returning()
      .get();
    appendTrailEvent(tx, {
      actorId,
      type: "user.created",
      subjectType: "user",
      subjectId: user.id,
      data: { role: user.role, unitId: user.unitId },
    });
    return user;
  });
}

function otherActiveAdmins(db: Db, userId: string): number {
  return (
    db
      .select({ n: count() })
      .from(users)
      .where(and(eq(users.role, "admin"), eq(users.active, true), ne(users.id, userId)))
      .get()?.n ?? 0
  );
}

export function changeUserRole(
  db: Db,
  actor: Actor,
  userId: string,
  input: { role: Role; unitId: string | null; accessExpiresAt: Date | null },
): void {
  writeTransaction(db, (tx) => {
    const user = getUser(tx, userId);
    if (!user) throw new UserError("user.notFound");
    if (!can(actor, "changeRole", { type: "user", id: user.id, role: user.role }))
      throw new UserError("user.notAllowed");
    if (user.role === "admin" && input.role !== "admin" && otherActiveAdmins(tx, userId) === 0) {
      throw new UserError("user.lastAdmin");
    }
    assertUnitExists(tx, input.unitId);
    const accessExpiresAt = accessEndFor(input.role, input.accessExpiresAt);
    tx.update(users).set({ role: input.role, unitId: input.unitId, accessExpiresAt }).where(eq(users.id, userId)).run();
    // An administrator's choice stands: sign-in rules no longer take the role or unit back.
    tx.update(userIdentities)
      .set({ roleByRule: false, unitByRule: false })
      .where(eq(userIdentities.userId, userId))
      .run();
    appendTrailEvent(tx, {
      actorId: actor.id,
      type: "user.roleChanged",
      subjectType: "user",
      subjectId: userId,
      data: {
        from: { role: user.role, unitId: user.unitId },
        to: { role: input.role, unitId: input.unitId, accessExpiresAt: accessExpiresAt?.toISOString() ?? null },
      },
    });
  });
}

/** Deactivating ends every session of the user at once; nothing of theirs is deleted. */
export function setUserActive(db: Db, actor: Actor, userId: string, active: boolean): void {
  writeTransaction(db, (tx) => {
    const user = getUser(tx, userId);
    if (!user) throw new UserError("user.notFound");
    if (!can(actor, "deactivate", { type: "user", id: user.id, role: user.role }))
      throw new UserError("user.notAllowed");
    if (!active && user.role === "admin" && otherActiveAdmins(tx, userId) === 0) {
      throw new UserError("user.lastAdmin");
    }
    tx.update(users).set({ active }).where(eq(users.id, userId)).run();
    if (!active) invalidateUserSessions(tx, userId);
    appendTrailEvent(tx, {
      actorId: actor.id,
      type: active ? "user.reactivated" : "user.deactivated",
      subjectType: "user",
      subjectId: userId,
    });
  });
}

export function updateProfile(
  db: Db,
  userId: string,
  input: { name: string; locale: Locale; digest: DigestFrequency },
): void {
  db.update(users)
    .set({ name: input.name.trim(), locale: input.locale, digest: input.digest })
    .where(eq(users.id, userId))
    .run();
}

export function setUserLocale(db: Db, userId: string, locale: Locale): void {
  db.update(users).set({ locale }).where(eq(users.id, userId)).run();
}

/** Sets a new password and ends every session of the user: whoever was signed in is out. */
export async function setPassword(db: Db, userId: string, password: string): Promise<void> {
  const passwordHash = await hashPassword(password);
  writeTransaction(db, (tx) => {
    tx.update(users).set({ passwordHash }).where(eq(users.id, userId)).run();
    invalidateUserSessions(tx, userId);
    appendTrailEvent(tx, { actorId: userId, type: "user.passwordChanged", subjectType: "user", subjectId: userId });
  });
}

/**
 * Ends every session, the caller's too: the caller then starts a fresh one, so the token
 * that was in use before the change is worthless after it.
 */
export async function changePassword(
  db: Db,
  userId: string,
  input: { currentPassword: string; newPassword: string; ip?: string },
  now = new Date(),
): Promise<void> {
  const user = getUser(db, userId);
  if (!user) throw new UserError("user.notFound");
  const check = await confirmPassword(db, user, { password: input.currentPassword, ip: input.ip }, now);
  if (!check.ok) throw new UserError(check.reason === "throttled" ? "user.throttled" : "user.wrongPassword");
  await setPassword(db, userId, input.newPassword);
}
