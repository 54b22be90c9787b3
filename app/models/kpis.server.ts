import { asc, desc, eq, inArray } from "drizzle-orm";
import { alias } from "drizzle-orm/sqlite-core";
import { type Db, writeTransaction } from "#db/client.ts";
import { newId } from "#db/ids.ts";
import { kpiMeasurements, kpis, objectives, users, type KpiDirection, type KpiFrequency } from "#db/schema/index.ts";
import { can, type Actor } from "#app/auth/permissions.server.ts";
import { DomainError } from "./errors.ts";
import { parseNumber, periodKey, statusOf, thresholdsConsistent, type KpiStatus } from "./kpi-rules.ts";
import { appendTrailEvent, trailFacts } from "./trail.server.ts";

/**
 * Objectives and their KPIs, and the measurements that show whether they are reached. A
 * measurement is entered once per period; an import is checked row by row and saved whole,
 * or not at all.
 */

export class KpiError extends DomainError<
  | "kpi.notFound"
  | "kpi.notAllowed"
  | "kpi.thresholds"
  | "kpi.ownerNotFound"
  | "kpi.duplicatePeriod"
  | "kpi.badPeriod"
  | "kpi.importHasErrors"
> {}

export type KpiInput = {
  objectiveId: string | null;
  name: string;
  unit: string;
  direction: KpiDirection;
  target: number;
  warning: number;
  frequency: KpiFrequency;
  ownerId: string;
  dataSource: string;
};

const owner = alias(users, "owner");

export type KpiSummary = typeof kpis.$inferSelect & {
  ownerName: string;
  latest: { period: string; value: number; status: KpiStatus } | null;
};

function assertOwner(db: Db, ownerId: string) {
  const person = db.select({ active: users.active }).from(users).where(eq(users.id, ownerId)).get();
  if (!person?.active) throw new KpiError("kpi.ownerNotFound");
}

export function createObjective(
  db: Db,
  actor: Actor,
  input: { title: string; description: string; ownerId: string; periodStart: string; periodEnd: string },
  now = new Date(),
): string {
  if (!can(actor, "create", { type: "kpis" })) throw new KpiError("kpi.notAllowed");
  return writeTransaction(db, (tx) => {
    assertOwner(tx, input.ownerId);
    const id = newId();
    tx.insert(objectives)
      .values({ id, ...input, createdBy: actor.id, createdAt: now })
      .run();
    appendTrailEvent(tx, {
      actorId: actor.id,
      type: "objective.created",
      subjectType: "objective",
      subjectId: id,
      at: now,
    });
    return id;
  });
}

export function listObjectives(db: Db) {
  return db
    .select({
      id: objectives.id,
      title: objectives.title,
      description: objectives.description,
      ownerName: owner.name,
      periodStart: objectives.periodStart,
      periodEnd: objectives.periodEnd,
    })
    .from(objectives)
    .innerJoin(owner, eq(owner.id, objectives.ownerId))
    .orderBy(asc(objectives.periodEnd))
    .all();
}

export function createKpi(db: Db, actor: Actor, input: KpiInput, now = new Date()): string {
  if (!can(actor, "create", { type: "kpis" })) throw new KpiError("kpi.notAllowed");
  if (!thresholdsConsistent(input)) throw new KpiError("kpi.thresholds");
  return writeTransaction(db, (tx) => {
    assertOwner(tx, input.ownerId);
    const id = newId();
    tx.insert(kpis)
      .values({ id, ...input, createdBy: actor.id, createdAt: now })
      .run();
    appendTrailEvent(tx, {
      actorId: actor.id,
      type: "kpi.created",
      subjectType: "kpi",
      subjectId: id,
      at: now,
      data: { target: input.target },
    });
    return id;
  });
}

/** A KPI's definition changes; its measurements stay, and the trail keeps what it was before. */
export function updateKpi(db: Db, actor: Actor, id: string, input: KpiInput, now = new Date()): void {
  if (!thresholdsConsistent(input)) throw new KpiError("kpi.thresholds");
  writeTransaction(db, (tx) => {
    const before = requireKpi(tx, id);
    if (!can(actor, "edit", kpiResource(before))) throw new KpiError("kpi.notAllowed");
    assertOwner(tx, input.ownerId);
    tx.update(kpis).set(input).where(eq(kpis.id, id)).run();
    const changed = Object.fromEntries(
      Object.entries(input).filter(([key, value]) => before[key as keyof KpiInput] !== value),
    );
    appendTrailEvent(tx, {
      actorId: actor.id,
      type: "kpi.updated",
      subjectType: "kpi",
      subjectId: id,
      at: now,
      data: {
        fields: Object.keys(changed),
        changed: trailFacts(changed),
        before: trailFacts(Object.fromEntries(Object.keys(changed).map((key) => [key, before[key as keyof KpiInput]]))),
      },
    });
  });
}

export function listKpis(db: Db): KpiSummary[] {
  return summarise(db, undefined);
}

/** One KPI with its latest status; links and chips ask for one at a time, so it reads one. */
export function getKpi(db: Db, id: string): KpiSummary | undefined {
  return summarise(db, id)[0];
}

function summarise(db: Db, id: string | undefined): KpiSummary[] {
  const rows = db
    .select({ kpi: kpis, ownerName: owner.name })
    .from(kpis)
    .innerJoin(owner, eq(owner.id, kpis.ownerId))
    .where(id === undefined ? undefined : eq(kpis.id, id))
    .orderBy(asc(kpis.name))
    .all();
  const latest = new Map<string, { period: string; value: number }>();
  for (const m of db
    .select({ kpiId: kpiMeasurements.kpiId, period: kpiMeasurements.period, value: kpiMeasurements.value })
    .from(kpiMeasurements)
    .where(inArray(kpiMeasurements.kpiId, rows.length ? rows.map((r) => r.kpi.id) : [""]))
    .orderBy(desc(kpiMeasurements.period))
    .all()) {
    if (!latest.has(m.kpiId)) latest.set(m.kpiId, { period: m.period, value: m.value });
  }
  return rows.map(({ kpi, ownerName }) => {
    const last = latest.get(kpi.id);
    return { ...kpi, ownerName, latest: last ? { ...last, status: statusOf(kpi, last.value) } : null };
  });
}

export function measurements(db: Db, kpiId: string) {
  return db
    .select({ period: kpiMeasurements.period, value: kpiMeasurements.value })
    .from(kpiMeasurements)
    .where(eq(kpiMeasurements.kpiId, kpiId))
    .orderBy(asc(kpiMeasurements.period))
    .all();
}

function requireKpi(db: Db, id: string) {
  const kpi = db.select().from(kpis).where(eq(kpis.id, id)).get();
  if (!kpi) throw new KpiError("kpi.notFound");
  return kpi;
}

export const kpiResource = (kpi: { ownerId: string }) => ({ type: "kpi", ownerId: kpi.ownerId }) as const;

function insertMeasurements(tx: Db, actor: Actor, kpiId: string, rows: { period: string; value: number }[], now: Date) {
  const taken = new Set(measurements(tx, kpiId).map((m) => m.period));
  for (const row of rows) {
    if (taken.has(row.period)) throw new KpiError("kpi.duplicatePeriod");
    taken.add(row.period);
    tx.insert(kpiMeasurements)
      .values({ kpiId, ...row, enteredBy: actor.id, enteredAt: now })
      .run();
  }
  appendTrailEvent(tx, {
    actorId: actor.id,
    type: "kpi.measured",
    subjectType: "kpi",
    subjectId: kpiId,
    at: now,
    data: { periods: rows.map((r) => r.period) },
  });
}

/** One measurement for one period; a period already measured is refused, not overwritten. */
export function addMeasurement(
  db: Db,
  actor: Actor,
  kpiId: string,
  input: { period: string; value: number },
  now = new Date(),
): void {
  writeTransaction(db, (tx) => {
    const kpi = requireKpi(tx, kpiId);
    if (!can(actor, "edit", kpiResource(kpi))) throw new KpiError("kpi.notAllowed");
    const period = periodKey(kpi.frequency, input.period);
    if (!period) throw new KpiError("kpi.badPeriod");
    insertMeasurements(tx, actor, kpiId, [{ period, value: input.value }], now);
  });
}

export type RowProblem = {
  row: number;
  field: "period" | "value" | "unit";
  problem: "badPeriod" | "badValue" | "unitMismatch" | "duplicatePeriod" | "alreadyMeasured";
  text: string;
};
export type ImportPreview = { rows: { row: number; period: string; value: number }[]; problems: RowProblem[] };

/** Checks every row before anything is saved, and names each problem by row and field. */
export function previewImport(db: Db, kpiId: string, sheet: string[][]): ImportPreview {
  const kpi = requireKpi(db, kpiId);
  const taken = new Set(measurements(db, kpiId).map((m) => m.period));
  const seen = new Set<string>();
  const preview: ImportPreview = { rows: [], problems: [] };
  // A header row (no number in the value column) is skipped.
  const body = sheet.length > 0 && parseNumber(sheet[0]![1] ?? "") === null ? sheet.slice(1) : sheet;
  const offset = body === sheet ? 1 : 2;
  body.forEach(([periodText = "", valueText = "", unitText = ""], i) => {
    const row = i + offset;
    const period = periodKey(kpi.frequency, periodText);
    const value = parseNumber(valueText);
    const before = preview.problems.length;
    if (!period) preview.problems.push({ row, field: "period", problem: "badPeriod", text: periodText });
    else if (seen.has(period))
      preview.problems.push({ row, field: "period", problem: "duplicatePeriod", text: periodText });
    else if (taken.has(period))
      preview.problems.push({ row, field: "period", problem: "alreadyMeasured", text: periodText });
    if (value === null) preview.problems.push({ row, field: "value", problem: "badValue", text: valueText });
    if (unitText.trim() && unitText.trim().toLowerCase() !== kpi.unit.toLowerCase()) {
      preview.problems.push({ row, field: "unit", problem: "unitMismatch", text: unitText });
    }
    if (period) seen.add(period);
    if (preview.problems.length === before) preview.rows.push({ row, period: period!, value: value! });
  });
  return preview;
}

/** Saves a previewed import: every row, or nothing when any row has a problem. */
export function importMeasurements(db: Db, actor: Actor, kpiId: string, sheet: string[][], now = new Date()): number {
  return writeTransaction(db, (tx) => {
    const kpi = requireKpi(tx, kpiId);
    if (!can(actor, "edit", kpiResource(kpi))) throw new KpiError("kpi.notAllowed");
    const preview = previewImport(tx, kpiId, sheet);
    if (preview.problems.length > 0 || preview.rows.length === 0) throw new KpiError("kpi.importHasErrors");
    insertMeasurements(tx, actor, kpiId, preview.rows, now);
    return preview.rows.length;
  });
}
