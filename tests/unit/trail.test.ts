import { beforeEach, describe, expect, it } from "vitest";
import { appendTrailEvent, verifyTrail } from "#app/models/trail.server.ts";
import type { DbConnection } from "#db/client.ts";
import { createTestDb } from "#tests/fixtures/db.ts";

let db: DbConnection;

beforeEach(() => {
  db = createTestDb();
  for (let i = 1; i <= 5; i++) {
    appendTrailEvent(db, {
      actorId: "u1",
      type: "user.roleChanged",
      subjectType: "user",
      subjectId: `u${i}`,
      data: { to: "auditor", n: i },
    });
  }
});

describe("the trail", () => {
  it("chains every event to the one before it, and verifies", () => {
    expect(verifyTrail(db)).toEqual({ ok: true, checked: 5 });
    const rows = db.$client.prepare("select seq, prev_hash, hash from trail_events order by seq").all() as {
      seq: number;
      prev_hash: string;
      hash: string;
    }[];
    for (let i = 1; i < rows.length; i++) expect(rows[i]!.prev_hash).toBe(rows[i - 1]!.hash);
  });

  it("refuses changes and deletions in the database itself", () => {
    expect(() => db.$client.prepare("update trail_events set type = 'x' where seq = 2").run()).toThrow(/append-only/);
    expect(() => db.$client.prepare("delete from trail_events where seq = 2").run()).toThrow(/append-only/);
  });

  it("names the first row whose content was altered behind the triggers' back", () => {
    db.$client.exec("drop trigger trail_events_no_update");
    db.$client.prepare(`update trail_events set data = '{"n":3,"to":"admin"}' where seq = 3`).run();
    expect(verifyTrail(db)).toMatchObject({ ok: false, firstBadSeq: 3, checked: 2 });
  });

  it("notices a deleted row", () => {
    db.$client.exec("drop trigger trail_events_no_delete");
    db.$client.prepare("delete from trail_events where seq = 4").run();
    expect(verifyTrail(db)).toMatchObject({ ok: false, firstBadSeq: 5 });
  });
});
