import { beforeEach, describe, expect, it } from "vitest";
import { createAction, moveAction } from "#app/models/actions.server.ts";
import { addMeasurement, createKpi } from "#app/models/kpis.server.ts";
import { managementOverview } from "#app/models/overview.server.ts";
import { createRisk } from "#app/models/risks.server.ts";
import { createUnit } from "#app/models/units.server.ts";
import type { User } from "#app/models/users.server.ts";
import type { DbConnection } from "#db/client.ts";
import { createTestDb, makeUser } from "#tests/fixtures/db.ts";

let db: DbConnection;
let qm: User;

beforeEach(async () => {
  db = createTestDb();
  qm = await makeUser(db, { role: "quality_manager" });
});

const action = (title: string, unitId: string | null, dueOn: string) =>
  createAction(db, qm, {
    title,
    reason: "Avvikelse",
    source: "improvement",
    ownerId: qm.id,
    unitId,
    dueOn,
    effectPlan: "Stickprov",
    effectMeasure: "Antal fel",
    effectCheckOn: "2027-06-30",
  });

describe("the management overview on Start", () => {
  it("counts high risks, KPIs off target and late actions, for the organisation and per unit", () => {
    const lager = createUnit(db, qm, { name: "Lager", parentId: null }).id;
    createRisk(db, qm, {
      kind: "risk",
      title: "Truckolycka",
      category: "work_environment",
      cause: "Trånga gångar",
      consequenceText: "Personskada",
      ownerId: qm.id,
      unitId: lager,
      treatment: "reduce",
      nextReviewOn: "2027-01-01",
      inherent: { likelihood: 5, consequence: 5 },
      residual: { likelihood: 4, consequence: 4 },
    });
    const late = action("Märk gångarna", lager, "2026-10-01");
    action("Utbilda truckförare", null, "2027-02-01");
    const done = action("Ny rutin", null, "2026-09-01");
    moveAction(db, qm, done, "start", {});
    moveAction(db, qm, done, "complete", {});
    const kpi = createKpi(db, qm, {
      objectiveId: null,
      name: "Olyckor",
      unit: "st",
      direction: "lower",
      target: 0,
      warning: 1,
      frequency: "monthly",
      ownerId: qm.id,
      dataSource: "Tillbudsregistret",
    });
    addMeasurement(db, qm, kpi, { period: "2026-10", value: 3 });

    const overview = managementOverview(db, "sv", new Date("2026-11-22T10:00:00Z"));
    expect(overview.riskLevels).toEqual({ low: 0, medium: 0, high: 1, critical: 0 });
    expect(overview.kpisMissing).toMatchObject([{ name: "Olyckor", latest: { status: "off_target" } }]);
    expect(overview.overdueActions.map((a) => a.id)).toEqual([late]);
    expect(overview.units).toEqual([
      expect.objectContaining({ name: null, openActions: 2, overdueActions: 0 }),
      expect.objectContaining({ name: "Lager", highRisks: 1, openActions: 1, overdueActions: 1 }),
    ]);
  });
});
