import { describe, expect, it } from "vitest";
import { hashPassword, verifyAgainstDummy, verifyPassword } from "#app/auth/passwords.server.ts";

describe("passwords", () => {
  it("are stored as argon2id hashes, never as given", async () => {
    const hash = await hashPassword("en lång lösenfras");
    expect(hash).toMatch(/^\$argon2id\$/);
    expect(hash).not.toContain("en lång lösenfras");
  });

  it("verify only the password they were made from", async () => {
    const hash = await hashPassword("en lång lösenfras");
    expect(await verifyPassword(hash, "en lång lösenfras")).toBe(true);
    expect(await verifyPassword(hash, "en lång lösenfraS")).toBe(false);
    expect(await verifyPassword(hash, "")).toBe(false);
  });

  it("accept the same text whether its letters are typed composed or decomposed", async () => {
    // "å" as one code point and as "a" + combining ring: NFKC makes them the same password.
    const hash = await hashPassword("blåbärssylt!");
    expect(await verifyPassword(hash, "bla\u030Abärssylt!")).toBe(true);
  });

  it("gives two hashes of the same password different salts", async () => {
    expect(await hashPassword("samma lösenord")).not.toBe(await hashPassword("samma lösenord"));
  });

  it("treats a damaged stored hash as a failed check, not a crash", async () => {
    expect(await verifyPassword("not-a-hash", "whatever")).toBe(false);
  });

  it("refuses everything when checked against the dummy used for unknown emails", async () => {
    expect(await verifyAgainstDummy("lots-dummy-password-for-timing")).toBe(false);
  });
});
