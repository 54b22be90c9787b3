import { Readable } from "node:stream";
import ExcelJS from "exceljs";
import { DomainError } from "./errors.ts";

/**
 * A cell a spreadsheet program would read as a formula (it begins with =, +, -, @, a tab or a
 * carriage return) is prefixed with an apostrophe, OWASP's rule against CSV injection: text a
 * person typed into Lots opens as text, never as a formula that runs or phones home. Numbers
 * stay numbers.
 */
export function formulaSafe(value: string | number): string | number {
  if (typeof value === "number") return value;
  return /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}

export type SheetFormat = "csv" | "xlsx";

export const sheetMime: Record<SheetFormat, string> = {
  xlsx: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
  csv: "text/csv; charset=utf-8",
};

/**
 * Rows as one sheet of an Excel file or a CSV (semicolons, as Swedish Excel reads them), every
 * cell through `formulaSafe`. Every export of Lots writes through here.
 */
export async function writeSheet(
  sheetName: string,
  headers: string[],
  rows: (string | number)[][],
  format: SheetFormat,
  widths: (column: number) => number = () => 18,
): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet(sheetName);
  sheet.addRow(headers.map(formulaSafe)).font = { bold: true };
  sheet.addRows(rows.map((row) => row.map(formulaSafe)));
  sheet.columns.forEach((column, i) => (column.width = widths(i)));
  if (format === "xlsx") return Buffer.from(await workbook.xlsx.writeBuffer());
  // A byte-order mark, so that Excel opens Swedish characters in a CSV correctly.
  return Buffer.concat([
    Buffer.from("\ufeff"),
    Buffer.from(await workbook.csv.writeBuffer({ formatterOptions: { delimiter: ";" } })),
  ]);
}

export class SheetError extends DomainError<"sheet.unreadable"> {}

/** The first sheet of an Excel file, or of a CSV (comma or semicolon, as Swedish Excel writes it). */
async function firstSheet(file: Uint8Array, name: string): Promise<ExcelJS.Worksheet> {
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
  return sheet;
}

/**
 * Reads the first sheet of a CSV (comma or semicolon, as Swedish Excel writes it) or an Excel
 * file as rows of text: KPI figures and requirement frameworks are both imported this way.
 */
export async function readSheet(file: Uint8Array, name: string): Promise<string[][]> {
  const sheet = await firstSheet(file, name);
  const rows: string[][] = [];
  sheet.eachRow({ includeEmpty: false }, (row) => {
    const values = (row.values as unknown[])
      .slice(1)
      .map((v) => (v instanceof Date ? v.toISOString().slice(0, 10) : String(v ?? "")));
    rows.push(values);
  });
  return rows;
}

/** One cell as an import sees it: its text, and whether Excel holds a formula or a date there. */
export type Cell = { text: string; formula: boolean; merged: boolean };

function cellText(value: ExcelJS.CellValue): string {
  if (value === null || value === undefined) return "";
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if (typeof value === "object") {
    if ("richText" in value) return value.richText.map((part) => part.text).join("");
    if ("text" in value && typeof value.text === "string") return value.text;
    if ("result" in value) return cellText(value.result as ExcelJS.CellValue);
    return "";
  }
  const text = String(value);
  // Undo formulaSafe: an apostrophe we put before =, +, - or @ is not the person's text.
  return /^'[=+\-@\t\r]/.test(text) ? text.slice(1) : text;
}

/**
 * The first sheet of an Excel file or a CSV as cells, each saying whether it holds a formula
 * or is part of merged cells, so an import can refuse them by row and column instead of
 * guessing at a value the person did not type.
 */
export async function readCells(file: Uint8Array, name: string): Promise<Cell[][]> {
  const sheet = await firstSheet(file, name);
  const rows: Cell[][] = [];
  const width = sheet.columnCount;
  sheet.eachRow({ includeEmpty: true }, (row, number) => {
    const cells: Cell[] = [];
    for (let column = 1; column <= width; column++) {
      const cell = row.getCell(column);
      cells.push({
        text: cellText(cell.value).trim(),
        formula: cell.type === ExcelJS.ValueType.Formula,
        merged: cell.isMerged,
      });
    }
    rows[number - 1] = cells;
  });
  return Array.from(rows, (row) => row ?? []);
}
