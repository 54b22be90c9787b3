import { beforeEach, describe, expect, it } from "vitest";
import { signIn } from "#app/auth/sign-in.server.ts";
import {
  accountPolicy,
  delayAfterFailures,
  ipPolicy,
  linkAttemptsBlocked,
  recordBadLink,
} from "#app/auth/throttle.server.ts";
import { allowResetRequest } from "#app/models/password-resets.server.ts";
import { setUserActive } from "#app/models/users.server.ts";
import type { DbConnection } from "#db/client.ts";
import { createTestDb, makeUser } from "#tests/fixtures/db.ts";

let db: DbConnection;
const t0 = new Date("2026-05-04T08:00:00Z");
const at = (ms: number) => new Date(t0.getTime() + ms);

beforeEach(() => {
  db = createTestDb();
});

describe("delays after failed sign-ins", () => {
  it("start after the free attempts and double each time, up to 15 minutes", () => {
    const delays = [1, 2, 3, 4, 5, 6, 7].map((n) => delayAfterFailures(n, accountPolicy));
    expect(delays).toEqual([0, 0, 0, 1000, 2000, 4000, 8000]);
    expect(delayAfterFailures(100, accountPolicy)).toBe(15 * 60 * 1000);
  });

  it("allow an office behind one address many more mistakes than one account", () => {
    expect(delayAfterFailures(10, ipPolicy)).toBe(0);
    expect(delayAfterFailures(21, ipPolicy)).toBe(1000);
  });
});

describe("signing in", () => {
  it("succeeds with the right password, case-insensitively on the email", async () => {
    const user = await makeUser(db, { email: "anna@example.se", password: "rätt lösenord 1" });
    expect(await signIn(db, { email: " Anna@Example.SE ", password: "rätt lösenord 1", ip: "10.0.0.1" }, t0)).toEqual({
      ok: true,
      userId: user.id,
    });
  });

  it("gives the same answer for an unknown email and a wrong password", async () => {
    await makeUser(db, { email: "anna@example.se" });
    const wrongPassword = await signIn(db, { email: "anna@example.se", password: "fel", ip: "10.0.0.1" }, t0);
    const unknownEmail = await signIn(db, { email: "nobody@example.se", password: "fel", ip: "10.0.0.2" }, t0);
    expect(wrongPassword).toEqual({ ok: false, reason: "invalid" });
    expect(unknownEmail).toEqual(wrongPassword);
  });

  it("is throttled per account with growing delays, even from new addresses", async () => {
    await makeUser(db, { email: "anna@example.se", password: "rätt lösenord 1" });
    for (let i = 0; i < 4; i++) {
      await signIn(db, { email: "anna@example.se", password: "fel", ip: `10.0.1.${i}` }, at(0));
    }
    // Four failures: the fourth started a one-second delay, which even the right password waits out.
    const blocked = await signIn(
      db,
      { email: "anna@example.se", password: "rätt lösenord 1", ip: "10.0.2.1" },
      at(500),
    );
    expect(blocked).toEqual({ ok: false, reason: "throttled", retryAfterSeconds: 1 });
    await signIn(db, { email: "anna@example.se", password: "fel", ip: "10.0.2.1" }, at(1500));
    const longer = await signIn(
      db,
      { email: "anna@example.se", password: "rätt lösenord 1", ip: "10.0.2.1" },
      at(2000),
    );
    expect(longer).toMatchObject({ reason: "throttled", retryAfterSeconds: 2 });
    expect(
      await signIn(db, { email: "anna@example.se", password: "rätt lösenord 1", ip: "10.0.2.1" }, at(4000)),
    ).toMatchObject({ ok: true });
  });

  it("is throttled per IP address across many accounts", async () => {
    for (let i = 0; i < 21; i++) {
      await signIn(db, { email: `guess${i}@example.se`, password: "fel", ip: "203.0.113.9" }, at(0));
    }
    await makeUser(db, { email: "anna@example.se", password: "rätt lösenord 1" });
    expect(
      await signIn(db, { email: "anna@example.se", password: "rätt lösenord 1", ip: "203.0.113.9" }, at(10)),
    ).toMatchObject({
      reason: "throttled",
    });
    expect(
      await signIn(db, { email: "anna@example.se", password: "rätt lösenord 1", ip: "198.51.100.1" }, at(10)),
    ).toMatchObject({
      ok: true,
    });
  });

  it("forgets old failures after an hour, and a success clears the account's count", async () => {
    await makeUser(db, { email: "anna@example.se", password: "rätt lösenord 1" });
    for (let i = 0; i < 3; i++) await signIn(db, { email: "anna@example.se", password: "fel", ip: "10.0.0.1" }, at(0));
    // Three failures are free; the next one long after starts counting from one again.
    await signIn(db, { email: "anna@example.se", password: "fel", ip: "10.0.0.1" }, at(61 * 60 * 1000));
    expect(
      await signIn(
        db,
        { email: "anna@example.se", password: "rätt lösenord 1", ip: "10.0.0.1" },
        at(61 * 60 * 1000 + 1),
      ),
    ).toMatchObject({
      ok: true,
    });
    for (let i = 0; i < 3; i++)
      await signIn(db, { email: "anna@example.se", password: "fel", ip: "10.0.0.1" }, at(62 * 60 * 1000));
    expect(
      await signIn(
        db,
        { email: "anna@example.se", password: "rätt lösenord 1", ip: "10.0.0.1" },
        at(62 * 60 * 1000 + 1),
      ),
    ).toMatchObject({
      ok: true,
    });
  });

  it("tells a deactivated person, who knew the password, that the account is inactive", async () => {
    const admin = await makeUser(db, { role: "admin" });
    const user = await makeUser(db, { email: "gone@example.se", password: "rätt lösenord 1" });
    setUserActive(db, admin, user.id, false);
    expect(await signIn(db, { email: "gone@example.se", password: "rätt lösenord 1", ip: "10.0.0.1" }, t0)).toEqual({
      ok: false,
      reason: "inactive",
    });
    expect(await signIn(db, { email: "gone@example.se", password: "fel", ip: "10.0.0.1" }, t0)).toEqual({
      ok: false,
      reason: "invalid",
    });
  });
});

describe("password reset requests", () => {
  it("send a few mails an hour per address, then make the next ones wait longer and longer", () => {
    const asks = [0, 1, 2, 3].map((i) => allowResetRequest(db, "anna@example.se", `10.1.0.${i}`, at(i)));
    expect(asks).toEqual([true, true, true, true]);
    // The fourth started a wait: an immediate fifth is not sent, from any address.
    expect(allowResetRequest(db, "Anna@Example.se", "10.1.9.9", at(10))).toBe(false);
    expect(allowResetRequest(db, "anna@example.se", "10.1.9.9", at(1100))).toBe(true);
    expect(allowResetRequest(db, "bo@example.se", "10.1.9.9", at(1100))).toBe(true);
  });
});

describe("links by token", () => {
  it("let an address open fifty unknown links an hour, then make it wait, and another address not", () => {
    const db = createTestDb();
    const now = new Date("2026-12-01T10:00:00Z");
    for (let i = 0; i < 50; i += 1) {
      expect(linkAttemptsBlocked(db, "10.0.0.9", now)).toBe(false);
      recordBadLink(db, "10.0.0.9", now);
    }
    recordBadLink(db, "10.0.0.9", now);
    expect(linkAttemptsBlocked(db, "10.0.0.9", now)).toBe(true);
    expect(linkAttemptsBlocked(db, "10.0.0.10", now)).toBe(false);
    expect(linkAttemptsBlocked(db, "10.0.0.9", new Date(now.getTime() + 2000))).toBe(false);
  });

  it("is refused to everyone but the break-glass accounts once passwords are off, and only after the right password", async () => {
    await makeUser(db, { email: "anna@example.se", password: "rätt lösenord 1" });
    const reserve = await makeUser(db, { email: "reserv@example.se", password: "rätt lösenord 2", role: "admin" });
    const onlyReserve = (userId: string) => userId === reserve.id;
    expect(
      await signIn(db, { email: "anna@example.se", password: "fel", ip: "10.0.3.1" }, t0, onlyReserve),
    ).toMatchObject({ ok: false, reason: "invalid" });
    expect(
      await signIn(db, { email: "anna@example.se", password: "rätt lösenord 1", ip: "10.0.3.1" }, t0, onlyReserve),
    ).toMatchObject({ ok: false, reason: "passwordOff" });
    expect(
      await signIn(db, { email: "reserv@example.se", password: "rätt lösenord 2", ip: "10.0.3.1" }, t0, onlyReserve),
    ).toEqual({ ok: true, userId: reserve.id });
  });
});
