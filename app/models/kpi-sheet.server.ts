import { kpiDirections, kpiFrequencies, type Locale } from "#app/domain/values.ts";
import { translator } from "#app/i18n/translator.server.ts";
import type { Db } from "#db/client.ts";
import { createKpi, getKpi, measurements, updateKpi, type KpiInput, type KpiSummary } from "./kpis.server.ts";
import { readChoice, readNumber, readPerson, readText, type RegisterSheet } from "./register-sheets.server.ts";
import { writeSheet, type SheetFormat } from "./spreadsheet.server.ts";

/** The key figures as a sheet: what is measured, its target and warning line, and who owns it. */
export const kpiSheet: RegisterSheet<KpiSummary, KpiInput> = {
  key: "nyckeltal",
  title: (t) => t("sheets.registers.kpis"),
  idOf: (kpi) => kpi.id,
  find: (db, id) => getKpi(db, id),
  columns: [
    {
      key: "name",
      header: (t) => t("kpis.name"),
      value: (k) => k.name,
      read: readText(200),
      required: true,
      width: 36,
    },
    { key: "unit", header: (t) => t("kpis.unit"), value: (k) => k.unit, read: readText(20), width: 10 },
    {
      key: "direction",
      header: (t) => t("kpis.direction"),
      value: (k, t) => t(`kpis.directions.${k.direction}`),
      read: readChoice(kpiDirections, (t, v) => t(`kpis.directions.${v}`)),
      required: true,
    },
    { key: "target", header: (t) => t("kpis.target"), value: (k) => k.target, read: readNumber, required: true },
    { key: "warning", header: (t) => t("kpis.warning"), value: (k) => k.warning, read: readNumber, required: true },
    {
      key: "frequency",
      header: (t) => t("kpis.frequency"),
      value: (k, t) => t(`kpis.frequencies.${k.frequency}`),
      read: readChoice(kpiFrequencies, (t, v) => t(`kpis.frequencies.${v}`)),
      required: true,
    },
    { key: "owner", header: (t) => t("kpis.owner"), value: (k) => k.ownerName, read: readPerson, required: true },
    {
      key: "dataSource",
      header: (t) => t("kpis.dataSource"),
      value: (k) => k.dataSource,
      read: readText(500),
      width: 30,
    },
    {
      key: "latest",
      header: (t) => t("sheets.latest"),
      value: (k) => (k.latest ? `${k.latest.value} (${k.latest.period})` : ""),
    },
  ],
  toInput: (v, existing) => ({
    objectiveId: existing?.objectiveId ?? null,
    name: (v.name ?? existing?.name) as string,
    unit: (v.unit ?? existing?.unit ?? "") as string,
    direction: (v.direction ?? existing?.direction) as KpiInput["direction"],
    target: (v.target ?? existing?.target) as number,
    warning: (v.warning ?? existing?.warning) as number,
    frequency: (v.frequency ?? existing?.frequency) as KpiInput["frequency"],
    ownerId: (v.owner ?? existing?.ownerId) as string,
    dataSource: (v.dataSource ?? existing?.dataSource ?? "") as string,
  }),
  same: (k, i) =>
    k.name === i.name &&
    k.unit === i.unit &&
    k.direction === i.direction &&
    k.target === i.target &&
    k.warning === i.warning &&
    k.frequency === i.frequency &&
    k.ownerId === i.ownerId &&
    k.dataSource === i.dataSource,
  create: (db, actor, input) => createKpi(db, actor, input),
  update: (db, actor, id, input) => updateKpi(db, actor, id, input),
};

/**
 * A key figure's measurements in the columns its import reads (period, value, unit), so a
 * sheet taken out can be filled with the next periods and brought back. A period already
 * measured is never overwritten: brought back, it is named as measured.
 */
export function writeMeasurements(
  db: Db,
  kpi: Pick<KpiSummary, "id" | "name" | "unit">,
  locale: Locale,
  format: SheetFormat,
): Promise<Buffer> {
  const t = translator(locale);
  return writeSheet(
    kpi.name.slice(0, 31),
    [t("kpis.period"), t("kpis.value", { unit: kpi.unit }), t("kpis.unitHeader")],
    measurements(db, kpi.id).map((m) => [m.period, m.value, kpi.unit]),
    format,
    () => 16,
  );
}
