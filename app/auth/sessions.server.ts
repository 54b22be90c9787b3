import { and, count, eq, isNotNull, lt, ne } from "drizzle-orm";
import { createCookie } from "react-router";
import type { Db } from "#db/client.ts";
import { newSecretToken } from "#db/ids.ts";
import { sessions, signInSettings, userFactors, users, type Locale, type Role } from "#db/schema/index.ts";
import { defaultSecondFactorRoles } from "#app/domain/values.ts";
import { hashToken } from "./tokens.server.ts";

const MINUTE = 60 * 1000;

/**
 * Sessions end after `idleMs` without use and `maxMs` after sign-in, whatever happens. ASVS
 * 4.0.3 3.3.2 at Level 2 asks for re-authentication after 12 hours, or 30 minutes idle: a
 * working day signed in, and a phone left on a table does not stay signed in over lunch.
 * Both are configurable (LOTS_SESSION_IDLE_MINUTES, LOTS_SESSION_MAX_HOURS).
 */
export type SessionPolicy = { idleMs: number; maxMs: number };
export const DEFAULT_SESSION_POLICY: SessionPolicy = { idleMs: 30 * MINUTE, maxMs: 12 * 60 * MINUTE };

/** Use is written down at most once a minute, not on every request. */
const SEEN_EVERY_MS = MINUTE;

export type AuthUser = {
  id: string;
  email: string;
  name: string;
  role: Role;
  unitId: string | null;
  locale: Locale;
  accessExpiresAt: Date | null;
};

export type Session = {
  id: string;
  userId: string;
  expiresAt: Date;
  /** Signed in with a password, in a role the organisation requires a second factor of, without one yet. */
  needsSecondFactor?: boolean;
};

export type Authenticated = { user: AuthUser; session: Session };

const cookieOptions = { httpOnly: true, sameSite: "lax", path: "/" } as const;
const plainCookie = createCookie("lots_session", cookieOptions);
// Over HTTPS the __Host- prefix makes the browser refuse the cookie from a subdomain or a path.
const hostCookie = createCookie("__Host-lots_session", { ...cookieOptions, secure: true });

/** The session cookie as this connection may carry it: `__Host-` prefixed and Secure over HTTPS. */
export const sessionCookie = (secure: boolean) => (secure ? hostCookie : plainCookie);

/** The Set-Cookie header that hands a browser its session. */
export function sessionSetCookie(token: string, secure: boolean, policy = DEFAULT_SESSION_POLICY): Promise<string> {
  return sessionCookie(secure).serialize(token, { maxAge: Math.floor(policy.maxMs / 1000) });
}

/** The Set-Cookie header that makes a browser forget its session. */
export function sessionClearCookie(secure: boolean): Promise<string> {
  return sessionCookie(secure).serialize("", { maxAge: 0 });
}

export type SignInMethod = "password" | "oidc";

export function createSession(
  db: Db,
  userId: string,
  options: {
    now?: Date;
    userAgent?: string | null;
    policy?: SessionPolicy;
    /** Where and how the person signed in, for their own list of devices. */
    from?: { ip: string; method: SignInMethod };
    /** What the provider gave to ask it again whether the person may still come in. */
    providerRefreshToken?: string | null;
  } = {},
): { token: string; session: Session } {
  const now = options.now ?? new Date();
  const policy = options.policy ?? DEFAULT_SESSION_POLICY;
  const token = newSecretToken();
  const session = { id: hashToken(token), userId, expiresAt: sessionEnd(now, now, policy) };
  db.insert(sessions)
    .values({
      ...session,
      createdAt: now,
      lastSeenAt: now,
      userAgent: options.userAgent?.slice(0, 300) ?? null,
      signedInFrom: options.from?.ip.slice(0, 64) ?? null,
      method: options.from?.method ?? null,
      providerRefreshToken: options.providerRefreshToken ?? null,
      providerCheckedAt: options.providerRefreshToken ? now : null,
    })
    .run();
  return { token, session };
}

/** A session as its owner sees it in their list of devices; `handle` names it without its id. */
export type DeviceSession = {
  handle: string;
  userAgent: string | null;
  signedInFrom: string | null;
  method: SignInMethod | null;
  createdAt: Date;
  lastSeenAt: Date;
  current: boolean;
};

const HANDLE_LENGTH = 16;

export function listUserSessions(db: Db, userId: string, currentSessionId: string): DeviceSession[] {
  return db
    .select()
    .from(sessions)
    .where(eq(sessions.userId, userId))
    .all()
    .map((s) => ({
      handle: s.id.slice(0, HANDLE_LENGTH),
      userAgent: s.userAgent,
      signedInFrom: s.signedInFrom,
      method: s.method,
      createdAt: s.createdAt,
      lastSeenAt: s.lastSeenAt,
      current: s.id === currentSessionId,
    }))
    .sort((a, b) => Number(b.current) - Number(a.current) || b.lastSeenAt.getTime() - a.lastSeenAt.getTime());
}

/** Signs one of the person's own devices out; another person's session is never reached. */
export function endOwnSession(db: Db, userId: string, handle: string): boolean {
  const own = db
    .select({ id: sessions.id })
    .from(sessions)
    .where(eq(sessions.userId, userId))
    .all()
    .find((s) => handle.length === HANDLE_LENGTH && s.id.startsWith(handle));
  if (!own) return false;
  invalidateSession(db, own.id);
  return true;
}

/** When a session ends unless used again: idle time after its last use, never past its lifetime. */
function sessionEnd(createdAt: Date, lastSeenAt: Date, policy: SessionPolicy): Date {
  return new Date(Math.min(lastSeenAt.getTime() + policy.idleMs, createdAt.getTime() + policy.maxMs));
}

export function userMayUseAccount(user: { active: boolean; accessExpiresAt: Date | null }, now: Date): boolean {
  return user.active && (user.accessExpiresAt === null || user.accessExpiresAt > now);
}

export type ValidateOptions = {
  policy?: SessionPolicy;
  now?: Date;
  /** False for checks that are not a person's use (the live connections' periodic sweep). */
  use?: boolean;
};

/**
 * Looks up the session behind a browser's token and counts the request as use. Sessions idle
 * too long or past their lifetime, and sessions of deactivated users or guests whose access
 * has ended, are deleted and yield null.
 */
export function validateSessionToken(db: Db, token: string, options: ValidateOptions = {}): Authenticated | null {
  return validateSession(db, hashToken(token), options);
}

/** The same check by session id, for connections that outlive the request that opened them. */
export function validateSession(db: Db, id: string, options: ValidateOptions = {}): Authenticated | null {
  const { policy = DEFAULT_SESSION_POLICY, now = new Date(), use = true } = options;
  const row = db
    .select({
      session: {
        id: sessions.id,
        userId: sessions.userId,
        expiresAt: sessions.expiresAt,
        createdAt: sessions.createdAt,
        lastSeenAt: sessions.lastSeenAt,
        method: sessions.method,
      },
      user: {
        id: users.id,
        email: users.email,
        name: users.name,
        role: users.role,
        unitId: users.unitId,
        locale: users.locale,
        accessExpiresAt: users.accessExpiresAt,
        active: users.active,
      },
    })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .where(eq(sessions.id, id))
    .get();
  if (!row) return null;
  const { createdAt, lastSeenAt, method, ...fields } = row.session;
  const session: Session = { ...fields, needsSecondFactor: method === "password" && mustEnrol(db, row.user) };
  // Judged by the policy in force now, so a shorter setting applies to sessions already open.
  if (sessionEnd(createdAt, lastSeenAt, policy) <= now || !userMayUseAccount(row.user, now)) {
    invalidateSession(db, id);
    return null;
  }
  if (use && now.getTime() - lastSeenAt.getTime() >= SEEN_EVERY_MS) {
    session.expiresAt = sessionEnd(createdAt, now, policy);
    db.update(sessions).set({ lastSeenAt: now, expiresAt: session.expiresAt }).where(eq(sessions.id, id)).run();
  }
  const { active: _active, ...user } = row.user;
  return { session, user };
}

/** The organisation requires a second factor of the person's role, and they have none. */
function mustEnrol(db: Db, user: { id: string; role: Role }): boolean {
  const roles = db.select({ roles: signInSettings.secondFactorRoles }).from(signInSettings).get()?.roles;
  if (!(roles ?? defaultSecondFactorRoles).includes(user.role)) return false;
  return !db
    .select({ id: userFactors.id })
    .from(userFactors)
    .where(and(eq(userFactors.userId, user.id), isNotNull(userFactors.confirmedAt)))
    .get();
}

export function invalidateSession(db: Db, sessionId: string): void {
  db.delete(sessions).where(eq(sessions.id, sessionId)).run();
}

/** Ends every session of a user, or every one but `keepSessionId`. */
export function invalidateUserSessions(db: Db, userId: string, keepSessionId?: string): void {
  db.delete(sessions)
    .where(
      keepSessionId ? and(eq(sessions.userId, userId), ne(sessions.id, keepSessionId)) : eq(sessions.userId, userId),
    )
    .run();
}

export function countUserSessions(db: Db, userId: string): number {
  return db.select({ n: count() }).from(sessions).where(eq(sessions.userId, userId)).get()?.n ?? 0;
}

export function deleteExpiredSessions(db: Db, now = new Date()): void {
  db.delete(sessions).where(lt(sessions.expiresAt, now)).run();
}
