import type { ExportSheet } from "./register-sheets.server.ts";
import type { DeviationSummary } from "./deviations.server.ts";
import { formatDate } from "#app/utils/dates.ts";

/**
 * Deviations as a sheet, for trend work outside Lots: what happened, where, how serious, and
 * where it stands. Who reported it, their contact details and the free-text account stay in
 * Lots, under its access rules (a report may hold health data).
 */
export const deviationSheet: ExportSheet<DeviationSummary> = {
  title: (t) => t("sections.deviations.title"),
  idOf: (d) => d.id,
  columns: [
    { key: "number", header: () => "Nr", value: (d) => `A${d.number}`, width: 6 },
    { key: "kind", header: (t) => t("sheets.columns.kind"), value: (d, t) => t(`deviationKinds.${d.kind}`) },
    { key: "title", header: (t) => t("sheets.columns.title"), value: (d) => d.title, width: 40 },
    { key: "occurredAt", header: (t) => t("sheets.columns.occurredAt"), value: (d) => d.occurredAt.replace("T", " ") },
    { key: "unit", header: (t) => t("documents.unit"), value: (d) => d.unitName ?? "" },
    { key: "process", header: (t) => t("sheets.columns.process"), value: (d) => d.processTitle ?? "" },
    {
      key: "severity",
      header: (t) => t("sheets.columns.severity"),
      value: (d, t) => (d.severity ? t(`deviationSeverities.${d.severity}`) : ""),
    },
    { key: "status", header: (t) => t("sheets.columns.status"), value: (d, t) => t(`deviationStatuses.${d.status}`) },
    { key: "responsible", header: (t) => t("sheets.columns.responsible"), value: (d) => d.responsibleName ?? "" },
    { key: "reportedOn", header: (t) => t("sheets.columns.reportedOn"), value: (d) => formatDate(d.createdAt, "sv") },
    {
      key: "closedOn",
      header: (t) => t("sheets.columns.closedOn"),
      value: (d) => (d.closedAt ? formatDate(d.closedAt, "sv") : ""),
    },
  ],
};
