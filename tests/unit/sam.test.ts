import { beforeEach, describe, expect, it } from "vitest";
import { createAction } from "#app/models/actions.server.ts";
import { createLinked } from "#app/models/links.server.ts";
import { listNotifications } from "#app/models/notifications.server.ts";
import { annualFollowUpDue, levelsOf, samQuestions, tally } from "#app/models/sam-rules.ts";
import { answerFollowUp, type AnswerInput } from "#app/models/sam-answers.server.ts";
import { compileLevel, completeFollowUp, levelPicture, levelsOfFollowUp } from "#app/models/sam-compilations.server.ts";
import { sendSamReminders, startFollowUp } from "#app/models/sam.server.ts";
import { createUnit } from "#app/models/units.server.ts";
import type { User } from "#app/models/users.server.ts";
import type { DbConnection } from "#db/client.ts";
import type { SamAnswer } from "#app/domain/values.ts";
import { createTestDb, makeUser } from "#tests/fixtures/db.ts";

const units = [
  { id: "region", parentId: null, name: "Region Nord" },
  { id: "kiruna", parentId: "region", name: "Kiruna" },
  { id: "lulea", parentId: "region", name: "Luleå" },
  { id: "hq", parentId: null, name: "Huvudkontor" },
];

describe("the follow-up's rules", () => {
  it("compile each unit with answering units beneath it, lowest first, then the organisation", () => {
    expect(levelsOf(units, ["kiruna", "lulea", "hq"])).toEqual([
      { level: "region", name: "Region Nord", scope: ["kiruna", "lulea"] },
      { level: "organisation", name: null, scope: ["kiruna", "lulea", "hq"] },
    ]);
    // Two units side by side have nothing between them and the organisation.
    expect(levelsOf(units, ["hq"]).map((l) => l.level)).toEqual(["organisation"]);
  });

  it("count how the units assessed each question", () => {
    const all = (value: SamAnswer["value"]) =>
      Object.fromEntries(samQuestions.map((q) => [q, { value, note: "" }])) as Record<string, SamAnswer>;
    const counts = tally([all("yes"), { ...all("yes"), policy: { value: "no", note: "" } }, all("partly")]);
    expect(counts.policy).toEqual({ yes: 1, partly: 1, no: 1 });
    expect(counts.routines).toEqual({ yes: 2, partly: 1, no: 0 });
  });

  it("remind once a year has nearly passed since the last annual follow-up, unless this year's is started", () => {
    const now = new Date("2026-11-22");
    expect(annualFollowUpDue(null, false, now)).toBe(true);
    expect(annualFollowUpDue(new Date("2025-12-15"), false, now)).toBe(true);
    expect(annualFollowUpDue(new Date("2025-02-01"), false, new Date("2026-01-05"))).toBe(true);
    expect(annualFollowUpDue(new Date("2025-12-30"), false, new Date("2026-02-01"))).toBe(false);
    expect(annualFollowUpDue(new Date("2026-01-10"), true, now)).toBe(false);
  });
});

let db: DbConnection;
let qm: User;
let kirunaManager: User;
let kirunaRep: User;
let luleaManager: User;
let luleaRep: User;
let kiruna: string;
let lulea: string;
const now = new Date("2026-03-02T09:00:00");

const answersWith = (overrides: Record<string, SamAnswer> = {}) => ({
  ...Object.fromEntries(samQuestions.map((q) => [q, { value: "yes" as const, note: "" }])),
  ...overrides,
});

beforeEach(async () => {
  db = createTestDb();
  qm = await makeUser(db, { role: "quality_manager" });
  kiruna = createUnit(db, qm, { name: "Kiruna", parentId: null }).id;
  lulea = createUnit(db, qm, { name: "Luleå", parentId: null }).id;
  kirunaManager = await makeUser(db, { role: "process_owner", unitId: kiruna });
  kirunaRep = await makeUser(db, { role: "staff", unitId: kiruna });
  luleaManager = await makeUser(db, { role: "process_owner", unitId: lulea });
  luleaRep = await makeUser(db, { role: "staff", unitId: lulea });
});

const start = (reason: "annual" | "reorganisation" = "annual", background = "") =>
  startFollowUp(
    db,
    qm,
    { year: 2026, reason, background, method: "questionnaire", dueOn: "2026-03-31", unitIds: [kiruna, lulea] },
    now,
  );

describe("the annual SAM follow-up", () => {
  it("is sent to units, answered together by manager and safety representative, compiled and completed with an action", () => {
    expect(() =>
      startFollowUp(
        db,
        kirunaRep,
        { year: 2026, reason: "annual", background: "", method: "interview", dueOn: "2026-03-31", unitIds: [kiruna] },
        now,
      ),
    ).toThrow("sam.notAllowed");
    const id = start();
    expect(() => start()).toThrow("sam.annualExists");
    expect(() => start("reorganisation")).toThrow("sam.backgroundRequired");
    expect(start("reorganisation", "Två enheter slogs ihop")).not.toBe(id);
    // Everyone in the units hears of it.
    expect(listNotifications(db, kirunaRep.id).map((n) => n.kind)).toContain("samSent");

    const kirunaAnswer: AnswerInput = {
      followUpId: id,
      unitId: kiruna,
      answers: answersWith({ organisational: { value: "no", note: "Hög arbetsbelastning i vinter" } }),
      method: "questionnaire",
      managerId: kirunaManager.id,
      safetyRepId: kirunaRep.id,
      strengths: "Skyddsronder görs",
      improvements: "Arbetsbelastningen",
    };
    expect(() => answerFollowUp(db, luleaRep, kirunaAnswer, now)).toThrow("sam.notAllowed");
    expect(() => answerFollowUp(db, kirunaRep, { ...kirunaAnswer, safetyRepId: kirunaManager.id }, now)).toThrow(
      "sam.participants",
    );
    expect(() =>
      answerFollowUp(db, kirunaRep, { ...kirunaAnswer, answers: { policy: { value: "yes", note: "" } } }, now),
    ).toThrow("sam.unanswered");
    answerFollowUp(db, kirunaRep, kirunaAnswer, now);
    expect(() => answerFollowUp(db, kirunaRep, kirunaAnswer, now)).toThrow("sam.alreadyAnswered");
    // The other of the two hears the answer went in with their name on it.
    expect(listNotifications(db, kirunaManager.id).map((n) => n.kind)).toContain("samAnswered");
    answerFollowUp(
      db,
      luleaManager,
      {
        ...kirunaAnswer,
        unitId: lulea,
        answers: answersWith({ organisational: { value: "partly", note: "" } }),
        managerId: luleaManager.id,
        safetyRepId: luleaRep.id,
      },
      now,
    );

    const levels = levelsOfFollowUp(db, id);
    expect(levels.map((l) => [l.level, l.answered])).toEqual([["organisation", 2]]);
    expect(levelPicture(db, id, "organisation")!.tally.organisational).toEqual({ yes: 0, partly: 1, no: 1 });

    const compilation = {
      followUpId: id,
      level: "organisation",
      strengths: "Skyddsronderna fungerar",
      improvements: "Organisatorisk och social arbetsmiljö",
      priorities: [
        {
          area: "Arbetsbelastning",
          whys: ["För många ärenden", "Vakanser", "Rekrytering dröjer", ""],
          cause: "Ingen bemanningsplan",
        },
      ],
      feedback: "Skyddskommittén 2026-04-10",
      feedbackOn: "2026-04-10",
    };
    expect(() => completeFollowUp(db, qm, id, now)).toThrow("sam.needsOrganisation");
    expect(() => compileLevel(db, qm, { ...compilation, feedback: " " }, now)).toThrow("sam.compileIncomplete");
    compileLevel(db, qm, compilation, now);
    expect(levelsOfFollowUp(db, id)[0]!.compilation!.priorities[0]!.whys).toHaveLength(3);
    expect(() => completeFollowUp(db, qm, id, now)).toThrow("sam.prioritiesNeedActions");
    createLinked(db, qm, { kind: "sam_follow_up", id }, (tx) => ({
      kind: "action",
      id: createAction(
        tx,
        qm,
        {
          title: "Ta fram en bemanningsplan",
          reason: "Arbetsbelastning",
          source: "sam_follow_up",
          ownerId: qm.id,
          unitId: null,
          dueOn: "2026-06-01",
          effectPlan: "Nästa uppföljning",
          effectMeasure: "Andel ja",
          effectCheckOn: "2027-03-01",
        },
        {},
        now,
      ),
    }));
    completeFollowUp(db, qm, id, now);
    expect(() => compileLevel(db, qm, compilation, now)).toThrow("sam.completed");
  });

  it("reminds leadership once a year and each unit once as its answer comes due", () => {
    expect(sendSamReminders(db, now)).toBe(1);
    expect(sendSamReminders(db, now)).toBe(0);
    expect(listNotifications(db, qm.id)[0]!.kind).toBe("samDue");
    start();
    // Nothing is due within a week of the start; a week before the due date both units hear of it.
    expect(sendSamReminders(db, now)).toBe(0);
    expect(sendSamReminders(db, new Date("2026-03-25T08:00:00"))).toBe(4);
    expect(sendSamReminders(db, new Date("2026-03-26T08:00:00"))).toBe(0);
  });
});
