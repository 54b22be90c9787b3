import { and, count, eq, lt, ne } from "drizzle-orm";
import { createCookie } from "react-router";
import type { Db } from "#db/client.ts";
import { newSecretToken } from "#db/ids.ts";
import { sessions, users, type Locale, type Role } from "#db/schema/index.ts";
import { hashToken } from "./tokens.server.ts";

const DAY = 24 * 60 * 60 * 1000;
export const SESSION_LIFETIME_MS = 30 * DAY;
/** A session used within the last half of its life is extended to a full lifetime again. */
export const SESSION_RENEW_WITHIN_MS = 15 * DAY;

export type AuthUser = {
  id: string;
  email: string;
  name: string;
  role: Role;
  unitId: string | null;
  locale: Locale;
  accessExpiresAt: Date | null;
};

export type Session = { id: string; userId: string; expiresAt: Date };

export type Authenticated = { user: AuthUser; session: Session; renewed: boolean };

export const sessionCookie = createCookie("lots_session", {
  httpOnly: true,
  sameSite: "lax",
  path: "/",
  maxAge: SESSION_LIFETIME_MS / 1000,
});

export function createSession(
  db: Db,
  userId: string,
  options: { now?: Date; userAgent?: string | null } = {},
): { token: string; session: Session } {
  const now = options.now ?? new Date();
  const token = newSecretToken();
  const session = {
    id: hashToken(token),
    userId,
    expiresAt: new Date(now.getTime() + SESSION_LIFETIME_MS),
  };
  db.insert(sessions)
    .values({ ...session, createdAt: now, userAgent: options.userAgent?.slice(0, 300) ?? null })
    .run();
  return { token, session };
}

export function userMayUseAccount(user: { active: boolean; accessExpiresAt: Date | null }, now: Date): boolean {
  return user.active && (user.accessExpiresAt === null || user.accessExpiresAt > now);
}

/**
 * Looks up the session behind a browser's token. Expired sessions, and sessions of
 * deactivated users or guests whose access has ended, are deleted and yield null.
 */
export function validateSessionToken(db: Db, token: string, now = new Date()): Authenticated | null {
  return validateSession(db, hashToken(token), now);
}

/** The same check by session id, for connections that outlive the request that opened them. */
export function validateSession(db: Db, id: string, now = new Date()): Authenticated | null {
  const row = db
    .select({
      session: { id: sessions.id, userId: sessions.userId, expiresAt: sessions.expiresAt },
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
  if (row.session.expiresAt <= now || !userMayUseAccount(row.user, now)) {
    invalidateSession(db, id);
    return null;
  }
  let renewed = false;
  if (row.session.expiresAt.getTime() - now.getTime() < SESSION_RENEW_WITHIN_MS) {
    row.session.expiresAt = new Date(now.getTime() + SESSION_LIFETIME_MS);
    db.update(sessions).set({ expiresAt: row.session.expiresAt }).where(eq(sessions.id, id)).run();
    renewed = true;
  }
  const { active: _active, ...user } = row.user;
  return { session: row.session, user, renewed };
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
