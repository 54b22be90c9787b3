import { beforeEach, describe, expect, it } from "vitest";
import {
  acceptInvitation,
  createInvitation,
  findInvitation,
  INVITATION_LIFETIME_MS,
  listOpenInvitations,
  revokeInvitation,
} from "#app/models/invitations.server.ts";
import { createUnit } from "#app/models/units.server.ts";
import { signIn } from "#app/auth/sign-in.server.ts";
import type { DbConnection } from "#db/client.ts";
import { createTestDb, makeUser } from "#tests/fixtures/db.ts";

let db: DbConnection;
let admin: Awaited<ReturnType<typeof makeUser>>;

beforeEach(async () => {
  db = createTestDb();
  admin = await makeUser(db, { role: "admin" });
});

const invite = (overrides = {}) => ({
  email: "Ny.Person@Example.se",
  name: "Ny Person",
  role: "process_owner" as const,
  unitId: null,
  accessExpiresAt: null,
  ...overrides,
});

describe("invitations", () => {
  it("turn into an account with the role and unit the admin chose", async () => {
    const unit = createUnit(db, admin, { name: "Produktion", parentId: null });
    const { token } = createInvitation(db, admin, invite({ unitId: unit.id }));
    const user = await acceptInvitation(db, token, { name: "Nora Ny", password: "ett bra lösenord" });
    expect(user).toMatchObject({
      email: "ny.person@example.se",
      name: "Nora Ny",
      role: "process_owner",
      unitId: unit.id,
    });
    expect(
      await signIn(db, { email: "ny.person@example.se", password: "ett bra lösenord", ip: "1.2.3.4" }),
    ).toMatchObject({ ok: true });
  });

  it("work once only", async () => {
    const { token } = createInvitation(db, admin, invite());
    await acceptInvitation(db, token, { name: "Nora", password: "ett bra lösenord" });
    expect(() => findInvitation(db, token)).toThrow(expect.objectContaining({ code: "invitation.used" }));
    await expect(acceptInvitation(db, token, { name: "Nora", password: "ett bra lösenord" })).rejects.toMatchObject({
      code: "invitation.used",
    });
  });

  it("expire after seven days", () => {
    const now = new Date("2026-06-01T12:00:00Z");
    const { token } = createInvitation(db, admin, invite(), now);
    expect(findInvitation(db, token, new Date(now.getTime() + INVITATION_LIFETIME_MS - 1000)).email).toBe(
      "ny.person@example.se",
    );
    expect(() => findInvitation(db, token, new Date(now.getTime() + INVITATION_LIFETIME_MS + 1))).toThrow(
      expect.objectContaining({ code: "invitation.expired" }),
    );
  });

  it("stop working when withdrawn or replaced by a newer one", () => {
    const first = createInvitation(db, admin, invite());
    const second = createInvitation(db, admin, invite());
    expect(() => findInvitation(db, first.token)).toThrow(expect.objectContaining({ code: "invitation.notFound" }));
    revokeInvitation(db, admin, second.invitation.id);
    expect(() => findInvitation(db, second.token)).toThrow(expect.objectContaining({ code: "invitation.notFound" }));
    expect(listOpenInvitations(db)).toHaveLength(0);
  });

  it("are refused for an address that already has an account", async () => {
    await makeUser(db, { email: "taken@example.se" });
    expect(() => createInvitation(db, admin, invite({ email: "TAKEN@example.se" }))).toThrow(
      expect.objectContaining({ code: "user.emailTaken" }),
    );
  });

  it("of an external auditor need an end date, which the account then carries", async () => {
    expect(() => createInvitation(db, admin, invite({ role: "external_auditor" }))).toThrow(
      expect.objectContaining({ code: "user.guestNeedsEndDate" }),
    );
    const until = new Date(Date.now() + 10 * 24 * 60 * 60 * 1000);
    const { token } = createInvitation(db, admin, invite({ role: "external_auditor", accessExpiresAt: until }));
    const guest = await acceptInvitation(db, token, { name: "Gäst", password: "ett bra lösenord" });
    expect(guest.accessExpiresAt?.getTime()).toBe(until.getTime());
  });

  it("to a unit that does not exist are refused", () => {
    expect(() => createInvitation(db, admin, invite({ unitId: "nope" }))).toThrow(
      expect.objectContaining({ code: "unit.notFound" }),
    );
  });
});
