import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { can } from "#app/auth/permissions.server.ts";
import { assertTrailData, recentTrail } from "#app/models/trail.server.ts";
import { findUserByEmail } from "#app/models/users.server.ts";
import { seedDemo } from "#scripts/seed/demo.ts";
import type { DbConnection } from "#db/client.ts";
import { roles, type Role } from "#app/domain/values.ts";
import { trailEvents, users } from "#db/schema/index.ts";
import { createTestDb } from "#tests/fixtures/db.ts";

/**
 * The trail is append-only and read from outside: it must hold no text that may later have to
 * be erased, and each reader sees only events about what they may open.
 */
let db: DbConnection;
beforeAll(async () => {
  db = createTestDb();
  await seedDemo(db);
});

describe("what the trail holds", () => {
  it.each([
    ["a title", { title: "Brandskydd i kök" }],
    ["an e-mail address", { email: "anna@exempel.se" }],
    ["a reason", { reason: "Felaktig rutin, ersätts" }],
    ["a nested answer", { whys: [{ answer: "För att ingen visste" }] }],
    ["a name", { by: "Anna Andersson" }],
    ["markup", { x: "<script>" }],
  ])("refuses %s", (_label, data) => expect(() => assertTrailData(data)).toThrow(/free text/));

  it.each([
    { documentId: "d_8f3k2", version: "1.0", at: "2026-12-07T10:00:00.000Z" },
    { from: "planned", to: "in_progress", count: 3, ok: true, none: null },
    { hash: "a".repeat(64), ids: ["u1", "u2"] },
  ])("keeps ids, states, numbers, dates and hashes: %j", (data) => expect(() => assertTrailData(data)).not.toThrow());

  it("holds no e-mail address or person's name after a whole organisation was seeded", () => {
    const people = db.select({ email: users.email, name: users.name }).from(users).all();
    const all = db
      .select({ data: trailEvents.data })
      .from(trailEvents)
      .all()
      .map((r) => r.data)
      .join("\n");
    expect(all.length).toBeGreaterThan(100);
    for (const person of people) {
      expect(all).not.toContain(person.email);
      expect(all).not.toContain(person.name);
    }
    expect(all).not.toMatch(/\s\p{L}+\s/u);
  });
});

describe("who reads which events", () => {
  const readerOf = (email: string) => findUserByEmail(db, email)!;

  it("the external auditor sees no event about users, drafts, review rounds or reports", () => {
    const events = recentTrail(db, readerOf("extern@exempel.se"), 5000);
    expect(events.length).toBeGreaterThan(0);
    const kinds = new Set(events.map((e) => e.subjectType));
    for (const hidden of ["user", "invitation", "document", "review", "report", "sam_follow_up", "checklist"])
      expect(kinds).not.toContain(hidden);
    expect(kinds).toContain("release");
  });

  it("each role's page holds exactly the events it may open", () => {
    const total = db.select().from(trailEvents).all();
    for (const role of roles) {
      const reader = db.select().from(users).where(eqRole(role)).get();
      if (!reader) continue;
      const events = recentTrail(db, reader, 5000);
      const expected = total.filter((e) => can(reader, "read", { type: "trailEvent", subjectType: e.subjectType }));
      expect(events.map((e) => e.seq).sort((a, b) => a - b)).toEqual(expected.map((e) => e.seq));
    }
  });

  it("staff read no trail at all; every kind of record in the trail has a rule", () => {
    expect(can(readerOf("medarbetare@exempel.se"), "read", { type: "trailEvent", subjectType: "release" })).toBe(false);
    const admin = readerOf("admin@exempel.se");
    for (const { subjectType } of db.selectDistinct({ subjectType: trailEvents.subjectType }).from(trailEvents).all())
      expect(can(admin, "read", { type: "trailEvent", subjectType }), subjectType).toBe(true);
  });
});

const eqRole = (role: Role) => eq(users.role, role);
