import { beforeEach, describe, expect, it } from "vitest";
import {
  actionHistory,
  createAction,
  getAction,
  listActions,
  moveAction,
  myActionsDue,
  postponeAction,
  type ActionInput,
} from "#app/models/actions.server.ts";
import { verifyTrail } from "#app/models/trail.server.ts";
import { listNotifications } from "#app/models/notifications.server.ts";
import type { User } from "#app/models/users.server.ts";
import type { DbConnection } from "#db/client.ts";
import { createTestDb, makeUser } from "#tests/fixtures/db.ts";

let db: DbConnection;
let owner: User;
let quality: User;
let guest: User;

const input = (overrides: Partial<ActionInput> = {}): ActionInput => ({
  title: "Kalibrera vågen varje vecka",
  reason: "Avvikelse: fel vikt på leverans",
  source: "deviation",
  ownerId: owner.id,
  unitId: null,
  dueOn: "2026-03-01",
  effectPlan: "Stickprov på tio leveranser",
  effectMeasure: "Antal viktavvikelser per månad",
  effectCheckOn: "2026-06-01",
  ...overrides,
});

beforeEach(async () => {
  db = createTestDb();
  owner = await makeUser(db, { role: "process_owner" });
  quality = await makeUser(db, { role: "quality_manager" });
  guest = await makeUser(db, { role: "external_auditor", accessExpiresAt: new Date(Date.now() + 86_400_000) });
});

describe("the action plan", () => {
  it("numbers actions and keeps every step in the history and the trail", () => {
    const id = createAction(db, owner, input(), {}, new Date("2026-01-10"));
    expect(getAction(db, id)).toMatchObject({ number: 1, status: "planned" });
    moveAction(db, owner, id, "start");
    moveAction(db, owner, id, "complete");
    moveAction(db, quality, id, "verifyEffect", { result: "Inga viktavvikelser på tre månader" });
    expect(getAction(db, id)).toMatchObject({
      status: "effect_verified",
      effectResult: "Inga viktavvikelser på tre månader",
    });
    expect(actionHistory(db, id).map((e) => e.toStatus)).toEqual(["effect_verified", "done", "in_progress", "planned"]);
    expect(verifyTrail(db)).toMatchObject({ ok: true });
  });

  it("tells the owner when someone else makes them responsible", () => {
    createAction(db, quality, input({ title: "Märk gångarna" }));
    createAction(db, owner, input({ title: "Eget arbete" }));
    expect(listNotifications(db, owner.id)).toMatchObject([{ kind: "assigned", text: "1. Märk gångarna" }]);
  });

  it("cannot close an action whose effect is not verified, nor judge it without a result", () => {
    const id = createAction(db, owner, input());
    expect(() => moveAction(db, owner, id, "verifyEffect", { result: "Bra" })).toThrow("action.moveNotAllowed");
    moveAction(db, owner, id, "complete");
    expect(() => moveAction(db, owner, id, "verifyEffect", { result: "  " })).toThrow("action.effectResultRequired");
    expect(getAction(db, id)?.status).toBe("done");
    expect(listActions(db, { open: true }).map((a) => a.id)).toEqual([id]);
  });

  it("opens a follow-up when the effect was not reached, and hands the old action on to it", () => {
    const id = createAction(db, owner, input());
    moveAction(db, owner, id, "complete");
    expect(() => createAction(db, owner, input({ title: "För tidigt" }), { followUpOf: id })).toThrow(
      "action.moveNotAllowed",
    );
    moveAction(db, owner, id, "markNotEffective", { result: "Fortfarande två avvikelser i månaden" });
    const followUp = createAction(db, owner, input({ title: "Byt våg" }), { followUpOf: id });
    expect(getAction(db, followUp)).toMatchObject({ title: "Byt våg", followUpOf: id, number: 2 });
    expect(actionHistory(db, id)[0]).toMatchObject({ kind: "followUp", comment: followUp });
    expect(listActions(db, { open: true }).map((a) => a.id)).toEqual([followUp]);
  });

  it("keeps the old due date and the reason when an action is postponed", () => {
    const id = createAction(db, owner, input());
    expect(() => postponeAction(db, owner, id, { dueOn: "2026-02-01", reason: "Tidigare?" })).toThrow(
      "action.postponeNeedsLaterDate",
    );
    postponeAction(db, owner, id, { dueOn: "2026-04-01", reason: "Leverantören är sen" });
    expect(getAction(db, id)?.dueOn).toBe("2026-04-01");
    expect(actionHistory(db, id)[0]).toMatchObject({
      kind: "postponed",
      oldDueOn: "2026-03-01",
      newDueOn: "2026-04-01",
      comment: "Leverantören är sen",
    });
    expect(() => db.$client.prepare("delete from action_events").run()).toThrow(/append-only/);
  });

  it("lists overdue work and effect checks that are due", () => {
    const late = createAction(db, owner, input({ dueOn: "2026-01-01" }));
    const checkDue = createAction(db, owner, input({ dueOn: "2026-01-15", effectCheckOn: "2026-02-01" }));
    moveAction(db, owner, checkDue, "complete");
    createAction(db, owner, input({ dueOn: "2026-12-01", effectCheckOn: "2027-01-01" }));
    expect(
      listActions(db, { overdue: true }, new Date("2026-03-01"))
        .map((a) => a.id)
        .sort(),
    ).toEqual([late, checkDue].sort());
  });

  it("puts one's own actions due within two weeks, and effect checks due, on Start", () => {
    const soon = createAction(db, owner, input({ dueOn: "2026-03-10" }));
    createAction(db, owner, input({ dueOn: "2026-05-01" }));
    const checked = createAction(db, owner, input({ dueOn: "2026-02-01", effectCheckOn: "2026-02-20" }));
    moveAction(db, owner, checked, "complete");
    createAction(db, quality, input({ ownerId: quality.id, dueOn: "2026-03-02" }));
    expect(myActionsDue(db, owner.id, new Date("2026-03-01"))).toMatchObject([
      { id: checked, effectCheck: true, date: "2026-02-20", overdue: true },
      { id: soon, effectCheck: false, date: "2026-03-10", overdue: false },
    ]);
  });

  it("lets a guest change nothing, and only the owner or the quality manager judge the effect", async () => {
    expect(() => createAction(db, guest, input())).toThrow("action.notAllowed");
    const id = createAction(db, quality, input());
    const colleague = await makeUser(db, { role: "auditor" });
    expect(() => moveAction(db, colleague, id, "start")).toThrow("action.notAllowed");
    moveAction(db, owner, id, "complete");
    expect(() => moveAction(db, colleague, id, "verifyEffect", { result: "ok" })).toThrow("action.notAllowed");
  });
});
