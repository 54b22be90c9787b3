import { beforeEach, describe, expect, it } from "vitest";
import {
  addContextItem,
  addLegalRequirement,
  currentContext,
  evaluateCompliance,
  legalRegister,
  recordContextDecisions,
  recordMeeting,
  removeContextItem,
  writtenSamDocuments,
} from "#app/models/context.server.ts";
import { linkItems, linkedTo } from "#app/models/links.server.ts";
import { createAction } from "#app/models/actions.server.ts";
import type { User } from "#app/models/users.server.ts";
import { ensureOrganisation } from "#app/models/organisation.server.ts";
import type { DbConnection } from "#db/client.ts";
import { createTestDb, makeUser } from "#tests/fixtures/db.ts";

let db: DbConnection;
let qm: User;
let owner: User;
const now = new Date("2026-11-20T10:00:00");

beforeEach(async () => {
  db = createTestDb();
  ensureOrganisation(db, "Exempel AB");
  qm = await makeUser(db, { role: "quality_manager" });
  owner = await makeUser(db, { role: "process_owner" });
});

describe("the organisation's context", () => {
  it("keeps issues and parties, and removed ones only for the record", () => {
    const id = addContextItem(db, qm, { kind: "party", title: "Kunder", detail: "Leverans i tid" }, now);
    addContextItem(db, qm, { kind: "external", title: "Ny arbetsmiljöföreskrift", detail: "" }, now);
    expect(() => addContextItem(db, owner, { kind: "internal", title: "x", detail: "" }, now)).toThrow(
      "context.notAllowed",
    );
    removeContextItem(db, qm, id, now);
    expect(currentContext(db).map((i) => i.title)).toEqual(["Ny arbetsmiljöföreskrift"]);
    expect(() => removeContextItem(db, qm, id, now)).toThrow("context.notFound");
  });

  it("records the climate decision only with a justification, and switches on written SAM from ten employees", () => {
    expect(() =>
      recordContextDecisions(db, qm, { employees: 12, climateRelevant: true, climateNote: " " }, now),
    ).toThrow("context.incomplete");
    recordContextDecisions(db, qm, { employees: 9, climateRelevant: false, climateNote: "Kontorsverksamhet" }, now);
    expect(writtenSamDocuments(db, now)).toEqual({ employees: 9, required: false });
    recordContextDecisions(db, qm, { employees: 12, climateRelevant: false, climateNote: "Kontorsverksamhet" }, now);
    expect(writtenSamDocuments(db, now)).toEqual({ employees: 12, required: true, policy: [], routines: [] });
  });
});

describe("participation", () => {
  it("records meetings as evidence, linkable to what they led to; never in the future, never empty", () => {
    const meeting = {
      kind: "workplace_meeting" as const,
      heldOn: "2026-11-18",
      unitId: null,
      participants: "Lager, skyddsombud Sven",
      raised: "Belysningen i lagret",
      decisions: "Byt armaturer",
    };
    expect(() => recordMeeting(db, owner, { ...meeting, heldOn: "2026-12-01" }, now)).toThrow("context.badDate");
    expect(() => recordMeeting(db, owner, { ...meeting, raised: " " }, now)).toThrow("context.incomplete");
    const id = recordMeeting(db, owner, meeting, now);
    const action = createAction(db, owner, {
      title: "Byt armaturer",
      reason: "APT",
      source: "improvement",
      ownerId: owner.id,
      unitId: null,
      dueOn: "2026-12-15",
      effectPlan: "Mät ljus",
      effectMeasure: "lux",
      effectCheckOn: "2027-01-15",
    });
    linkItems(db, owner, { kind: "meeting", id }, { kind: "action", id: action });
    expect(linkedTo(db, qm, { kind: "action", id: action })).toMatchObject([
      { kind: "meeting", title: "2026-11-18 Belysningen i lagret", status: "meeting_workplace_meeting" },
    ]);
  });
});

describe("the legal register", () => {
  it("keeps dated evaluations by the person who follows the law, the latest first", async () => {
    const law = addLegalRequirement(
      db,
      qm,
      {
        title: "Arbetsmiljölagen",
        reference: "SFS 1977:1160",
        areas: ["work_environment"],
        howItApplies: "Alla anställda",
        responsibleId: owner.id,
      },
      now,
    );
    const other = await makeUser(db, { role: "process_owner" });
    const evaluation = { evaluatedOn: "2026-06-01", result: "partly" as const, note: "Skyddsronder saknades i maj" };
    expect(() => evaluateCompliance(db, other, law, evaluation, now)).toThrow("context.notAllowed");
    evaluateCompliance(db, owner, law, evaluation, now);
    evaluateCompliance(
      db,
      owner,
      law,
      { evaluatedOn: "2026-11-01", result: "compliant", note: "Alla ronder gjorda" },
      now,
    );
    expect(() => evaluateCompliance(db, owner, law, { ...evaluation, evaluatedOn: "2027-01-01" }, now)).toThrow(
      "context.badDate",
    );
    expect(legalRegister(db)[0]!.evaluations.map((e) => [e.evaluatedOn, e.result])).toEqual([
      ["2026-11-01", "compliant"],
      ["2026-06-01", "partly"],
    ]);
  });
});
