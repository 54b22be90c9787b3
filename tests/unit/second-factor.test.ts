import { beforeEach, describe, expect, it } from "vitest";
import {
  beginTotpEnrolment,
  checkSecondFactor,
  confirmTotp,
  hasSecondFactor,
  recoveryCodesLeft,
  removeSecondFactors,
  totpCode,
} from "#app/auth/second-factor.server.ts";
import type { User } from "#app/models/users.server.ts";
import type { DbConnection } from "#db/client.ts";
import { createTestDb, makeUser } from "#tests/fixtures/db.ts";

let db: DbConnection;
let anna: User;
const t0 = new Date("2026-12-07T08:00:00Z");
const after = (seconds: number) => new Date(t0.getTime() + seconds * 1000);

beforeEach(async () => {
  db = createTestDb();
  anna = await makeUser(db, { email: "anna@example.se" });
});

/** Anna scans the key into her app and confirms it with the code it shows. */
function enrol() {
  const { secret, uri } = beginTotpEnrolment(db, anna, "Lots", t0);
  expect(uri).toMatch(/^otpauth:\/\/totp\/Lots:anna%40example\.se\?/);
  const codes = confirmTotp(db, anna.id, totpCode(secret, t0), t0)!;
  return { secret, codes };
}

describe("one-time codes from an authenticator app, on a fixed clock", () => {
  it("are confirmed by the first code, and then a code of this step or the one beside it lets the person in", () => {
    const { secret } = beginTotpEnrolment(db, anna, "Lots", t0);
    expect(confirmTotp(db, anna.id, "000000", t0)).toBeNull();
    expect(hasSecondFactor(db, anna.id)).toBe(false);
    expect(confirmTotp(db, anna.id, totpCode(secret, t0), t0)).toHaveLength(10);
    expect(hasSecondFactor(db, anna.id)).toBe(true);
    // 40 s later the app shows the next code; 30 s of drift is forgiven, 90 s is not.
    expect(checkSecondFactor(db, anna, totpCode(secret, after(40)), after(40))).toEqual({ ok: true, via: "totp" });
    expect(checkSecondFactor(db, anna, totpCode(secret, after(200)), after(260))).toMatchObject({ ok: false });
  });

  it("accept a code once: the same code again within its window is refused, and so is an older one", () => {
    const { secret } = enrol();
    const code = totpCode(secret, after(60));
    expect(checkSecondFactor(db, anna, code, after(60)).ok).toBe(true);
    expect(checkSecondFactor(db, anna, code, after(65))).toEqual({ ok: false, reason: "invalid" });
    expect(checkSecondFactor(db, anna, totpCode(secret, after(30)), after(70))).toEqual({
      ok: false,
      reason: "invalid",
    });
  });

  it("are slowed like passwords after a few wrong guesses", () => {
    enrol();
    for (let i = 0; i < 4; i++) checkSecondFactor(db, anna, "123456", after(1));
    expect(checkSecondFactor(db, anna, "654321", after(1))).toMatchObject({ ok: false, reason: "throttled" });
  });
});

describe("recovery codes", () => {
  it("each let the person in once, typed in any case and with or without the dash", () => {
    const { codes } = enrol();
    expect(codes[0]).toMatch(/^[a-z2-7]{5}-[a-z2-7]{5}$/);
    expect(checkSecondFactor(db, anna, ` ${codes[0]!.toUpperCase().replace("-", "")} `, after(5))).toEqual({
      ok: true,
      via: "recovery",
    });
    expect(checkSecondFactor(db, anna, codes[0]!, after(6))).toMatchObject({ ok: false });
    expect(recoveryCodesLeft(db, anna.id)).toBe(9);
  });

  it("go with the factor when an administrator removes it for a lost phone", async () => {
    const { codes } = enrol();
    const admin = await makeUser(db, { role: "admin" });
    removeSecondFactors(db, admin.id, anna.id, {}, after(10));
    expect(hasSecondFactor(db, anna.id)).toBe(false);
    expect(checkSecondFactor(db, anna, codes[1]!, after(11))).toMatchObject({ ok: false });
  });
});

describe("a role the organisation requires a second factor of", () => {
  it("holds a password session at setting one up until it is confirmed; a provider's sign-in and other roles pass", async () => {
    const { createSession, validateSession } = await import("#app/auth/sessions.server.ts");
    const qm = await makeUser(db, { role: "quality_manager" });
    const session = (userId: string, method: "password" | "oidc") =>
      validateSession(db, createSession(db, userId, { from: { ip: "10.0.0.1", method } }).session.id)!.session;
    expect(session(qm.id, "password").needsSecondFactor).toBe(true);
    expect(session(qm.id, "oidc").needsSecondFactor).toBe(false);
    expect(session(anna.id, "password").needsSecondFactor).toBe(false);
    const { secret } = beginTotpEnrolment(db, qm, "Lots", new Date());
    confirmTotp(db, qm.id, totpCode(secret, new Date()), new Date());
    expect(session(qm.id, "password").needsSecondFactor).toBe(false);
  });
});
