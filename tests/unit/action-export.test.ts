import ExcelJS from "exceljs";
import { describe, expect, it } from "vitest";
import { exportActions, type ExportLabels } from "#app/models/action-export.server.ts";
import type { ActionSummary } from "#app/models/actions.server.ts";

const action: ActionSummary = {
  id: "a1",
  number: 7,
  title: "Kalibrera vågen; varje vecka",
  reason: 'Fel vikt, "två gånger"',
  source: "deviation",
  ownerId: "u1",
  ownerName: "Åsa Öberg",
  unitId: null,
  unitName: null,
  dueOn: "2026-03-01",
  status: "done",
  effectPlan: "Stickprov",
  effectMeasure: "Avvikelser per månad",
  effectCheckOn: "2026-06-01",
  effectResult: null,
  effectCheckedAt: null,
  followUpOf: null,
  createdBy: "u1",
  createdAt: new Date(),
  updatedAt: new Date(),
};
const labels: ExportLabels = {
  headers: [
    "#",
    "Vad",
    "Varför",
    "Källa",
    "Ansvarig",
    "Enhet",
    "Klart",
    "Status",
    "Hur",
    "Mått",
    "Kontroll",
    "Resultat",
  ],
  status: (s) => `status:${s}`,
  source: (s) => `källa:${s}`,
  sheet: "Åtgärder",
};

describe("exporting the action plan", () => {
  it("writes an Excel sheet with a header row and one row per action", async () => {
    const buffer = await exportActions([action], labels, "xlsx");
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(buffer as unknown as ArrayBuffer);
    const sheet = workbook.getWorksheet("Åtgärder")!;
    expect(sheet.getRow(1).getCell(2).value).toBe("Vad");
    expect(sheet.getRow(2).values).toEqual([
      undefined,
      7,
      "Kalibrera vågen; varje vecka",
      'Fel vikt, "två gånger"',
      "källa:deviation",
      "Åsa Öberg",
      "",
      "2026-03-01",
      "status:done",
      "Stickprov",
      "Avvikelser per månad",
      "2026-06-01",
      "",
    ]);
  });

  it("writes CSV that Excel opens with Swedish characters and quoted separators", async () => {
    const text = (await exportActions([action], labels, "csv")).toString("utf8");
    expect(text.startsWith("\ufeff#;Vad;")).toBe(true);
    expect(text).toContain('7;"Kalibrera vågen; varje vecka";"Fel vikt, ""två gånger""";källa:deviation;Åsa Öberg');
  });
});
