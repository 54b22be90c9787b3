import { Readable } from "node:stream";
import ExcelJS from "exceljs";
import { DomainError } from "./errors.ts";

export class SheetError extends DomainError<"sheet.unreadable"> {}

/**
 * Reads the first sheet of a CSV (comma or semicolon, as Swedish Excel writes it) or an Excel
 * file as rows of text: KPI figures and requirement frameworks are both imported this way.
 */
export async function readSheet(file: Uint8Array, name: string): Promise<string[][]> {
  const workbook = new ExcelJS.Workbook();
  try {
    if (/\.xlsx$/i.test(name)) {
      await workbook.xlsx.load(file as unknown as ArrayBuffer);
    } else {
      const text = new TextDecoder().decode(file).replace(/^\ufeff/, "");
      const delimiter = (text.split("\n")[0] ?? "").includes(";") ? ";" : ",";
      await workbook.csv.read(Readable.from([text]), { parserOptions: { delimiter } });
    }
  } catch {
    throw new SheetError("sheet.unreadable");
  }
  const sheet = workbook.worksheets[0];
  if (!sheet) throw new SheetError("sheet.unreadable");
  const rows: string[][] = [];
  sheet.eachRow({ includeEmpty: false }, (row) => {
    const values = (row.values as unknown[])
      .slice(1)
      .map((v) => (v instanceof Date ? v.toISOString().slice(0, 10) : String(v ?? "")));
    rows.push(values);
  });
  return rows;
}
