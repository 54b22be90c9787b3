import { beforeEach, describe, expect, it } from "vitest";
import { linkedTo, linkItems } from "#app/models/links.server.ts";
import { createAction } from "#app/models/actions.server.ts";
import {
  createRisk,
  getRisk,
  listRisks,
  reassessRisk,
  retireRisk,
  riskHistory,
  riskScale,
  setRiskScale,
  updateRiskDetails,
  type RiskInput,
} from "#app/models/risks.server.ts";
import { itemHistory } from "#app/models/item-history.server.ts";
import { itemChanges, trailEvents } from "#db/schema/index.ts";
import { eq } from "drizzle-orm";
import { heatMap } from "#app/models/risk-scoring.ts";
import { ensureOrganisation } from "#app/models/organisation.server.ts";
import { verifyTrail } from "#app/models/trail.server.ts";
import type { User } from "#app/models/users.server.ts";
import type { DbConnection } from "#db/client.ts";
import { defaultRiskScale } from "#app/domain/values.ts";
import { createTestDb, makeUser } from "#tests/fixtures/db.ts";

let db: DbConnection;
let owner: User;
let staff: User;

const input = (overrides: Partial<RiskInput> = {}): RiskInput => ({
  kind: "risk",
  title: "Felkalibrerad våg",
  category: "quality",
  cause: "Vågen kalibreras sällan",
  consequenceText: "Fel vikt till kund",
  ownerId: owner.id,
  unitId: null,
  treatment: "reduce",
  nextReviewOn: "2026-12-01",
  inherent: { likelihood: 4, consequence: 4 },
  residual: { likelihood: 4, consequence: 3 },
  ...overrides,
});

beforeEach(async () => {
  db = createTestDb();
  owner = await makeUser(db, { role: "process_owner" });
  staff = await makeUser(db, { role: "staff" });
});

describe("the risk register", () => {
  it("keeps every assessment, and the heat map follows the residual risk", () => {
    const id = createRisk(db, owner, input());
    const residual = () =>
      heatMap(
        defaultRiskScale,
        listRisks(db).map((r) => r.residual),
      )
        .flat()
        .find((c) => c.count);
    expect(residual()).toMatchObject({ likelihood: 4, consequence: 3 });
    reassessRisk(db, owner, id, {
      inherent: { likelihood: 4, consequence: 4 },
      residual: { likelihood: 2, consequence: 3 },
      comment: "Veckovis kalibrering infört",
      nextReviewOn: "2027-06-01",
    });
    expect(residual()).toMatchObject({ likelihood: 2, consequence: 3 });
    expect(riskHistory(db, id).map((h) => h.residual.likelihood)).toEqual([2, 4]);
    expect(getRisk(db, id)?.nextReviewOn).toBe("2027-06-01");
    expect(() => db.$client.prepare("update risk_assessments set comment = 'x'").run()).toThrow(/append-only/);
    expect(verifyTrail(db).ok).toBe(true);
  });

  it("refuses scores outside the scale and changes nothing", () => {
    expect(() => createRisk(db, owner, input({ inherent: { likelihood: 6, consequence: 1 } }))).toThrow(
      "risk.offScale",
    );
    const id = createRisk(db, owner, input());
    expect(() =>
      reassessRisk(db, owner, id, {
        inherent: { likelihood: 0, consequence: 3 },
        residual: { likelihood: 1, consequence: 1 },
        comment: "",
        nextReviewOn: "2027-01-01",
      }),
    ).toThrow("risk.offScale");
    expect(listRisks(db)).toHaveLength(1);
    expect(riskHistory(db, id)).toHaveLength(1);
  });

  it("is assessed by the people who keep the system, not by staff", () => {
    expect(() => createRisk(db, staff, input())).toThrow("risk.notAllowed");
  });

  it("links to its actions, and shows its level where it is linked", () => {
    const riskId = createRisk(db, owner, input());
    const actionId = createAction(db, owner, {
      title: "Kalibrera varje vecka",
      reason: "Risk R1",
      source: "risk",
      ownerId: owner.id,
      unitId: null,
      dueOn: "2026-03-01",
      effectPlan: "Stickprov",
      effectMeasure: "Avvikelser",
      effectCheckOn: "2026-06-01",
    });
    linkItems(db, owner, { kind: "risk", id: riskId }, { kind: "action", id: actionId });
    expect(linkedTo(db, owner, { kind: "action", id: actionId })).toMatchObject([
      { kind: "risk", title: "R1. Felkalibrerad våg", status: "risk_high", attention: true },
    ]);
  });

  it("takes a new scale: new labels always, fewer steps only when no assessment would fall off it", async () => {
    const qm = await makeUser(db, { role: "quality_manager" });
    ensureOrganisation(db, "Exempel AB");
    createRisk(
      db,
      owner,
      input({ inherent: { likelihood: 4, consequence: 2 }, residual: { likelihood: 2, consequence: 2 } }),
    );
    const four = ["Sällan", "Ibland", "Ofta", "Nästan alltid"];
    expect(() => setRiskScale(db, owner, { likelihood: four, consequence: four })).toThrow("risk.notAllowed");
    expect(() => setRiskScale(db, qm, { likelihood: four.slice(0, 3), consequence: four })).toThrow("risk.scaleInUse");
    setRiskScale(db, qm, { likelihood: four, consequence: four });
    expect(riskScale(db)).toEqual({ likelihood: four, consequence: four });
    expect(() => createRisk(db, owner, input({ residual: { likelihood: 5, consequence: 1 } }))).toThrow(
      "risk.offScale",
    );
    expect(verifyTrail(db).ok).toBe(true);
  });

  it("keeps a history of what changed in a risk's details, with the words added and removed", async () => {
    const other = await makeUser(db, { role: "process_owner" });
    const id = createRisk(db, owner, input());
    const { kind, title, category, cause, consequenceText, unitId, treatment } = getRisk(db, id)!;
    const details = { kind, title, category, cause, consequenceText, unitId, treatment, ownerId: owner.id };
    // Nothing changed: nothing recorded.
    updateRiskDetails(db, owner, id, details);
    expect(itemHistory(db, "risk", id)).toEqual([]);
    updateRiskDetails(db, owner, id, {
      ...details,
      cause: "Vågen kalibreras sällan och tappas ofta",
      ownerId: other.id,
    });
    const [entry] = itemHistory(db, "risk", id, ["cause"]);
    expect(entry!.changes.map((c) => c.field)).toEqual(["cause", "ownerId"]);
    expect(entry!.changes[1]).toMatchObject({ from: owner.id, to: other.id });
    expect(entry!.changes[0]!.words?.filter((w) => w.added).map((w) => w.value.trim())).toEqual(["och tappas ofta"]);
    expect(() => db.update(itemChanges).set({ reason: "x" }).run()).toThrow(/append-only/);
  });

  it("closes a risk with a reason: off the working list, still found, and never changed again", () => {
    const id = createRisk(db, owner, input());
    expect(() => retireRisk(db, owner, id, "Borta")).toThrow("risk.reasonTooShort");
    expect(() => retireRisk(db, staff, id, "Vågen är utbytt mot en ny.")).toThrow("risk.notAllowed");
    retireRisk(db, owner, id, "Vågen är utbytt mot en ny.");
    expect(listRisks(db).map((r) => r.id)).not.toContain(id);
    expect(listRisks(db, { status: "retired" }).map((r) => r.id)).toEqual([id]);
    expect(getRisk(db, id)?.retiredReason).toBe("Vågen är utbytt mot en ny.");
    const { kind, category, cause, consequenceText, unitId, treatment } = getRisk(db, id)!;
    expect(() =>
      updateRiskDetails(db, owner, id, {
        kind,
        title: "Ny titel",
        category,
        cause,
        consequenceText,
        unitId,
        treatment,
        ownerId: owner.id,
      }),
    ).toThrow("risk.retired");
    expect(() => reassessRisk(db, owner, id, { ...input(), comment: "", nextReviewOn: "2031-01-01" })).toThrow(
      "risk.retired",
    );
    expect(() => retireRisk(db, owner, id, "Vågen är utbytt mot en ny.")).toThrow("risk.retired");
    const [closed] = itemHistory(db, "risk", id);
    expect(closed).toMatchObject({
      reason: "Vågen är utbytt mot en ny.",
      changes: [{ field: "status", to: "retired" }],
    });
    // The reason is kept with the risk, not on the trail.
    const events = db.select().from(trailEvents).where(eq(trailEvents.type, "risk.retired")).all();
    expect(events).toHaveLength(1);
    expect(events[0]!.data).not.toContain("utbytt");
    expect(verifyTrail(db).ok).toBe(true);
  });
});
