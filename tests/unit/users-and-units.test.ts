import { beforeEach, describe, expect, it } from "vitest";
import { createUnit, unitTree, updateUnit } from "#app/models/units.server.ts";
import { changeUserRole, getUser, setUserActive } from "#app/models/users.server.ts";
import { verifyTrail } from "#app/models/trail.server.ts";
import type { DbConnection } from "#db/client.ts";
import { trailEvents } from "#db/schema/index.ts";
import { createTestDb, makeUser } from "#tests/fixtures/db.ts";

let db: DbConnection;

beforeEach(() => {
  db = createTestDb();
});

describe("units", () => {
  it("form a tree listed parent first, children indented", async () => {
    const admin = await makeUser(db, { role: "admin" });
    const prod = createUnit(db, admin, { name: "Produktion", parentId: null });
    createUnit(db, admin, { name: "Montering", parentId: prod.id });
    createUnit(db, admin, { name: "Ekonomi", parentId: null });
    expect(unitTree(db).map((u) => [u.name, u.depth])).toEqual([
      ["Ekonomi", 0],
      ["Produktion", 0],
      ["Montering", 1],
    ]);
  });

  it("cannot be moved under themselves or their own children", async () => {
    const admin = await makeUser(db, { role: "admin" });
    const a = createUnit(db, admin, { name: "A", parentId: null });
    const b = createUnit(db, admin, { name: "B", parentId: a.id });
    expect(() => updateUnit(db, admin, a.id, { name: "A", parentId: b.id })).toThrow(
      expect.objectContaining({ code: "unit.cycle" }),
    );
    expect(() => updateUnit(db, admin, a.id, { name: "A", parentId: a.id })).toThrow(
      expect.objectContaining({ code: "unit.cycle" }),
    );
  });
});

describe("roles and accounts", () => {
  it("are changed by an admin only, never on oneself, and always keep at least one active admin", async () => {
    const admin = await makeUser(db, { role: "admin" });
    const qm = await makeUser(db, { role: "quality_manager" });
    const demote = { role: "staff" as const, unitId: null, accessExpiresAt: null };
    // The model asks can() itself, whoever calls it: a route, a script or a future API.
    expect(() => changeUserRole(db, qm, admin.id, demote)).toThrow(
      expect.objectContaining({ code: "user.notAllowed" }),
    );
    expect(() => setUserActive(db, qm, admin.id, false)).toThrow(expect.objectContaining({ code: "user.notAllowed" }));
    expect(() => changeUserRole(db, admin, admin.id, demote)).toThrow(
      expect.objectContaining({ code: "user.notAllowed" }),
    );
    // An admin acting after being deactivated (a session that outlived it) still cannot remove the last one.
    const former = await makeUser(db, { role: "admin" });
    setUserActive(db, admin, former.id, false);
    expect(() => changeUserRole(db, former, admin.id, demote)).toThrow(
      expect.objectContaining({ code: "user.lastAdmin" }),
    );
    expect(() => setUserActive(db, former, admin.id, false)).toThrow(
      expect.objectContaining({ code: "user.lastAdmin" }),
    );
    const second = await makeUser(db, { role: "admin" });
    changeUserRole(db, second, admin.id, demote);
    expect(getUser(db, admin.id)?.role).toBe("staff");
  });

  it("record every role change and deactivation in the trail", async () => {
    const admin = await makeUser(db, { role: "admin" });
    const user = await makeUser(db);
    changeUserRole(db, admin, user.id, { role: "auditor", unitId: null, accessExpiresAt: null });
    setUserActive(db, admin, user.id, false);
    const types = db.select({ type: trailEvents.type, subject: trailEvents.subjectId }).from(trailEvents).all();
    expect(types).toEqual(
      expect.arrayContaining([
        { type: "user.roleChanged", subject: user.id },
        { type: "user.deactivated", subject: user.id },
      ]),
    );
    expect(verifyTrail(db).ok).toBe(true);
  });

  it("give only external auditors an end date", async () => {
    const admin = await makeUser(db, { role: "admin" });
    const user = await makeUser(db);
    expect(() =>
      changeUserRole(db, admin, user.id, { role: "external_auditor", unitId: null, accessExpiresAt: null }),
    ).toThrow(expect.objectContaining({ code: "user.guestNeedsEndDate" }));
    changeUserRole(db, admin, user.id, { role: "auditor", unitId: null, accessExpiresAt: new Date() });
    expect(getUser(db, user.id)?.accessExpiresAt).toBeNull();
  });
});
