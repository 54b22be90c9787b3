import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { beforeEach, describe, expect, it } from "vitest";
import { answerChecklist, createTemplate, myChecks } from "#app/models/checklists.server.ts";
import { getReport } from "#app/models/reports.server.ts";
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
  unitId = createUnit(db, manager.id, { name: "Lager", parentId: null }).id;
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
      raise: ["q1"],
    };
    const outsider = { ...staff, unitId: null };
    expect(() => answerChecklist(db, outsider, answer, dataDir)).toThrow("checklist.notAllowed");
    const { reports } = answerChecklist(db, staff, answer, dataDir);
    expect(getReport(db, reports[0]!)).toMatchObject({
      kind: "deviation",
      title: "Skyddsrond: Är gångarna fria?",
      unitId,
    });
    expect(() => answerChecklist(db, staff, answer, dataDir)).toThrow("checklist.alreadyAnswered");
    expect(myChecks(db, staff)[0]!.answered).toBe(true);
  });
});
