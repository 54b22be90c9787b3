import { readFileSync } from "node:fs";
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

describe("the action plan", () => {
  const plan = {
    title: "Kalibrera vågen",
    reason: "Fel vikt två gånger",
    source: "deviation" as const,
    unitId: null,
    dueOn: "2027-02-01",
    effectPlan: "Stickprov på tjugo vägningar",
    effectMeasure: "Fel per månad",
    effectCheckOn: "2027-04-01",
  };

  it("an action comes back by its Lots id: a new owner and date are named in its history, and the owner is told", async () => {
    const { actionHistory, createAction, listActions } = await import("#app/models/actions.server.ts");
    const { actionSheet } = await import("#app/models/action-sheet.server.ts");
    const { unreadCount } = await import("#app/models/notifications.server.ts");
    const per = await makeUser(db, { role: "process_owner", name: "Per Persson" });
    const id = createAction(db, owner, { ...plan, ownerId: owner.id });
    const file = await edited(await writeRegister(actionSheet, listActions(db), "sv"), (sheet) => {
      sheet.getCell(2, column(sheet, "Ansvarig")).value = "Per Persson";
      sheet.getCell(2, column(sheet, "Klart senast")).value = "2027-03-01";
      // What Lots says of its life goes out, but is not read back.
      sheet.getCell(2, column(sheet, "Status")).value = "Effekt verifierad";
    });
    const cells = await readCells(file, "atgarder.xlsx");
    expect(previewRegister(db, actionSheet, cells, "sv").rows.map((r) => r.action)).toEqual(["update"]);
    expect(saveRegister(db, owner, actionSheet, cells, "sv")).toEqual({ created: 0, updated: 1, unchanged: 0 });
    const [action] = listActions(db);
    expect([action!.id, action!.ownerName, action!.dueOn, action!.status]).toEqual([
      id,
      "Per Persson",
      "2027-03-01",
      "planned",
    ]);
    const edit = actionHistory(db, id).find((e) => e.kind === "edited");
    expect([edit?.comment, edit?.oldDueOn, edit?.newDueOn]).toEqual(["ownerId,dueOn", "2027-02-01", "2027-03-01"]);
    expect(unreadCount(db, per.id)).toBe(1);
    // The same sheet again changes nothing.
    expect(saveRegister(db, owner, actionSheet, await readCells(file, "a.xlsx"), "sv").unchanged).toBe(1);
  });

  it("a closed action stays as it was closed, and an effect check before the due date is refused: nothing is saved", async () => {
    const { createAction, listActions, moveAction } = await import("#app/models/actions.server.ts");
    const { actionSheet } = await import("#app/models/action-sheet.server.ts");
    const closed = createAction(db, owner, { ...plan, ownerId: owner.id });
    moveAction(db, owner, closed, "complete");
    const auditor = await makeUser(db, { role: "quality_manager" });
    moveAction(db, auditor, closed, "verifyEffect", { result: "Inga fel på tre månader." });
    createAction(db, owner, { ...plan, title: "Märk hyllorna", ownerId: owner.id });
    const file = await edited(await writeRegister(actionSheet, listActions(db), "sv"), (sheet) => {
      for (const row of [2, 3]) sheet.getCell(row, column(sheet, "Varför")).value = "Ändrat skäl";
      const added = sheet.getRow(4);
      const values: Record<string, string> = {
        "Vad ska göras": "Ny åtgärd",
        Varför: "Skäl",
        Källa: "Risk",
        Ansvarig: "Kim Kvalitet",
        "Klart senast": "2027-05-01",
        "Hur effekten ska kontrolleras": "Uppföljning",
        "Mått eller stickprov": "Antal",
        "Kontrolleras senast": "2027-01-01",
      };
      for (const [header, value] of Object.entries(values)) added.getCell(column(sheet, header)).value = value;
    });
    const before = JSON.stringify(listActions(db));
    const cells = await readCells(file, "a.xlsx");
    expect(() => saveRegister(db, owner, actionSheet, cells, "sv")).toThrow(SheetImportError);
    try {
      saveRegister(db, owner, actionSheet, cells, "sv");
    } catch (error) {
      expect((error as SheetImportError).problems[0]!.message).toMatch(/avslutad|före klart-datumet/);
    }
    expect(JSON.stringify(listActions(db))).toBe(before);
  });
});

describe("competence", () => {
  it("requirements come back by their Lots id with roles as a list; a new record is added and a changed one refused", async () => {
    const { createCompetence, listCompetences, listCompetenceRecords, recordCompetence } =
      await import("#app/models/competence.server.ts");
    const { competenceRecordSheet, competenceSheet } = await import("#app/models/competence-sheet.server.ts");
    const nurse = await makeUser(db, { role: "staff", name: "Sara Sjuksköterska" });
    const hlr = createCompetence(db, owner, {
      name: "HLR",
      description: "Hjärt-lungräddning",
      roles: ["staff"],
      documentId: null,
      validMonths: 12,
    });
    const requirements = await edited(await writeRegister(competenceSheet, listCompetences(db), "sv"), (sheet) => {
      sheet.getCell(2, column(sheet, "Krävs av rollerna")).value = "Medarbetare, Processägare";
      sheet.getCell(2, column(sheet, "Giltig i månader")).value = 24;
      const row = sheet.getRow(3);
      row.getCell(column(sheet, "Kompetens")).value = "Läkemedelshantering";
      row.getCell(column(sheet, "Krävs av rollerna")).value = "Staff";
    });
    expect(saveRegister(db, owner, competenceSheet, await readCells(requirements, "k.xlsx"), "sv")).toEqual({
      created: 1,
      updated: 1,
      unchanged: 0,
    });
    expect(listCompetences(db).map((c) => [c.name, c.roles, c.validMonths])).toEqual([
      ["HLR", ["staff", "process_owner"], 24],
      ["Läkemedelshantering", ["staff"], null],
    ]);

    recordCompetence(db, owner, { competenceId: hlr, userId: nurse.id, kind: "training", on: "2026-10-01", note: "" });
    const records = await writeRegister(competenceRecordSheet, listCompetenceRecords(db), "en");
    const added = await edited(records, (sheet) => {
      const row = sheet.getRow(3);
      row.getCell(column(sheet, "Competence")).value = "hlr";
      row.getCell(column(sheet, "Person")).value = "Sara Sjuksköterska";
      row.getCell(column(sheet, "What")).value = "Verified by observation";
      row.getCell(column(sheet, "Date")).value = "2026-11-02";
      row.getCell(column(sheet, "Basis")).value = "Sedd av Kim vid övning.";
    });
    expect(saveRegister(db, owner, competenceRecordSheet, await readCells(added, "r.xlsx"), "en")).toEqual({
      created: 1,
      updated: 0,
      unchanged: 1,
    });
    const changed = await edited(records, (sheet) => {
      sheet.getCell(2, column(sheet, "Date")).value = "2026-09-01";
    });
    const changedCells = await readCells(changed, "r.xlsx");
    expect(() => saveRegister(db, owner, competenceRecordSheet, changedCells, "en")).toThrow(SheetImportError);
    expect(listCompetenceRecords(db).map((r) => [r.kind, r.on])).toEqual([
      ["observation", "2026-11-02"],
      ["training", "2026-10-01"],
    ]);
  });
});

describe("requirements coverage", () => {
  it("applicability comes back by its Lots id, a catalogue's title stays its own, and a new row adds a requirement", async () => {
    const { enableBuiltin, frameworkCoverage, listFrameworks } = await import("#app/models/requirements.server.ts");
    const { coverageRows, coverageSheet } = await import("#app/models/coverage-sheet.server.ts");
    const iso = enableBuiltin(db, owner, "iso9001", "ISO 9001:2015");
    const rows = coverageRows(db, owner, iso);
    const design = rows.findIndex((r) => r.code === "8.3");
    const file = await edited(await writeRegister(coverageSheet, rows, "sv"), (sheet) => {
      const at = design + 2;
      expect(sheet.getCell(at, column(sheet, "Täckning")).text).toBe("Lucka");
      sheet.getCell(at, column(sheet, "Tillämplig")).value = "Nej";
      sheet.getCell(at, column(sheet, "Motivering")).value = "Vi konstruerar inga produkter.";
      sheet.getCell(at, column(sheet, "Krav")).value = "Ett annat namn";
      const added = sheet.getRow(rows.length + 2);
      added.getCell(column(sheet, "Ramverk")).value = "ISO 9001:2015";
      added.getCell(column(sheet, "Kod")).value = "8.5.7";
      added.getCell(column(sheet, "Krav")).value = "Kundens egna krav på spårbarhet";
      added.getCell(column(sheet, "Överordnad kod")).value = "8.5";
    });
    const cells = await readCells(file, "t.xlsx");
    expect(previewRegister(db, coverageSheet, cells, "sv").problems).toEqual([]);
    expect(saveRegister(db, owner, coverageSheet, cells, "sv")).toMatchObject({
      created: 1,
      updated: 1,
    });
    const after = frameworkCoverage(db, owner, listFrameworks(db)[0]!.id).requirements;
    const designAfter = after.find((r) => r.code === "8.3")!;
    expect([designAfter.applicable, designAfter.justification, designAfter.title, designAfter.coverage]).toEqual([
      false,
      "Vi konstruerar inga produkter.",
      null,
      "not_applicable",
    ]);
    expect(after.find((r) => r.code === "8.5.7")?.title).toBe("Kundens egna krav på spårbarhet");
  });
});

describe("a risk register saved by LibreOffice Calc", () => {
  const fixture = (name: string) => readCells(new Uint8Array(readFileSync(`tests/fixtures/office/${name}`)), name);

  it("becomes new risks, its real date cells read as days and names matched whatever their case", async () => {
    const cells = await fixture("risker.xlsx");
    expect(saveRegister(db, owner, riskSheet, cells, "sv")).toEqual({ created: 3, updated: 0, unchanged: 0 });
    expect(
      listRisks(db)
        .filter((r) => r.title !== "Felkalibrerad våg")
        .map((r) => [r.title, r.kind, r.category, r.ownerName, r.nextReviewOn])
        .sort(),
    ).toEqual([
      ["Digital signering av läkemedelslistor", "opportunity", "quality", "Kim Kvalitet", "2027-06-15"],
      ["Fel läkemedel ges", "risk", "quality", "Kim Kvalitet", "2027-03-01"],
      ["Halka vid entrén", "risk", "work_environment", "Kim Kvalitet", "2027-01-31"],
    ]);
  });

  it("names its formula, its date in words, its merged cells and its unknown owner by row and column, and saves nothing", async () => {
    const cells = await fixture("risker-fel.xlsx");
    const preview = previewRegister(db, riskSheet, cells, "sv");
    expect(preview.problems.map((p) => [p.row, p.column, p.code])).toEqual([
      [2, "Inneboende risk: Sannolikhet", "formula"],
      [3, "Nästa översyn", "notADate"],
      [4, "Orsak", "merged"],
      [4, "Konsekvens", "merged"],
      [4, "Ägare", "unknownPerson"],
    ]);
    expect(() => saveRegister(db, owner, riskSheet, cells, "sv")).toThrow(SheetImportError);
    expect(listRisks(db)).toHaveLength(1);
  });

  it("names a heading merged over two columns and a column Lots does not know", async () => {
    const preview = previewRegister(db, riskSheet, await fixture("risker-rubriker.xlsx"), "sv");
    expect(preview.problems.map((p) => [p.row, p.column, p.code])).toEqual(
      expect.arrayContaining([
        [1, "Benämning", "merged"],
        [1, "Kommentar", "unknownColumn"],
        [1, "Kategori", "missingColumn"],
      ]),
    );
    expect(preview.rows).toEqual([]);
  });
});

describe("a key figure's measurements", () => {
  it("go out in the columns their import reads; brought back, a measured period is named, and a new one is added", async () => {
    const { addMeasurement, createKpi, getKpi, importMeasurements, previewImport, measurements } =
      await import("#app/models/kpis.server.ts");
    const { writeMeasurements } = await import("#app/models/kpi-sheet.server.ts");
    const { readSheet } = await import("#app/models/spreadsheet.server.ts");
    const id = createKpi(db, owner, {
      objectiveId: null,
      name: "Leveransprecision",
      unit: "%",
      direction: "higher",
      target: 95,
      warning: 90,
      frequency: "monthly",
      ownerId: owner.id,
      dataSource: "",
    });
    addMeasurement(db, owner, id, { period: "2026-10", value: 93.5 });
    const file = await edited(await writeMeasurements(db, getKpi(db, id)!, "sv", "xlsx"), (sheet) => {
      sheet.addRow(["2026-11", 96, "%"]);
    });
    const sheet = await readSheet(file, "matvarden.xlsx");
    expect(previewImport(db, id, sheet).problems.map((p) => [p.row, p.problem])).toEqual([[2, "alreadyMeasured"]]);
    const next = await edited(await writeMeasurements(db, getKpi(db, id)!, "sv", "xlsx"), (s) => {
      s.spliceRows(2, 1);
      s.addRow(["2026-11", 96, "%"]);
    });
    expect(importMeasurements(db, owner, id, await readSheet(next, "m.xlsx"))).toBe(1);
    expect(measurements(db, id)).toEqual([
      { period: "2026-10", value: 93.5 },
      { period: "2026-11", value: 96 },
    ]);
  });
});
