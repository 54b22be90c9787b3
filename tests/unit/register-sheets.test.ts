import ExcelJS from "exceljs";
import { beforeEach, describe, expect, it } from "vitest";
import { previewRegister, saveRegister, SheetImportError, writeRegister } from "#app/models/register-sheets.server.ts";
import { riskSheet } from "#app/models/risk-sheet.server.ts";
import { createRisk, listRisks, riskHistory } from "#app/models/risks.server.ts";
import { readCells } from "#app/models/spreadsheet.server.ts";
import type { User } from "#app/models/users.server.ts";
import type { DbConnection } from "#db/client.ts";
import { createTestDb, makeUser } from "#tests/fixtures/db.ts";

let db: DbConnection;
let owner: User;

beforeEach(async () => {
  db = createTestDb();
  owner = await makeUser(db, { role: "quality_manager", name: "Kim Kvalitet" });
  createRisk(db, owner, {
    kind: "risk",
    title: "Felkalibrerad våg",
    category: "quality",
    cause: "Ingen kalibrering",
    consequenceText: "Fel vikt",
    ownerId: owner.id,
    unitId: null,
    treatment: "reduce",
    nextReviewOn: "2027-01-01",
    inherent: { likelihood: 3, consequence: 4 },
    residual: { likelihood: 2, consequence: 3 },
  });
});

/** A workbook as Excel would save it after a person edited it. */
async function edited(file: Buffer, change: (sheet: ExcelJS.Worksheet) => void): Promise<Uint8Array> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(file as unknown as ArrayBuffer);
  change(workbook.worksheets[0]!);
  return new Uint8Array(await workbook.xlsx.writeBuffer());
}

const column = (sheet: ExcelJS.Worksheet, header: string) => {
  let at = 0;
  sheet.getRow(1).eachCell((cell, n) => {
    if (cell.text === header) at = n;
  });
  return at;
};

describe("a register to Excel and back", () => {
  it("updates the same risk by its Lots id and adds a new row as a new risk, in either language's headings", async () => {
    const exported = await writeRegister(riskSheet, listRisks(db), "sv");
    const file = await edited(exported, (sheet) => {
      sheet.getCell(2, column(sheet, "Benämning")).value = "Felkalibrerad våg vid utleverans";
      sheet.getCell(2, column(sheet, "Kvarvarande risk: Sannolikhet")).value = 1;
      const row = sheet.getRow(3);
      const values: Record<string, string | number> = {
        Typ: "Möjlighet",
        Benämning: "Ny leverantör",
        Kategori: "Kvalitet",
        Ägare: "kim kvalitet",
        Hantering: "Acceptera",
        "Inneboende risk: Sannolikhet": 2,
        "Inneboende risk: Konsekvens": 2,
        "Kvarvarande risk: Sannolikhet": 1,
        "Kvarvarande risk: Konsekvens": 1,
        "Nästa översyn": "1/3/2027",
      };
      for (const [header, value] of Object.entries(values)) row.getCell(column(sheet, header)).value = value;
    });
    const cells = await readCells(file, "risker.xlsx");
    const preview = previewRegister(db, riskSheet, cells, "en");
    expect(preview.problems).toEqual([]);
    expect(preview.rows.map((r) => [r.row, r.action])).toEqual([
      [2, "update"],
      [3, "create"],
    ]);
    expect(saveRegister(db, owner, riskSheet, cells, "sv")).toEqual({ created: 1, updated: 1, unchanged: 0 });
    const risks = listRisks(db);
    expect(risks.map((r) => [r.title, r.kind, r.residual.likelihood, r.nextReviewOn])).toEqual([
      ["Felkalibrerad våg vid utleverans", "risk", 1, "2027-01-01"],
      ["Ny leverantör", "opportunity", 1, "2027-03-01"],
    ]);
    // The new assessment went into the risk's history.
    expect(riskHistory(db, risks[0]!.id)).toHaveLength(2);
    // Imported once more, the same sheet changes nothing.
    const again = await readCells(await writeRegister(riskSheet, listRisks(db), "en"), "risks.xlsx");
    expect(previewRegister(db, riskSheet, again, "sv").rows.map((r) => r.action)).toEqual(["unchanged", "unchanged"]);
  });

  it("names every problem by row and column: a formula, an unknown person, a date as text, off the scale, an unknown column and id", async () => {
    const exported = await writeRegister(riskSheet, listRisks(db), "sv");
    const file = await edited(exported, (sheet) => {
      sheet.getCell(2, column(sheet, "Inneboende risk: Sannolikhet")).value = { formula: "1+1", result: 2 };
      sheet.getCell(2, column(sheet, "Ägare")).value = "Någon Annan";
      sheet.getCell(2, column(sheet, "Nästa översyn")).value = "nästa vår";
      sheet.getCell(2, column(sheet, "Kvarvarande risk: Konsekvens")).value = 9;
      sheet.getCell(1, 20).value = "Kommentar";
      const extra = sheet.getRow(3);
      extra.getCell(1).value = "aaaaaaaaaaaaaaaa";
      extra.getCell(column(sheet, "Benämning")).value = "Okänd";
    });
    const cells = await readCells(file, "risker.xlsx");
    const preview = previewRegister(db, riskSheet, cells, "sv");
    // A wrong heading stops the reading first: a sheet with an unknown column is not guessed at.
    expect(preview.problems).toEqual([{ row: 1, column: "Kommentar", code: "unknownColumn" }]);
    const withoutColumn = cells.map((row) => row.slice(0, 19));
    const problems = previewRegister(db, riskSheet, withoutColumn, "sv").problems.map((p) => [p.row, p.column, p.code]);
    expect(problems).toEqual([
      [2, "Inneboende risk: Sannolikhet", "formula"],
      [2, "Ägare", "unknownPerson"],
      [2, "Kvarvarande risk: Konsekvens", "outOfRange"],
      [2, "Nästa översyn", "notADate"],
      [3, "Lots-id", "unknownId"],
    ]);
    expect(() => saveRegister(db, owner, riskSheet, withoutColumn, "sv")).toThrow(SheetImportError);
    expect(listRisks(db).map((r) => r.title)).toEqual(["Felkalibrerad våg"]);
  });

  it("refuses merged heading cells, and saves nothing when a rule refuses one row", async () => {
    const exported = await writeRegister(riskSheet, listRisks(db), "sv");
    const merged = await edited(exported, (sheet) => sheet.mergeCells(1, 3, 1, 4));
    expect(previewRegister(db, riskSheet, await readCells(merged, "r.xlsx"), "sv").problems[0]).toMatchObject({
      row: 1,
      code: "merged",
    });
    const staff = await makeUser(db, { role: "staff" });
    const renamed = await edited(exported, (sheet) => {
      sheet.getCell(2, column(sheet, "Benämning")).value = "Ändrad av fel person";
    });
    const cells = await readCells(renamed, "r.xlsx");
    expect(() => saveRegister(db, staff, riskSheet, cells, "sv")).toThrow(SheetImportError);
    expect(listRisks(db)[0]!.title).toBe("Felkalibrerad våg");
  });

  it("writes text that Excel would run as a formula as text", async () => {
    createRisk(db, owner, {
      kind: "risk",
      title: '=HYPERLINK("http://evil","klicka")',
      category: "other",
      cause: "",
      consequenceText: "",
      ownerId: owner.id,
      unitId: null,
      treatment: "accept",
      nextReviewOn: "2027-01-01",
      inherent: { likelihood: 1, consequence: 1 },
      residual: { likelihood: 1, consequence: 1 },
    });
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load((await writeRegister(riskSheet, listRisks(db), "sv")) as unknown as ArrayBuffer);
    const cell = workbook.worksheets[0]!.getCell(3, 4);
    expect(cell.type).not.toBe(ExcelJS.ValueType.Formula);
    expect(String(cell.value).startsWith("'=")).toBe(true);
    // Read back, the apostrophe is ours and goes: the title is the person's text again.
    const cells = await readCells(await writeRegister(riskSheet, listRisks(db), "sv"), "r.xlsx");
    expect(cells[2]![3]!.text).toBe('=HYPERLINK("http://evil","klicka")');
  });
});

describe("other registers", () => {
  it("key figures come back by their Lots id, with targets as numbers", async () => {
    const { createKpi, listKpis } = await import("#app/models/kpis.server.ts");
    const { kpiSheet } = await import("#app/models/kpi-sheet.server.ts");
    createKpi(db, owner, {
      objectiveId: null,
      name: "Leveransprecision",
      unit: "%",
      direction: "higher",
      target: 95,
      warning: 90,
      frequency: "monthly",
      ownerId: owner.id,
      dataSource: "Affärssystemet",
    });
    const file = await edited(await writeRegister(kpiSheet, listKpis(db), "en"), (sheet) => {
      sheet.getCell(2, column(sheet, "Target")).value = 97.5;
    });
    const cells = await readCells(file, "kpis.xlsx");
    expect(saveRegister(db, owner, kpiSheet, cells, "sv")).toEqual({ created: 0, updated: 1, unchanged: 0 });
    expect(listKpis(db).map((k) => [k.name, k.target])).toEqual([["Leveransprecision", 97.5]]);
  });

  it("deviations go out without who reported them or what they wrote", async () => {
    const { reportDeviation, listDeviations } = await import("#app/models/deviations.server.ts");
    const { deviationSheet } = await import("#app/models/deviation-sheet.server.ts");
    const staff = await makeUser(db, { role: "staff", name: "Sara Sjuksköterska" });
    reportDeviation(
      db,
      staff,
      {
        kind: "near_miss",
        title: "Fel dos nästan given",
        description: "Patienten Anna Andersson fick nästan fel dos.",
        unitId: null,
        processId: null,
        occurredAt: "2026-11-20T14:30",
        immediateAction: "",
        contactName: "Anna Andersson",
        contactDetails: "070-123 45 67",
      },
      [],
      "/tmp",
    );
    const cells = await readCells(await writeRegister(deviationSheet, listDeviations(db), "sv"), "a.xlsx");
    const text = JSON.stringify(cells);
    expect(text).toContain("Fel dos nästan given");
    expect(text).toContain("Tillbud");
    for (const personal of ["Sara Sjuksköterska", "Anna Andersson", "070-123 45 67"])
      expect(text).not.toContain(personal);
  });
});

describe("the legal register and the context", () => {
  it("a law's entry and an interested party come back by their Lots id; areas are read as a list", async () => {
    const { addLegalRequirement, addContextItem, currentContext, legalRegister } =
      await import("#app/models/context.server.ts");
    const { contextSheet, legalSheet } = await import("#app/models/legal-sheet.server.ts");
    addLegalRequirement(db, owner, {
      title: "Arbetsmiljölagen (1977:1160)",
      reference: "SFS 1977:1160",
      areas: ["work_environment"],
      howItApplies: "Vi har anställda.",
      responsibleId: owner.id,
    });
    addContextItem(db, owner, { kind: "party", title: "Patienter", detail: "Trygg vård" });
    const laws = await edited(await writeRegister(legalSheet, legalRegister(db), "sv"), (sheet) => {
      sheet.getCell(2, column(sheet, "Områden")).value = "Arbetsmiljö; Kvalitet";
      const row = sheet.getRow(3);
      row.getCell(column(sheet, "Lag eller föreskrift")).value = "Miljöbalken (1998:808)";
      row.getCell(column(sheet, "Hur den gäller oss")).value = "Vi hanterar kemikalier.";
      row.getCell(column(sheet, "Bevakas av")).value = "Kim Kvalitet";
      row.getCell(column(sheet, "Områden")).value = "Miljö";
    });
    expect(saveRegister(db, owner, legalSheet, await readCells(laws, "lagar.xlsx"), "sv")).toEqual({
      created: 1,
      updated: 1,
      unchanged: 0,
    });
    expect(legalRegister(db).map((l) => [l.title, l.areas])).toEqual([
      ["Arbetsmiljölagen (1977:1160)", ["work_environment", "quality"]],
      ["Miljöbalken (1998:808)", ["environment"]],
    ]);
    const parties = await edited(await writeRegister(contextSheet, currentContext(db), "en"), (sheet) => {
      sheet.getCell(2, column(sheet, "Requirements and expectations")).value = "Trygg och jämlik vård";
    });
    expect(saveRegister(db, owner, contextSheet, await readCells(parties, "ctx.xlsx"), "sv").updated).toBe(1);
    expect(currentContext(db).map((c) => c.detail)).toEqual(["Trygg och jämlik vård"]);
  });
});
