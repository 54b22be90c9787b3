import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { beforeEach, describe, expect, it } from "vitest";
import { getAction } from "#app/models/actions.server.ts";
import { attachmentsOf, checkFiles } from "#app/models/attachments.server.ts";
import { answerChecklist, createTemplate, getRound, myChecks } from "#app/models/checklists.server.ts";
import { getDeviation } from "#app/models/deviations.server.ts";
import { createUnit } from "#app/models/units.server.ts";
import type { User } from "#app/models/users.server.ts";
import type { DbConnection } from "#db/client.ts";
import { createTestDb, makeUser } from "#tests/fixtures/db.ts";

let db: DbConnection;
let manager: User;
let staff: User;
let unitId: string;
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "lots-checklists-"));

beforeEach(async () => {
  db = createTestDb();
  manager = await makeUser(db, { role: "quality_manager" });
  unitId = createUnit(db, manager, { name: "Lager", parentId: null }).id;
  staff = await makeUser(db, { role: "staff", unitId });
});

describe("self-monitoring checks", () => {
  it("are answered once per period by the unit they are set for; a reported no becomes a deviation", () => {
    const templateId = createTemplate(db, manager, {
      title: "Skyddsrond",
      description: "",
      frequency: "monthly",
      unitId: null,
      role: null,
      questions: [{ text: "Är gångarna fria?", type: "yes_no" }],
    });
    expect(() =>
      createTemplate(db, staff, {
        title: "x",
        description: "",
        frequency: "weekly",
        unitId: null,
        role: null,
        questions: [],
      }),
    ).toThrow("checklist.notAllowed");
    expect(myChecks(db, staff).map((c) => [c.template.title, c.subjectName, c.answered])).toEqual([
      ["Skyddsrond", "Lager", false],
    ]);
    const answer = {
      templateId,
      subject: unitId,
      answers: { q1: { value: "no", note: "Pallar i gången" } },
      follow: { q1: { kind: "deviation" as const } },
      photos: {},
    };
    const outsider = { ...staff, unitId: null };
    expect(() => answerChecklist(db, outsider, answer, dataDir)).toThrow("checklist.notAllowed");
    const { reports } = answerChecklist(db, staff, answer, dataDir);
    expect(getDeviation(db, reports[0]!)).toMatchObject({
      kind: "deviation",
      title: "Skyddsrond: Är gångarna fria?",
      unitId,
    });
    expect(() => answerChecklist(db, staff, answer, dataDir)).toThrow("checklist.alreadyAnswered");
    expect(myChecks(db, staff)[0]!.answered).toBe(true);
  });

  it("turn a no into an action in the plan, checked at the next round, and keep a photo checked by its content", async () => {
    const templateId = createTemplate(db, manager, {
      title: "Kylrum",
      description: "",
      frequency: "weekly",
      unitId,
      role: null,
      questions: [
        { text: "Håller kylen 4 °C?", type: "yes_no" },
        { text: "Foto på termometern", type: "photo" },
      ],
    });
    const png = Buffer.from(
      "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==",
      "base64",
    );
    const [photo] = await checkFiles([new File([png], "termometer.png")]);
    const base = {
      templateId,
      subject: unitId,
      answers: { q1: { value: "no", note: "7 grader" }, q2: { value: "", note: "" } },
      photos: { q2: photo! },
    };
    expect(() =>
      answerChecklist(
        db,
        staff,
        { ...base, follow: { q1: { kind: "action", title: " ", dueOn: "2026-12-01", effectPlan: "x" } } },
        dataDir,
      ),
    ).toThrow("checklist.actionIncomplete");
    expect(myChecks(db, staff)[0]!.answered).toBe(false);
    const now = new Date("2026-11-18T10:00:00");
    const { roundId, actions, reports } = answerChecklist(
      db,
      staff,
      {
        ...base,
        follow: {
          q1: { kind: "action", title: "Byt termostat", dueOn: "2026-11-25", effectPlan: "Nästa kontroll visar ja" },
        },
      },
      dataDir,
      now,
    );
    expect(reports).toEqual([]);
    expect(getAction(db, actions[0]!)).toMatchObject({
      title: "Byt termostat",
      source: "self_monitoring",
      ownerId: staff.id,
      unitId,
      dueOn: "2026-11-25",
      // The week after the one it is due in: the next round shows whether it helped.
      effectCheckOn: "2026-11-29",
    });
    const round = getRound(db, staff, roundId)!;
    const stored = attachmentsOf(db, "checklist_round", roundId);
    expect(stored).toMatchObject([{ mime: "image/png", fileName: "termometer.png" }]);
    expect(round.answers.q2!.value).toBe(stored[0]!.id);
    const elsewhere = await makeUser(db, { role: "staff" });
    expect(getRound(db, elsewhere, roundId)).toBeNull();
    expect(getRound(db, manager, roundId)).not.toBeNull();
  });
});
