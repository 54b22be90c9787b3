import { beforeEach, describe, expect, it } from "vitest";
import { createAction, moveAction } from "#app/models/actions.server.ts";
import {
  allowedMoves,
  closeBlocker,
  independenceConflicts,
  iso9001Clauses,
  programmeCoverage,
} from "#app/models/audit-rules.ts";
import { addFinding, answerFinding, closeFinding, findingsOf } from "#app/models/audit-findings.server.ts";
import { auditsOf, planAudit, startReport, type AuditInput } from "#app/models/audits.server.ts";
import { coverageOf, createProgramme } from "#app/models/audit-programmes.server.ts";
import { createLinked } from "#app/models/links.server.ts";
import { createProcess } from "#app/models/processes.server.ts";
import { createUnit } from "#app/models/units.server.ts";
import type { User } from "#app/models/users.server.ts";
import type { DbConnection } from "#db/client.ts";
import { createTestDb, makeUser } from "#tests/fixtures/db.ts";

describe("audit rules", () => {
  it("show which processes and clauses a programme reaches this cycle, and which it does not", () => {
    const coverage = programmeCoverage(
      [
        { processId: "order", unitId: null, clauses: ["8.5", "8.7"] },
        { processId: null, unitId: "lager", clauses: ["7.5"] },
      ],
      ["order", "inkop", "hr"],
      ["7.5", "8.5", "8.7", "9.2"],
    );
    expect(coverage.processes).toEqual({ covered: ["order"], uncovered: ["inkop", "hr"] });
    expect(coverage.clauses).toEqual({ covered: ["7.5", "8.5", "8.7"], uncovered: ["9.2"] });
  });

  it("move a finding from open to answered to closed, and back when the answer falls short", () => {
    expect(allowedMoves("open")).toEqual(["answer", "close"]);
    expect(allowedMoves("answered")).toEqual(["return", "close"]);
    expect(allowedMoves("closed")).toEqual(["reopen"]);
  });

  it("close a nonconformity only when answered and every action's effect is verified; an observation when noted", () => {
    expect(closeBlocker("minor_nc", "open", [])).toBe("finding.notAnswered");
    expect(closeBlocker("minor_nc", "answered", [])).toBe("finding.needsAction");
    expect(closeBlocker("major_nc", "answered", ["effect_verified", "done"])).toBe("finding.effectNotVerified");
    expect(closeBlocker("major_nc", "answered", ["effect_verified"])).toBeNull();
    expect(closeBlocker("observation", "open", [])).toBeNull();
    expect(closeBlocker("observation", "closed", [])).toBe("finding.notAllowed");
  });

  it("warn when an auditor owns the audited process or works in the audited unit", () => {
    const team = [
      { id: "anna", unitId: "lager" },
      { id: "bo", unitId: "kontor" },
      { id: "cia", unitId: null },
    ];
    expect(independenceConflicts(team, { processOwnerId: "bo", unitId: "lager" })).toEqual(["anna", "bo"]);
    expect(independenceConflicts(team, { processOwnerId: null, unitId: null })).toEqual([]);
  });
});

let db: DbConnection;
let qm: User;
let auditor: User;
let coAuditor: User;
let owner: User;
let processId: string;
const now = new Date("2026-04-01T09:00:00");

beforeEach(async () => {
  db = createTestDb();
  qm = await makeUser(db, { role: "quality_manager" });
  const unitId = createUnit(db, qm, { name: "Lager", parentId: null }).id;
  auditor = await makeUser(db, { role: "auditor" });
  coAuditor = await makeUser(db, { role: "auditor", unitId });
  owner = await makeUser(db, { role: "process_owner" });
  processId = createProcess(db, qm, {
    title: "Order till leverans",
    kind: "core",
    parentId: null,
    ownerId: owner.id,
    mandate: "",
    purpose: "",
    inputs: "",
    outputs: "",
    customers: "",
    interfaces: "",
  });
});

const plan = (over: Partial<AuditInput> = {}): AuditInput => ({
  title: "Orderprocessen",
  processId,
  unitId: null,
  clauses: ["8.5", "8.7", "not-a-clause"],
  areas: ["quality"],
  plannedOn: "2026-05-12",
  leadAuditorId: auditor.id,
  team: [coAuditor.id],
  criteria: "ISO 9001 och rutinen för orderhantering",
  method: "Intervjuer och stickprov",
  ...over,
});

describe("an audit programme", () => {
  it("plans audits within its year, reports its coverage, and follows a nonconformity to closing after effect verification", () => {
    const programme = createProgramme(db, qm, 2026, "Fokus på kärnprocesserna", now);
    expect(() => createProgramme(db, qm, 2026, "", now)).toThrow("audit.programmeExists");
    expect(() => createProgramme(db, auditor, 2027, "", now)).toThrow("audit.notAllowed");
    expect(() => planAudit(db, qm, programme, plan({ plannedOn: "2027-01-10" }), now)).toThrow("audit.outsideYear");
    expect(() => planAudit(db, qm, programme, plan({ processId: null, clauses: [], areas: [] }), now)).toThrow(
      "audit.noScope",
    );
    const auditId = planAudit(db, qm, programme, plan(), now);
    // The co-auditor works in the unit of a second audit: the programme flags it.
    planAudit(db, qm, programme, plan({ processId: null, unitId: coAuditor.unitId, title: "Lagret" }), now);
    const [first, second] = auditsOf(db, programme, now);
    expect(first).toMatchObject({ status: "planned", clauses: ["8.5", "8.7"], conflicts: [] });
    expect(second!.conflicts).toEqual([coAuditor.name]);
    const coverage = coverageOf(db, programme);
    expect(coverage.processes.covered.map((p) => p.title)).toEqual(["Order till leverans"]);
    expect(coverage.clauses.covered).toEqual(["8.5", "8.7"]);
    expect(coverage.clauses.uncovered).toHaveLength(iso9001Clauses.length - 2);

    const headings = {
      scope: "Omfattning",
      criteria: "Kriterier",
      method: "Metod",
      people: "Personer",
      strengths: "Styrkor",
      findings: "Fynd",
      conclusion: "Slutsats",
    };
    expect(() => startReport(db, owner, auditId, { title: "Revisionsrapport", headings }, now)).toThrow(
      "audit.notAllowed",
    );
    startReport(db, coAuditor, auditId, { title: "Revisionsrapport", headings }, now);
    expect(auditsOf(db, programme, now)[0]!.status).toBe("reporting");

    const finding = {
      kind: "minor_nc" as const,
      title: "Ordrar bekräftas inte",
      requirement: "ISO 9001 8.2.3",
      evidence: "3 av 10 ordrar saknade bekräftelse",
      responsibleId: owner.id,
    };
    expect(() => addFinding(db, coAuditor, auditId, { ...finding, evidence: " " }, now)).toThrow("finding.incomplete");
    const findingId = addFinding(db, coAuditor, auditId, finding, now);
    expect(() => answerFinding(db, owner, findingId, "Ingen kontroll i systemet", now)).toThrow("finding.needsAction");
    const actionId = createLinked(db, owner, { kind: "finding", id: findingId }, (tx) => ({
      kind: "action",
      id: createAction(
        tx,
        owner,
        {
          title: "Automatisk orderbekräftelse",
          reason: "Revisionsfynd",
          source: "audit",
          ownerId: owner.id,
          unitId: null,
          dueOn: "2026-06-01",
          effectPlan: "Stickprov",
          effectMeasure: "Andel bekräftade ordrar",
          effectCheckOn: "2026-09-01",
        },
        {},
        now,
      ),
    }));
    expect(() => answerFinding(db, coAuditor, findingId, "x", now)).toThrow("finding.notAllowed");
    answerFinding(db, owner, findingId, "Ingen kontroll i systemet", now);
    // Only the lead auditor closes, and only after the action's effect is verified.
    expect(() => closeFinding(db, coAuditor, findingId, "", now)).toThrow("finding.notAllowed");
    expect(() => closeFinding(db, auditor, findingId, "", now)).toThrow("finding.effectNotVerified");
    moveAction(db, owner, actionId, "start");
    moveAction(db, owner, actionId, "complete");
    moveAction(db, qm, actionId, "verifyEffect", { result: "10 av 10 bekräftade" });
    closeFinding(db, auditor, findingId, "Verifierat med nytt stickprov", now);
    expect(findingsOf(db, auditId)[0]).toMatchObject({ status: "closed", rootCause: "Ingen kontroll i systemet" });
  });
});
