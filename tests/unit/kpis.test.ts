import { beforeEach, describe, expect, it } from "vitest";
import {
  addMeasurement,
  createKpi,
  getKpi,
  importMeasurements,
  measurements,
  previewImport,
  updateKpi,
  type KpiInput,
} from "#app/models/kpis.server.ts";
import { readSheet } from "#app/models/spreadsheet.server.ts";
import type { User } from "#app/models/users.server.ts";
import type { DbConnection } from "#db/client.ts";
import { createTestDb, makeUser } from "#tests/fixtures/db.ts";

let db: DbConnection;
let owner: User;
let kpiId: string;

const input = (overrides: Partial<KpiInput> = {}): KpiInput => ({
  objectiveId: null,
  name: "Leveransprecision",
  unit: "%",
  direction: "higher",
  target: 95,
  warning: 90,
  frequency: "monthly",
  ownerId: owner.id,
  dataSource: "Affärssystemet, leveransrapport",
  ...overrides,
});

beforeEach(async () => {
  db = createTestDb();
  owner = await makeUser(db, { role: "quality_manager" });
  kpiId = createKpi(db, owner, input());
});

const csv = (text: string) => readSheet(new TextEncoder().encode(text), "data.csv");

describe("KPIs and their measurements", () => {
  it("refuses a warning threshold on the better side of the target", () => {
    expect(() => createKpi(db, owner, input({ warning: 97 }))).toThrow("kpi.thresholds");
    expect(() => updateKpi(db, owner, kpiId, input({ warning: 97 }))).toThrow("kpi.thresholds");
  });

  it("changes a definition, keeps the measurements, and lets only the owner or a document keeper do it", async () => {
    addMeasurement(db, owner, kpiId, { period: "2026-01", value: 93 });
    updateKpi(db, owner, kpiId, input({ target: 92, warning: 88 }));
    expect(getKpi(db, kpiId)).toMatchObject({ target: 92, latest: { value: 93, status: "on_target" } });
    const staff = await makeUser(db, { role: "staff" });
    expect(() => updateKpi(db, staff, kpiId, input())).toThrow("kpi.notAllowed");
  });

  it("takes one measurement per period and shows the latest status", () => {
    addMeasurement(db, owner, kpiId, { period: "2026-1", value: 93 });
    expect(() => addMeasurement(db, owner, kpiId, { period: "2026-01", value: 96 })).toThrow("kpi.duplicatePeriod");
    expect(() => addMeasurement(db, owner, kpiId, { period: "januari", value: 96 })).toThrow("kpi.badPeriod");
    expect(getKpi(db, kpiId)?.latest).toEqual({ period: "2026-01", value: 93, status: "at_risk" });
  });

  it("previews an import row by row, naming each problem, and saves nothing until all rows are good", async () => {
    addMeasurement(db, owner, kpiId, { period: "2026-01", value: 93 });
    const sheet = await csv(
      "Period;Värde;Enhet\n2026-01;94;%\n2026-02;9x;%\n2026-03;96;st\n2026-04;97;%\n2026-04;98;%\nmars;95;%\n",
    );
    const preview = previewImport(db, kpiId, sheet);
    expect(preview.rows).toEqual([{ row: 5, period: "2026-04", value: 97 }]);
    expect(preview.problems.map((p) => [p.row, p.field, p.problem])).toEqual([
      [2, "period", "alreadyMeasured"],
      [3, "value", "badValue"],
      [4, "unit", "unitMismatch"],
      [6, "period", "duplicatePeriod"],
      [7, "period", "badPeriod"],
    ]);
    expect(() => importMeasurements(db, owner, kpiId, sheet)).toThrow("kpi.importHasErrors");
    expect(measurements(db, kpiId)).toHaveLength(1);
  });

  it("imports a year of monthly figures from CSV with Swedish decimals", async () => {
    const lines = Array.from({ length: 12 }, (_, i) => `2025-${String(i + 1).padStart(2, "0")},"9${i % 10},5"`);
    const sheet = await csv(`period,value\n${lines.join("\n")}\n`);
    expect(importMeasurements(db, owner, kpiId, sheet)).toBe(12);
    expect(measurements(db, kpiId)[0]).toEqual({ period: "2025-01", value: 90.5 });
  });

  it("says plainly when a file cannot be read", async () => {
    await expect(readSheet(new Uint8Array([1, 2, 3]), "data.xlsx")).rejects.toThrow("sheet.unreadable");
  });
});
