import type { ActionSummary } from "./actions.server.ts";
import { writeSheet, type SheetFormat } from "./spreadsheet.server.ts";

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

export function exportActions(actions: ActionSummary[], labels: ExportLabels, format: SheetFormat): Promise<Buffer> {
  return writeSheet(labels.sheet, labels.headers, rows(actions, labels), format, (i) =>
    i === 0 ? 6 : i === 1 || i === 2 || i === 8 ? 40 : 18,
  );
}
