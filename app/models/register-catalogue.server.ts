import { z } from "zod";
import { can, type Actor } from "#app/auth/permissions.server.ts";
import { deviationKinds, deviationStatuses, riskCategories, type Locale } from "#app/domain/values.ts";
import type { Db } from "#db/client.ts";
import { actionFilterOf, actionListQuery } from "./action-filter.ts";
import { actionSheet } from "./action-sheet.server.ts";
import { listActions } from "./actions.server.ts";
import { competenceRecordSheet, competenceSheet } from "./competence-sheet.server.ts";
import { listCompetenceRecords, listCompetences } from "./competence.server.ts";
import { currentContext, legalRegister } from "./context.server.ts";
import { coverageRows, coverageSheet } from "./coverage-sheet.server.ts";
import { deviationSheet } from "./deviation-sheet.server.ts";
import { contextSheet, legalSheet } from "./legal-sheet.server.ts";
import { listDeviations } from "./deviations.server.ts";
import { kpiSheet } from "./kpi-sheet.server.ts";
import { listKpis } from "./kpis.server.ts";
import { translator } from "#app/i18n/translator.server.ts";
import { dayOf } from "./releases.server.ts";
import { writeRegister, type ExportSheet, type RegisterSheet, type T } from "./register-sheets.server.ts";
import { sheetMime, type SheetFormat } from "./spreadsheet.server.ts";
import { riskSheet } from "./risk-sheet.server.ts";
import { listRisks } from "./risks.server.ts";

/**
 * The registers that go to and from Excel, each with the list its page shows (by the same
 * filters in the address) and who may take it out or bring rows in.
 */
type Entry = {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- each entry pairs a sheet with its own item type
  sheet: ExportSheet<any>;
  /** The same sheet read back in, where the register takes rows from Excel. */
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- as above
  importer?: RegisterSheet<any, any>;
  title: (t: T) => string;
  list: (db: Db, query: URLSearchParams, actor: Actor) => unknown[];
  canExport: (actor: Actor) => boolean;
  canImport: (actor: Actor) => boolean;
  back: string;
};

const filterOf = <S extends z.ZodType>(schema: S, query: URLSearchParams): z.output<S> =>
  schema.parse(Object.fromEntries([...query].filter(([, v]) => v !== "")));

const riskFilter = z.object({
  kategori: z.enum(riskCategories).optional().catch(undefined),
  enhet: z.string().max(40).optional().catch(undefined),
});

const deviationFilter = z.object({
  status: z.enum(deviationStatuses).optional().catch(undefined),
  typ: z.enum(deviationKinds).optional().catch(undefined),
  visa: z.enum(["oppna", "alla"]).catch("oppna"),
});

export const registerSheets: Record<string, Entry> = {
  risker: {
    sheet: riskSheet,
    importer: riskSheet,
    title: (t) => t("sections.risks.title"),
    list: (db, query) => {
      const filter = filterOf(riskFilter, query);
      return listRisks(db, { category: filter.kategori, unitId: filter.enhet });
    },
    canExport: (actor) => can(actor, "view", { type: "risks" }),
    canImport: (actor) => can(actor, "create", { type: "risks" }),
    back: "/risker",
  },
  nyckeltal: {
    sheet: kpiSheet,
    importer: kpiSheet,
    title: (t) => t("sheets.registers.kpis"),
    list: (db) => listKpis(db),
    canExport: (actor) => can(actor, "view", { type: "kpis" }),
    canImport: (actor) => can(actor, "create", { type: "kpis" }),
    back: "/mal",
  },
  lagregister: {
    sheet: legalSheet,
    importer: legalSheet,
    title: (t) => t("sheets.registers.legal"),
    list: (db) => legalRegister(db),
    canExport: (actor) => can(actor, "view", { type: "requirements" }),
    canImport: (actor) => can(actor, "manage", { type: "requirements" }),
    back: "/krav/lagar",
  },
  sammanhang: {
    sheet: contextSheet,
    importer: contextSheet,
    title: (t) => t("sheets.registers.context"),
    list: (db) => currentContext(db),
    canExport: (actor) => can(actor, "view", { type: "requirements" }),
    canImport: (actor) => can(actor, "manage", { type: "requirements" }),
    back: "/krav/sammanhang",
  },
  atgarder: {
    sheet: actionSheet,
    importer: actionSheet,
    title: (t) => t("sections.actions.title"),
    list: (db, query, actor) =>
      listActions(db, actionFilterOf(actionListQuery.parse(Object.fromEntries(query)), actor.id)),
    canExport: (actor) => can(actor, "view", { type: "actions" }),
    canImport: (actor) => can(actor, "create", { type: "actions" }),
    back: "/atgarder",
  },
  kompetenskrav: {
    sheet: competenceSheet,
    importer: competenceSheet,
    title: (t) => t("sheets.registers.competences"),
    list: (db) => listCompetences(db),
    canExport: (actor) => can(actor, "view", { type: "delegations" }),
    canImport: (actor) => can(actor, "manage", { type: "delegations" }),
    back: "/krav/kompetens",
  },
  kompetens: {
    sheet: competenceRecordSheet,
    importer: competenceRecordSheet,
    title: (t) => t("sheets.registers.competenceRecords"),
    list: (db) => listCompetenceRecords(db),
    canExport: (actor) => can(actor, "view", { type: "delegations" }),
    canImport: (actor) => can(actor, "manage", { type: "delegations" }),
    back: "/krav/kompetens",
  },
  kravtackning: {
    sheet: coverageSheet,
    importer: coverageSheet,
    title: (t) => t("sheets.registers.coverage"),
    list: (db, query, actor) => coverageRows(db, actor, query.get("ramverk") || undefined),
    canExport: (actor) => can(actor, "view", { type: "requirements" }),
    canImport: (actor) => can(actor, "manage", { type: "requirements" }),
    back: "/krav",
  },
  avvikelser: {
    sheet: deviationSheet,
    title: (t) => t("sections.deviations.title"),
    list: (db, query) => {
      const filter = filterOf(deviationFilter, query);
      return listDeviations(db, { status: filter.status, kind: filter.typ, open: filter.visa === "oppna" });
    },
    // The whole list is for those who follow deviations up; staff see their own on the page.
    canExport: (actor) => can(actor, "read", { type: "deviations" }),
    canImport: () => false,
    back: "/avvikelser",
  },
};

/**
 * A register as the person may take it out, as its list shows it (the list's filters from the
 * address), named after the register and the day; undefined when it is not theirs to take.
 */
export async function registerFile(
  db: Db,
  actor: Actor & { locale: Locale },
  register: string,
  query: URLSearchParams,
  format: SheetFormat = "xlsx",
): Promise<{ bytes: Buffer; name: string; mime: string } | undefined> {
  const entry = Object.hasOwn(registerSheets, register) ? registerSheets[register] : undefined;
  if (!entry || !entry.canExport(actor)) return undefined;
  const bytes = await writeRegister(entry.sheet, entry.list(db, query, actor), actor.locale, format);
  return {
    bytes,
    name: `${entry.title(translator(actor.locale))}-${dayOf(new Date())}.${format}`,
    mime: sheetMime[format],
  };
}
