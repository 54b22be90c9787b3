import { count } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { documents, processes, units, users } from "#db/schema/index.ts";
import { seedDemo } from "#scripts/seed/demo.ts";
import { createTestDb } from "#tests/fixtures/db.ts";

describe("the demo organisation", () => {
  it("is seeded whole or not at all: a crash half-way leaves an empty database that the next start seeds", async () => {
    const db = createTestDb();
    // The processes come last: make them fail, as a crash there would.
    db.$client.exec("CREATE TRIGGER crash BEFORE INSERT ON processes BEGIN SELECT RAISE(ABORT, 'crash'); END");
    await expect(seedDemo(db)).rejects.toThrow("crash");
    for (const table of [users, units, documents, processes]) {
      expect(db.select({ n: count() }).from(table).get()!.n).toBe(0);
    }

    db.$client.exec("DROP TRIGGER crash");
    expect(await seedDemo(db)).toBe(true);
    expect(db.select({ n: count() }).from(users).get()!.n).toBeGreaterThanOrEqual(6);
    expect(db.select({ n: count() }).from(processes).get()!.n).toBeGreaterThan(0);
    // A database with people in it is left alone.
    expect(await seedDemo(db)).toBe(false);
  }, 60_000);
});
