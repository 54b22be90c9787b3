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
    const prod = createUnit(db, admin.id, { name: "Produktion", parentId: null });
    createUnit(db, admin.id, { name: "Montering", parentId: prod.id });
    createUnit(db, admin.id, { name: "Ekonomi", parentId: null });
    expect(unitTree(db).map((u) => [u.name, u.depth])).toEqual([
      ["Ekonomi", 0],
      ["Produktion", 0],
      ["Montering", 1],
    ]);
  });

  it("cannot be moved under themselves or their own children", async () => {
    const admin = await makeUser(db, { role: "admin" });
    const a = createUnit(db, admin.id, { name: "A", parentId: null });
    const b = createUnit(db, admin.id, { name: "B", parentId: a.id });
    expect(() => updateUnit(db, admin.id, a.id, { name: "A", parentId: b.id })).toThrow(
      expect.objectContaining({ code: "unit.cycle" }),
    );
    expect(() => updateUnit(db, admin.id, a.id, { name: "A", parentId: a.id })).toThrow(
      expect.objectContaining({ code: "unit.cycle" }),
    );
  });
});

describe("roles and accounts", () => {
  it("always keep at least one active admin", async () => {
    const admin = await makeUser(db, { role: "admin" });
    const other = await makeUser(db, { role: "quality_manager" });
    expect(() =>
      changeUserRole(db, other.id, admin.id, { role: "staff", unitId: null, accessExpiresAt: null }),
    ).toThrow(expect.objectContaining({ code: "user.lastAdmin" }));
    expect(() => setUserActive(db, other.id, admin.id, false)).toThrow(
      expect.objectContaining({ code: "user.lastAdmin" }),
    );
    await makeUser(db, { role: "admin" });
    changeUserRole(db, other.id, admin.id, { role: "staff", unitId: null, accessExpiresAt: null });
    expect(getUser(db, admin.id)?.role).toBe("staff");
  });

  it("record every role change and deactivation in the trail", async () => {
    const admin = await makeUser(db, { role: "admin" });
    const user = await makeUser(db);
    changeUserRole(db, admin.id, user.id, { role: "auditor", unitId: null, accessExpiresAt: null });
    setUserActive(db, admin.id, user.id, false);
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
      changeUserRole(db, admin.id, user.id, { role: "external_auditor", unitId: null, accessExpiresAt: null }),
    ).toThrow(expect.objectContaining({ code: "user.guestNeedsEndDate" }));
    changeUserRole(db, admin.id, user.id, { role: "auditor", unitId: null, accessExpiresAt: new Date() });
    expect(getUser(db, user.id)?.accessExpiresAt).toBeNull();
  });
});
