import { addDays } from "date-fns";
import { and, asc, desc, eq, isNotNull, lt, ne, or, type SQL } from "drizzle-orm";
import { alias } from "drizzle-orm/sqlite-core";
import { contains } from "#db/contains.ts";
import { type Db, writeTransaction } from "#db/client.ts";
import { newId } from "#db/ids.ts";
import { nextNumber } from "#db/numbering.ts";
import {
  processes,
  deviations,
  deviationTimeline,
  deviationWhys,
  units,
  users,
  type AuthorityReport,
  type CauseCategory,
  type DeviationKind,
  type DeviationSeverity,
  type DeviationStatus,
} from "#db/schema/index.ts";
import { can, type Actor } from "#app/auth/permissions.server.ts";
import { storeFiles, type CheckedFile } from "./attachments.server.ts";
import { DomainError } from "./errors.ts";
import { notify } from "./notifications.server.ts";
import { dayOf } from "./releases.server.ts";
import { nextStatus, type DeviationMove } from "./deviation-rules.ts";
import { appendTrailEvent, trailFacts } from "./trail.server.ts";
import { toDateTimeInput } from "#app/utils/dates.ts";
import { assertUnitExists } from "./units.server.ts";

/** What staff report and how it is handled (see deviation-rules.ts for its life). */

export class DeviationError extends DomainError<
  | "deviation.notFound"
  | "deviation.notAllowed"
  | "deviation.moveNotAllowed"
  | "deviation.needsLearning"
  | "deviation.responsibleNotFound"
  | "deviation.processNotFound"
  | "deviation.tooManyWhys"
  | "deviation.noAuthority"
> {}

/** How long a complainant's contact details are kept after the report is closed. */
const CONTACT_KEPT_DAYS = 90;
const MAX_WHYS = 7;

export type DeviationInput = {
  kind: DeviationKind;
  title: string;
  description: string;
  unitId: string | null;
  processId: string | null;
  occurredAt: string;
  immediateAction: string;
  contactName: string | null;
  contactDetails: string | null;
};

const reporter = alias(users, "reporter");
const responsible = alias(users, "responsible");

function selectReports(db: Db) {
  return db
    .select({
      report: deviations,
      reporterName: reporter.name,
      responsibleName: responsible.name,
      unitName: units.name,
      processTitle: processes.title,
    })
    .from(deviations)
    .innerJoin(reporter, eq(reporter.id, deviations.reporterId))
    .leftJoin(responsible, eq(responsible.id, deviations.responsibleId))
    .leftJoin(units, eq(units.id, deviations.unitId))
    .leftJoin(processes, eq(processes.id, deviations.processId));
}

type Row = ReturnType<ReturnType<typeof selectReports>["all"]>[number];
const shape = ({ report, ...names }: Row) => ({ ...report, ...names });
export type DeviationSummary = ReturnType<typeof shape>;

export const deviationResource = (report: { reporterId: string; responsibleId: string | null }) =>
  ({ type: "deviation", reporterId: report.reporterId, responsibleId: report.responsibleId }) as const;

export function getDeviation(db: Db, id: string): DeviationSummary | undefined {
  const row = selectReports(db).where(eq(deviations.id, id)).get();
  return row ? shape(row) : undefined;
}

function requireReport(db: Db, id: string): DeviationSummary {
  const report = getDeviation(db, id);
  if (!report) throw new DeviationError("deviation.notFound");
  return report;
}

export type DeviationFilter = { status?: DeviationStatus; kind?: DeviationKind; unitId?: string; open?: boolean };

export function listDeviations(db: Db, filter: DeviationFilter = {}): DeviationSummary[] {
  const conditions: SQL[] = [];
  if (filter.status) conditions.push(eq(deviations.status, filter.status));
  if (filter.kind) conditions.push(eq(deviations.kind, filter.kind));
  if (filter.unitId) conditions.push(eq(deviations.unitId, filter.unitId));
  if (filter.open) conditions.push(ne(deviations.status, "closed"));
  return selectReports(db)
    .where(and(...conditions))
    .orderBy(desc(deviations.number))
    .all()
    .map(shape);
}

/** Reports a person is responsible for and that are still open, for Start. */
export function deviationsToHandle(db: Db, userId: string): DeviationSummary[] {
  return selectReports(db)
    .where(and(eq(deviations.responsibleId, userId), ne(deviations.status, "closed")))
    .orderBy(asc(deviations.dueOn))
    .all()
    .map(shape);
}

/** What a person has reported, newest first, for them to follow. */
export function myDeviations(db: Db, userId: string): DeviationSummary[] {
  return selectReports(db).where(eq(deviations.reporterId, userId)).orderBy(desc(deviations.number)).all().map(shape);
}

function assertPerson(db: Db, id: string) {
  const person = db.select({ active: users.active }).from(users).where(eq(users.id, id)).get();
  if (!person?.active) throw new DeviationError("deviation.responsibleNotFound");
}

function trail(tx: Db, actor: Actor, id: string, type: string, now: Date, data: Record<string, unknown> = {}) {
  appendTrailEvent(tx, {
    actorId: actor.id,
    type: `report.${type}`,
    subjectType: "report",
    subjectId: id,
    at: now,
    data,
  });
}

/** A new report and its files, together or not at all. */
export function reportDeviation(
  db: Db,
  actor: Actor,
  input: DeviationInput,
  files: CheckedFile[],
  dataDir: string,
  now = new Date(),
): string {
  if (!can(actor, "create", { type: "deviations" })) throw new DeviationError("deviation.notAllowed");
  return writeTransaction(db, (tx) => {
    assertUnitExists(tx, input.unitId);
    if (
      input.processId &&
      !tx.select({ id: processes.id }).from(processes).where(eq(processes.id, input.processId)).get()
    ) {
      throw new DeviationError("deviation.processNotFound");
    }
    const id = newId();
    tx.insert(deviations)
      .values({
        id,
        number: nextNumber(tx, deviations, deviations.number),
        ...input,
        reporterId: actor.id,
        status: "reported",
        createdAt: now,
        updatedAt: now,
      })
      .run();
    storeFiles(tx, dataDir, { kind: "report", id }, files, actor.id, now);
    trail(tx, actor, id, "created", now, { kind: input.kind, files: files.length });
    return id;
  });
}

function move(
  tx: Db,
  actor: Actor,
  report: DeviationSummary,
  to: DeviationMove,
  now: Date,
  change: Partial<typeof deviations.$inferInsert> = {},
) {
  if (!can(actor, "handle", deviationResource(report))) throw new DeviationError("deviation.notAllowed");
  const status = nextStatus(report.status, to);
  if (!status) throw new DeviationError("deviation.moveNotAllowed");
  tx.update(deviations)
    .set({ ...change, status, updatedAt: now })
    .where(eq(deviations.id, report.id))
    .run();
  return status;
}

export type Triage = {
  category: string;
  severity: DeviationSeverity;
  responsibleId: string;
  dueOn: string;
  authority: AuthorityReport | null;
};

/** Triage: who is responsible, how serious, by when; and whether an authority must be told. */
export function triageDeviation(db: Db, actor: Actor, id: string, triage: Triage, now = new Date()): void {
  writeTransaction(db, (tx) => {
    const report = requireReport(tx, id);
    assertPerson(tx, triage.responsibleId);
    move(tx, actor, report, "triage", now, triage);
    trail(tx, actor, id, "triaged", now, trailFacts(triage));
    notify(
      tx,
      {
        kind: "reportAssigned",
        actorId: actor.id,
        recipients: [triage.responsibleId],
        link: `/avvikelser/${id}`,
        text: `${report.number}. ${report.title}`,
      },
      now,
    );
  });
}

export function startInvestigation(db: Db, actor: Actor, id: string, now = new Date()): void {
  writeTransaction(db, (tx) => {
    move(tx, actor, requireReport(tx, id), "investigate", now);
    trail(tx, actor, id, "investigating", now);
  });
}

export function addTimelineEntry(
  db: Db,
  actor: Actor,
  id: string,
  entry: { happenedAt: string; text: string; nature: "fact" | "assessment" },
  now = new Date(),
): void {
  writeTransaction(db, (tx) => {
    const report = requireReport(tx, id);
    if (!can(actor, "handle", deviationResource(report))) throw new DeviationError("deviation.notAllowed");
    tx.insert(deviationTimeline)
      .values({ reportId: id, ...entry, authorId: actor.id, createdAt: now })
      .run();
    trail(tx, actor, id, "timeline", now, trailFacts(entry));
  });
}

/** The next "why?" answered; the answers stay in order, each with its author. */
export function addWhy(db: Db, actor: Actor, id: string, answer: string, now = new Date()): void {
  writeTransaction(db, (tx) => {
    const report = requireReport(tx, id);
    if (!can(actor, "handle", deviationResource(report))) throw new DeviationError("deviation.notAllowed");
    const count = whysOf(tx, id).length;
    if (count >= MAX_WHYS) throw new DeviationError("deviation.tooManyWhys");
    tx.insert(deviationWhys)
      .values({ reportId: id, position: count + 1, answer, authorId: actor.id, createdAt: now })
      .run();
    trail(tx, actor, id, "why", now, { position: count + 1 });
  });
}

/** The authority has been told: the date, and the receipt they sent back. */
export function recordAuthorityReport(
  db: Db,
  actor: Actor,
  id: string,
  input: { reportedOn: string; receipt: CheckedFile[] },
  dataDir: string,
  now = new Date(),
): void {
  writeTransaction(db, (tx) => {
    const report = requireReport(tx, id);
    if (!can(actor, "handle", deviationResource(report))) throw new DeviationError("deviation.notAllowed");
    if (!report.authority) throw new DeviationError("deviation.noAuthority");
    const [receiptId] = storeFiles(tx, dataDir, { kind: "authority_receipt", id }, input.receipt, actor.id, now);
    tx.update(deviations)
      .set({ authorityReportedOn: input.reportedOn, authorityReceiptId: receiptId ?? null, updatedAt: now })
      .where(eq(deviations.id, id))
      .run();
    trail(tx, actor, id, "authorityReported", now, { authority: report.authority, reportedOn: input.reportedOn });
  });
}

/** Closed only with a lesson learned; the reporter is told. */
export function closeDeviation(
  db: Db,
  actor: Actor,
  id: string,
  input: { learning: string; causeCategory: CauseCategory | null },
  now = new Date(),
): void {
  if (!input.learning.trim()) throw new DeviationError("deviation.needsLearning");
  writeTransaction(db, (tx) => {
    const report = requireReport(tx, id);
    const keepUntil = report.contactName || report.contactDetails ? dayOf(addDays(now, CONTACT_KEPT_DAYS)) : null;
    move(tx, actor, report, "close", now, { ...input, closedAt: now, contactKeepUntil: keepUntil });
    trail(tx, actor, id, "closed", now, trailFacts(input));
    notify(
      tx,
      {
        kind: "reportClosed",
        actorId: actor.id,
        recipients: [report.reporterId],
        link: `/avvikelser/${id}`,
        text: report.title,
      },
      now,
    );
  });
}

export function reopenDeviation(db: Db, actor: Actor, id: string, reason: string, now = new Date()): void {
  writeTransaction(db, (tx) => {
    move(tx, actor, requireReport(tx, id), "reopen", now, { closedAt: null });
    // Why it was reopened belongs to the investigation, under the report's own access rules.
    tx.insert(deviationTimeline)
      .values({
        reportId: id,
        happenedAt: toDateTimeInput(now),
        text: reason,
        nature: "assessment",
        authorId: actor.id,
        createdAt: now,
      })
      .run();
    trail(tx, actor, id, "reopened", now);
  });
}

/** A complainant's contact details go once they are no longer needed. */
export function purgeExpiredContacts(db: Db, now = new Date()): number {
  return db
    .update(deviations)
    .set({ contactName: null, contactDetails: null, contactKeepUntil: null })
    .where(and(isNotNull(deviations.contactKeepUntil), lt(deviations.contactKeepUntil, dayOf(now))))
    .run().changes;
}

const timelineAuthor = alias(users, "timeline_author");

export function timelineOf(db: Db, id: string) {
  return db
    .select({
      id: deviationTimeline.id,
      happenedAt: deviationTimeline.happenedAt,
      text: deviationTimeline.text,
      nature: deviationTimeline.nature,
      authorName: timelineAuthor.name,
      createdAt: deviationTimeline.createdAt,
    })
    .from(deviationTimeline)
    .innerJoin(timelineAuthor, eq(timelineAuthor.id, deviationTimeline.authorId))
    .where(eq(deviationTimeline.reportId, id))
    .orderBy(asc(deviationTimeline.happenedAt), asc(deviationTimeline.id))
    .all();
}

export function whysOf(db: Db, id: string) {
  return db
    .select({ position: deviationWhys.position, answer: deviationWhys.answer, authorName: timelineAuthor.name })
    .from(deviationWhys)
    .innerJoin(timelineAuthor, eq(timelineAuthor.id, deviationWhys.authorId))
    .where(eq(deviationWhys.reportId, id))
    .orderBy(asc(deviationWhys.position))
    .all();
}

/** "Has this happened before?": earlier deviations that share a telling word of the title. */
export function similarDeviations(db: Db, report: DeviationSummary, limit = 5): DeviationSummary[] {
  const words = [...new Set(report.title.toLowerCase().split(/[^\p{L}\p{N}]+/u))]
    .filter((w) => w.length >= 5)
    .sort((a, b) => b.length - a.length)
    .slice(0, 3);
  if (words.length === 0) return [];
  return selectReports(db)
    .where(and(ne(deviations.id, report.id), or(...words.map((w) => contains(deviations.title, w)))))
    .orderBy(desc(deviations.number))
    .limit(limit)
    .all()
    .map(shape);
}
