import { beforeEach, describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import {
  countUserSessions,
  createSession,
  invalidateUserSessions,
  SESSION_LIFETIME_MS,
  validateSessionToken,
} from "#app/auth/sessions.server.ts";
import { hashToken } from "#app/auth/tokens.server.ts";
import { authenticateCookie } from "#app/auth/authenticate.server.ts";
import { sessionCookie } from "#app/auth/sessions.server.ts";
import { changePassword, setUserActive } from "#app/models/users.server.ts";
import type { DbConnection } from "#db/client.ts";
import { sessions } from "#db/schema/index.ts";
import { createTestDb, makeUser } from "#tests/fixtures/db.ts";

const DAY = 24 * 60 * 60 * 1000;
let db: DbConnection;

beforeEach(() => {
  db = createTestDb();
});

describe("sessions", () => {
  it("give the browser a token and keep only its SHA-256", async () => {
    const user = await makeUser(db);
    const { token, session } = createSession(db, user.id);
    const stored = db.select().from(sessions).all();
    expect(stored).toHaveLength(1);
    expect(stored[0]!.id).toBe(hashToken(token));
    expect(stored[0]!.id).not.toBe(token);
    expect(session.expiresAt.getTime() - Date.now()).toBeGreaterThan(SESSION_LIFETIME_MS - 5000);
  });

  it("tokens are long and random", async () => {
    const user = await makeUser(db);
    const a = createSession(db, user.id).token;
    const b = createSession(db, user.id).token;
    expect(a).not.toBe(b);
    expect(a.length).toBeGreaterThanOrEqual(32);
  });

  it("validate to the signed-in user", async () => {
    const user = await makeUser(db, { role: "auditor" });
    const { token } = createSession(db, user.id);
    const auth = validateSessionToken(db, token);
    expect(auth?.user).toMatchObject({ id: user.id, role: "auditor", email: user.email });
    expect(auth?.renewed).toBe(false);
  });

  it("do not validate a forged or unknown token", async () => {
    expect(validateSessionToken(db, "forged-token")).toBeNull();
  });

  it("expire after 30 days and are then deleted", async () => {
    const user = await makeUser(db);
    const start = new Date("2026-01-01T10:00:00Z");
    const { token } = createSession(db, user.id, { now: start });
    expect(validateSessionToken(db, token, new Date(start.getTime() + 30 * DAY + 1000))).toBeNull();
    expect(countUserSessions(db, user.id)).toBe(0);
  });

  it("slide: a session used in its second half is extended to a full 30 days again", async () => {
    const user = await makeUser(db);
    const start = new Date("2026-01-01T10:00:00Z");
    const { token } = createSession(db, user.id, { now: start });

    const early = validateSessionToken(db, token, new Date(start.getTime() + 5 * DAY));
    expect(early?.renewed).toBe(false);

    const later = new Date(start.getTime() + 20 * DAY);
    const renewed = validateSessionToken(db, token, later);
    expect(renewed?.renewed).toBe(true);
    expect(renewed?.session.expiresAt.getTime()).toBe(later.getTime() + 30 * DAY);
    // Still valid past the original 30 days, because it was in use.
    expect(validateSessionToken(db, token, new Date(start.getTime() + 40 * DAY))).not.toBeNull();
  });

  it("end at once for a deactivated user", async () => {
    const admin = await makeUser(db, { role: "admin" });
    const user = await makeUser(db);
    const { token } = createSession(db, user.id);
    setUserActive(db, admin.id, user.id, false);
    expect(validateSessionToken(db, token)).toBeNull();
    expect(countUserSessions(db, user.id)).toBe(0);
  });

  it("end when an external auditor's access period is over", async () => {
    const until = new Date("2026-03-01T00:00:00Z");
    const guest = await makeUser(db, { role: "external_auditor", accessExpiresAt: until });
    const { token } = createSession(db, guest.id, { now: new Date("2026-02-01T00:00:00Z") });
    expect(validateSessionToken(db, token, new Date("2026-02-15T00:00:00Z"))).not.toBeNull();
    expect(validateSessionToken(db, token, new Date("2026-03-01T00:00:01Z"))).toBeNull();
  });

  it("can all be ended but one (sign out elsewhere) or all (sign out everywhere)", async () => {
    const user = await makeUser(db);
    const keep = createSession(db, user.id);
    createSession(db, user.id);
    createSession(db, user.id);
    invalidateUserSessions(db, user.id, keep.session.id);
    expect(countUserSessions(db, user.id)).toBe(1);
    expect(validateSessionToken(db, keep.token)).not.toBeNull();
    invalidateUserSessions(db, user.id);
    expect(countUserSessions(db, user.id)).toBe(0);
  });

  it("are all ended by a password change, so the old token is worthless (rotation)", async () => {
    const user = await makeUser(db, { password: "old password 123" });
    const here = createSession(db, user.id);
    const elsewhere = createSession(db, user.id);
    await changePassword(db, user.id, { currentPassword: "old password 123", newPassword: "new password 456" });
    expect(validateSessionToken(db, here.token)).toBeNull();
    expect(validateSessionToken(db, elsewhere.token)).toBeNull();
  });

  it("refuse a password change when the current password is wrong, and keep the sessions", async () => {
    const user = await makeUser(db, { password: "old password 123" });
    const here = createSession(db, user.id);
    await expect(
      changePassword(db, user.id, { currentPassword: "wrong", newPassword: "new password 456" }),
    ).rejects.toMatchObject({ code: "user.wrongPassword" });
    expect(validateSessionToken(db, here.token)).not.toBeNull();
  });
});

describe("the session cookie", () => {
  it("is HttpOnly, SameSite=Lax, lasts 30 days, and is Secure behind HTTPS", async () => {
    const header = await sessionCookie.serialize("token", { secure: true });
    expect(header).toMatch(/HttpOnly/i);
    expect(header).toMatch(/SameSite=Lax/i);
    expect(header).toMatch(/Max-Age=2592000/);
    expect(header).toMatch(/Secure/i);
    expect(await sessionCookie.serialize("token", { secure: false })).not.toMatch(/Secure/i);
  });

  it("signs a request in, renews it when due, and clears a dead one", async () => {
    const user = await makeUser(db);
    const start = new Date("2026-01-01T10:00:00Z");
    const { token } = createSession(db, user.id, { now: start });
    const cookie = (await sessionCookie.serialize(token)).split(";")[0];

    const fresh = await authenticateCookie(db, cookie, { secure: false, now: start });
    expect(fresh.auth?.user.id).toBe(user.id);
    expect(fresh.setCookie).toBeUndefined();

    const due = await authenticateCookie(db, cookie, { secure: false, now: new Date(start.getTime() + 20 * DAY) });
    expect(due.setCookie).toMatch(/^lots_session=/);

    db.delete(sessions).where(eq(sessions.userId, user.id)).run();
    const dead = await authenticateCookie(db, cookie, { secure: false });
    expect(dead.auth).toBeNull();
    expect(dead.setCookie).toMatch(/Max-Age=0/);
  });

  it("treats a tampered cookie as no session", async () => {
    const result = await authenticateCookie(db, "lots_session=%%%garbage", { secure: false });
    expect(result.auth).toBeNull();
  });
});
