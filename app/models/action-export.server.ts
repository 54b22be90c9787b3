import ExcelJS from "exceljs";
import type { ActionSummary } from "./actions.server.ts";

/**
 * The action plan as a spreadsheet, for meetings and for authorities that ask for one: the
 * same columns in CSV and Excel, headed in the reader's language.
 */
export type ExportLabels = {
  headers: string[];
  status: (status: ActionSummary["status"]) => string;
  source: (source: ActionSummary["source"]) => string;
  sheet: string;
};

function rows(actions: ActionSummary[], labels: ExportLabels): (string | number)[][] {
  return actions.map((a) => [
    a.number,
    a.title,
    a.reason,
    labels.source(a.source),
    a.ownerName,
    a.unitName ?? "",
    a.dueOn,
    labels.status(a.status),
    a.effectPlan,
    a.effectMeasure,
    a.effectCheckOn,
    a.effectResult ?? "",
  ]);
}

export async function exportActions(
  actions: ActionSummary[],
  labels: ExportLabels,
  format: "csv" | "xlsx",
): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet(labels.sheet);
  sheet.addRow(labels.headers).font = { bold: true };
  sheet.addRows(rows(actions, labels));
  sheet.columns.forEach((column, i) => (column.width = i === 0 ? 6 : i === 1 || i === 2 || i === 8 ? 40 : 18));
  if (format === "xlsx") return Buffer.from(await workbook.xlsx.writeBuffer());
  // A byte-order mark, so that Excel opens Swedish characters in a CSV correctly.
  return Buffer.concat([
    Buffer.from("\ufeff"),
    Buffer.from(await workbook.csv.writeBuffer({ formatterOptions: { delimiter: ";" } })),
  ]);
}
