import { beforeEach, describe, expect, it } from "vitest";
import {
  concludeChangeAnalysis,
  createChangeAnalysis,
  getChangeAnalysis,
  type ChangeAnalysisInput,
} from "#app/models/change-analyses.server.ts";
import { createLinked, linkedTo, searchItems } from "#app/models/links.server.ts";
import { createRisk } from "#app/models/risks.server.ts";
import { verifyTrail } from "#app/models/trail.server.ts";
import type { User } from "#app/models/users.server.ts";
import type { DbConnection } from "#db/client.ts";
import { createTestDb, makeUser } from "#tests/fixtures/db.ts";

let db: DbConnection;
let owner: User;

const input = (): ChangeAnalysisInput => ({
  title: "Nytt lagersystem",
  kind: "method",
  description: "Plock med handdatorer i stället för papperslistor.",
  participants: "Lagerpersonal, skyddsombud, lagerchef",
  plannedOn: "2027-02-01",
  unitId: null,
  ownerId: owner.id,
});

beforeEach(async () => {
  db = createTestDb();
  owner = await makeUser(db, { role: "process_owner" });
});

describe("risk analyses before a change", () => {
  it("gather the risks they find, and are concluded once", async () => {
    const id = createChangeAnalysis(db, owner, input());
    const riskId = createLinked(db, owner, { kind: "change_analysis", id }, (tx) => ({
      kind: "risk",
      id: createRisk(tx, owner, {
        kind: "risk",
        title: "Förslitningsskador av handdatorer",
        category: "work_environment",
        cause: "Ensidigt arbete",
        consequenceText: "Sjukskrivning",
        ownerId: owner.id,
        unitId: null,
        treatment: "reduce",
        nextReviewOn: "2027-06-01",
        inherent: { likelihood: 3, consequence: 3 },
        residual: { likelihood: 2, consequence: 3 },
      }),
    }));
    expect(linkedTo(db, owner, { kind: "change_analysis", id })).toMatchObject([{ kind: "risk", id: riskId }]);
    expect(linkedTo(db, owner, { kind: "risk", id: riskId })).toMatchObject([
      { kind: "change_analysis", title: "Ä1. Nytt lagersystem", status: "change_open" },
    ]);
    expect(searchItems(db, owner, "Ä1", ["change_analysis"]).map((i) => i.id)).toEqual([id]);

    const staff = await makeUser(db, { role: "staff" });
    expect(() => concludeChangeAnalysis(db, staff, id, "Kör")).toThrow("changeAnalysis.notAllowed");
    concludeChangeAnalysis(db, owner, id, "Genomförs med pauser var 45:e minut.");
    expect(getChangeAnalysis(db, id)).toMatchObject({ conclusion: "Genomförs med pauser var 45:e minut." });
    expect(() => concludeChangeAnalysis(db, owner, id, "Annat")).toThrow("changeAnalysis.concluded");
    expect(verifyTrail(db).ok).toBe(true);
  });

  it("are started only by those who assess risks", async () => {
    const staff = await makeUser(db, { role: "staff" });
    expect(() => createChangeAnalysis(db, staff, input())).toThrow("changeAnalysis.notAllowed");
  });
});
