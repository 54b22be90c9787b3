import { beforeEach, describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import {
  countUserSessions,
  createSession,
  DEFAULT_SESSION_POLICY,
  invalidateUserSessions,
  sessionSetCookie,
  validateSession,
  validateSessionToken,
} from "#app/auth/sessions.server.ts";
import { hashToken } from "#app/auth/tokens.server.ts";
import { authenticateCookie } from "#app/auth/authenticate.server.ts";
import { changePassword, setUserActive } from "#app/models/users.server.ts";
import type { DbConnection } from "#db/client.ts";
import { sessions } from "#db/schema/index.ts";
import { createTestDb, makeUser } from "#tests/fixtures/db.ts";

const MINUTE = 60 * 1000;
const HOUR = 60 * MINUTE;
const at = (start: Date, ms: number) => new Date(start.getTime() + ms);
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
    expect(session.expiresAt.getTime() - Date.now()).toBeGreaterThan(DEFAULT_SESSION_POLICY.idleMs - 5000);
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
  });

  it("do not validate a forged or unknown token", async () => {
    expect(validateSessionToken(db, "forged-token")).toBeNull();
  });

  it("end after 30 minutes unused (the default idle limit) and are then deleted", async () => {
    const user = await makeUser(db);
    const start = new Date("2026-01-01T10:00:00Z");
    const { token } = createSession(db, user.id, { now: start });
    expect(validateSessionToken(db, token, { now: at(start, 29 * MINUTE) })).not.toBeNull();
    // Used at 29 minutes: the idle limit counts again from there.
    expect(validateSessionToken(db, token, { now: at(start, 58 * MINUTE) })).not.toBeNull();
    expect(validateSessionToken(db, token, { now: at(start, 88 * MINUTE + 1000) })).toBeNull();
    expect(countUserSessions(db, user.id)).toBe(0);
  });

  it("end 12 hours after sign-in however busily they are used (the default lifetime)", async () => {
    const user = await makeUser(db);
    const start = new Date("2026-01-01T07:00:00Z");
    const { token } = createSession(db, user.id, { now: start });
    for (let m = 10; m < 12 * 60; m += 10) {
      expect(validateSessionToken(db, token, { now: at(start, m * MINUTE) })).not.toBeNull();
    }
    expect(validateSessionToken(db, token, { now: at(start, 12 * HOUR) })).toBeNull();
  });

  it("follow the configured limits, also for sessions already open when they were shortened", async () => {
    const user = await makeUser(db);
    const start = new Date("2026-01-01T07:00:00Z");
    const { token } = createSession(db, user.id, { now: start, policy: { idleMs: 8 * HOUR, maxMs: 24 * HOUR } });
    const long = { idleMs: 8 * HOUR, maxMs: 24 * HOUR };
    expect(validateSessionToken(db, token, { now: at(start, 7 * HOUR), policy: long })).not.toBeNull();
    const short = { idleMs: 10 * MINUTE, maxMs: 24 * HOUR };
    expect(validateSessionToken(db, token, { now: at(start, 7 * HOUR + 11 * MINUTE), policy: short })).toBeNull();
  });

  it("are not kept alive by a check that is not use (an open live connection)", async () => {
    const user = await makeUser(db);
    const start = new Date("2026-01-01T10:00:00Z");
    const { token, session } = createSession(db, user.id, { now: start });
    for (let m = 5; m <= 25; m += 5) {
      expect(validateSession(db, session.id, { now: at(start, m * MINUTE), use: false })).not.toBeNull();
    }
    expect(validateSessionToken(db, token, { now: at(start, 31 * MINUTE) })).toBeNull();
  });

  it("end at once for a deactivated user", async () => {
    const admin = await makeUser(db, { role: "admin" });
    const user = await makeUser(db);
    const { token } = createSession(db, user.id);
    setUserActive(db, admin, user.id, false);
    expect(validateSessionToken(db, token)).toBeNull();
    expect(countUserSessions(db, user.id)).toBe(0);
  });

  it("end when an external auditor's access period is over", async () => {
    const until = new Date("2026-03-01T00:00:00Z");
    const guest = await makeUser(db, { role: "external_auditor", accessExpiresAt: until });
    const day = { idleMs: 24 * HOUR, maxMs: 48 * HOUR };
    const { token } = createSession(db, guest.id, { now: new Date("2026-02-28T12:00:00Z") });
    expect(validateSessionToken(db, token, { now: new Date("2026-02-28T23:00:00Z"), policy: day })).not.toBeNull();
    expect(validateSessionToken(db, token, { now: new Date("2026-03-01T00:00:01Z"), policy: day })).toBeNull();
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
  it("is HttpOnly, SameSite=Lax, lasts the session's lifetime, and over HTTPS is Secure with the __Host- prefix", async () => {
    const header = await sessionSetCookie("token", true);
    expect(header).toMatch(/^__Host-lots_session=/);
    expect(header).toMatch(/HttpOnly/i);
    expect(header).toMatch(/SameSite=Lax/i);
    expect(header).toMatch(/Max-Age=43200/);
    expect(header).toMatch(/Secure/i);
    expect(header).toMatch(/Path=\//);
    expect(header).not.toMatch(/Domain=/i);
    const plain = await sessionSetCookie("token", false);
    expect(plain).toMatch(/^lots_session=/);
    expect(plain).not.toMatch(/Secure/i);
  });

  it("signs a request in, and clears a dead one", async () => {
    const user = await makeUser(db);
    const start = new Date("2026-01-01T10:00:00Z");
    const { token } = createSession(db, user.id, { now: start });
    const cookie = (await sessionSetCookie(token, false)).split(";")[0];

    const fresh = await authenticateCookie(db, cookie, { secure: false, now: start });
    expect(fresh.auth?.user.id).toBe(user.id);
    expect(fresh.setCookie).toBeUndefined();

    db.delete(sessions).where(eq(sessions.userId, user.id)).run();
    const dead = await authenticateCookie(db, cookie, { secure: false });
    expect(dead.auth).toBeNull();
    expect(dead.setCookie).toMatch(/Max-Age=0/);
  });

  it("over HTTPS counts only the __Host- cookie, never a plain one planted beside it", async () => {
    const user = await makeUser(db);
    const { token } = createSession(db, user.id);
    const plain = (await sessionSetCookie(token, false)).split(";")[0];
    expect((await authenticateCookie(db, plain, { secure: true })).auth).toBeNull();
    const host = (await sessionSetCookie(token, true)).split(";")[0];
    expect((await authenticateCookie(db, host, { secure: true })).auth?.user.id).toBe(user.id);
  });

  it("treats a tampered cookie as no session", async () => {
    const result = await authenticateCookie(db, "lots_session=%%%garbage", { secure: false });
    expect(result.auth).toBeNull();
  });
});
