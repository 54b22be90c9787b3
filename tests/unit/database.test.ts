import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { databaseFile, migrateDatabase, openDatabase, writeTransaction } from "#db/client.ts";
import { organisations } from "#db/schema/index.ts";

describe("the database", () => {
  it("is in WAL mode with foreign keys on", () => {
    const db = openDatabase(databaseFile(fs.mkdtempSync(path.join(os.tmpdir(), "lots-db-"))));
    expect(db.$client.pragma("journal_mode", { simple: true })).toBe("wal");
    expect(db.$client.pragma("foreign_keys", { simple: true })).toBe(1);
    db.$client.close();
  });

  it("takes the write lock when a write transaction begins, so no other commit can slip in between its read and its write", () => {
    const file = databaseFile(fs.mkdtempSync(path.join(os.tmpdir(), "lots-db-")));
    const a = openDatabase(file);
    migrateDatabase(a);
    const b = openDatabase(file);
    b.$client.pragma("busy_timeout = 20");
    let otherCommit: unknown = null;
    writeTransaction(a, (tx) => {
      tx.select().from(organisations).all();
      try {
        b.insert(organisations).values({ id: "b", name: "B" }).run();
      } catch (error) {
        otherCommit = error;
      }
      tx.insert(organisations).values({ id: "a", name: "A" }).run();
    });
    expect(String(otherCommit)).toMatch(/locked|busy/i);
    expect(
      a
        .select()
        .from(organisations)
        .all()
        .map((o) => o.id),
    ).toEqual(["a"]);
    a.$client.close();
    b.$client.close();
  });
});
