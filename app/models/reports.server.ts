import { addDays } from "date-fns";
import { and, asc, desc, eq, isNotNull, lt, ne, or, type SQL } from "drizzle-orm";
import { alias } from "drizzle-orm/sqlite-core";
import { contains } from "#db/contains.ts";
import { type Db, writeTransaction } from "#db/client.ts";
import { newId } from "#db/ids.ts";
import { nextNumber } from "#db/numbering.ts";
import {
  processes,
  reports,
  reportTimeline,
  reportWhys,
  units,
  users,
  type AuthorityReport,
  type CauseCategory,
  type ReportKind,
  type ReportSeverity,
  type ReportStatus,
} from "#db/schema/index.ts";
import { can, type Actor } from "#app/auth/permissions.server.ts";
import { storeFiles, type CheckedFile } from "./attachments.server.ts";
import { DomainError } from "./errors.ts";
import { notify } from "./notifications.server.ts";
import { dayOf } from "./releases.server.ts";
import { nextStatus, type ReportMove } from "./report-rules.ts";
import { appendTrailEvent, trailFacts } from "./trail.server.ts";
import { toDateTimeInput } from "#app/utils/dates.ts";
import { assertUnitExists } from "./units.server.ts";

/** What staff report and how it is handled (see report-rules.ts for its life). */

export class ReportError extends DomainError<
  | "report.notFound"
  | "report.notAllowed"
  | "report.moveNotAllowed"
  | "report.needsLearning"
  | "report.responsibleNotFound"
  | "report.processNotFound"
  | "report.tooManyWhys"
  | "report.noAuthority"
> {}

/** How long a complainant's contact details are kept after the report is closed. */
const CONTACT_KEPT_DAYS = 90;
const MAX_WHYS = 7;

export type ReportInput = {
  kind: ReportKind;
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
      report: reports,
      reporterName: reporter.name,
      responsibleName: responsible.name,
      unitName: units.name,
      processTitle: processes.title,
    })
    .from(reports)
    .innerJoin(reporter, eq(reporter.id, reports.reporterId))
    .leftJoin(responsible, eq(responsible.id, reports.responsibleId))
    .leftJoin(units, eq(units.id, reports.unitId))
    .leftJoin(processes, eq(processes.id, reports.processId));
}

type Row = ReturnType<ReturnType<typeof selectReports>["all"]>[number];
const shape = ({ report, ...names }: Row) => ({ ...report, ...names });
export type ReportSummary = ReturnType<typeof shape>;

export const reportResource = (report: { reporterId: string; responsibleId: string | null }) =>
  ({ type: "report", reporterId: report.reporterId, responsibleId: report.responsibleId }) as const;

export function getReport(db: Db, id: string): ReportSummary | undefined {
  const row = selectReports(db).where(eq(reports.id, id)).get();
  return row ? shape(row) : undefined;
}

function requireReport(db: Db, id: string): ReportSummary {
  const report = getReport(db, id);
  if (!report) throw new ReportError("report.notFound");
  return report;
}

export type ReportFilter = { status?: ReportStatus; kind?: ReportKind; unitId?: string; open?: boolean };

export function listReports(db: Db, filter: ReportFilter = {}): ReportSummary[] {
  const conditions: SQL[] = [];
  if (filter.status) conditions.push(eq(reports.status, filter.status));
  if (filter.kind) conditions.push(eq(reports.kind, filter.kind));
  if (filter.unitId) conditions.push(eq(reports.unitId, filter.unitId));
  if (filter.open) conditions.push(ne(reports.status, "closed"));
  return selectReports(db)
    .where(and(...conditions))
    .orderBy(desc(reports.number))
    .all()
    .map(shape);
}

/** Reports a person is responsible for and that are still open, for Start. */
export function reportsToHandle(db: Db, userId: string): ReportSummary[] {
  return selectReports(db)
    .where(and(eq(reports.responsibleId, userId), ne(reports.status, "closed")))
    .orderBy(asc(reports.dueOn))
    .all()
    .map(shape);
}

/** What a person has reported, newest first, for them to follow. */
export function myReports(db: Db, userId: string): ReportSummary[] {
  return selectReports(db).where(eq(reports.reporterId, userId)).orderBy(desc(reports.number)).all().map(shape);
}

function assertPerson(db: Db, id: string) {
  const person = db.select({ active: users.active }).from(users).where(eq(users.id, id)).get();
  if (!person?.active) throw new ReportError("report.responsibleNotFound");
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
export function createReport(
  db: Db,
  actor: Actor,
  input: ReportInput,
  files: CheckedFile[],
  dataDir: string,
  now = new Date(),
): string {
  if (!can(actor, "create", { type: "reports" })) throw new ReportError("report.notAllowed");
  return writeTransaction(db, (tx) => {
    assertUnitExists(tx, input.unitId);
    if (
      input.processId &&
      !tx.select({ id: processes.id }).from(processes).where(eq(processes.id, input.processId)).get()
    ) {
      throw new ReportError("report.processNotFound");
    }
    const id = newId();
    tx.insert(reports)
      .values({
        id,
        number: nextNumber(tx, reports, reports.number),
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
  report: ReportSummary,
  to: ReportMove,
  now: Date,
  change: Partial<typeof reports.$inferInsert> = {},
) {
  if (!can(actor, "handle", reportResource(report))) throw new ReportError("report.notAllowed");
  const status = nextStatus(report.status, to);
  if (!status) throw new ReportError("report.moveNotAllowed");
  tx.update(reports)
    .set({ ...change, status, updatedAt: now })
    .where(eq(reports.id, report.id))
    .run();
  return status;
}

export type Triage = {
  category: string;
  severity: ReportSeverity;
  responsibleId: string;
  dueOn: string;
  authority: AuthorityReport | null;
};

/** Triage: who is responsible, how serious, by when; and whether an authority must be told. */
export function triageReport(db: Db, actor: Actor, id: string, triage: Triage, now = new Date()): void {
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
    if (!can(actor, "handle", reportResource(report))) throw new ReportError("report.notAllowed");
    tx.insert(reportTimeline)
      .values({ reportId: id, ...entry, authorId: actor.id, createdAt: now })
      .run();
    trail(tx, actor, id, "timeline", now, trailFacts(entry));
  });
}

/** The next "why?" answered; the answers stay in order, each with its author. */
export function addWhy(db: Db, actor: Actor, id: string, answer: string, now = new Date()): void {
  writeTransaction(db, (tx) => {
    const report = requireReport(tx, id);
    if (!can(actor, "handle", reportResource(report))) throw new ReportError("report.notAllowed");
    const count = whysOf(tx, id).length;
    if (count >= MAX_WHYS) throw new ReportError("report.tooManyWhys");
    tx.insert(reportWhys)
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
    if (!can(actor, "handle", reportResource(report))) throw new ReportError("report.notAllowed");
    if (!report.authority) throw new ReportError("report.noAuthority");
    const [receiptId] = storeFiles(tx, dataDir, { kind: "authority_receipt", id }, input.receipt, actor.id, now);
    tx.update(reports)
      .set({ authorityReportedOn: input.reportedOn, authorityReceiptId: receiptId ?? null, updatedAt: now })
      .where(eq(reports.id, id))
      .run();
    trail(tx, actor, id, "authorityReported", now, { authority: report.authority, reportedOn: input.reportedOn });
  });
}

/** Closed only with a lesson learned; the reporter is told. */
export function closeReport(
  db: Db,
  actor: Actor,
  id: string,
  input: { learning: string; causeCategory: CauseCategory | null },
  now = new Date(),
): void {
  if (!input.learning.trim()) throw new ReportError("report.needsLearning");
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

export function reopenReport(db: Db, actor: Actor, id: string, reason: string, now = new Date()): void {
  writeTransaction(db, (tx) => {
    move(tx, actor, requireReport(tx, id), "reopen", now, { closedAt: null });
    // Why it was reopened belongs to the investigation, under the report's own access rules.
    tx.insert(reportTimeline)
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
    .update(reports)
    .set({ contactName: null, contactDetails: null, contactKeepUntil: null })
    .where(and(isNotNull(reports.contactKeepUntil), lt(reports.contactKeepUntil, dayOf(now))))
    .run().changes;
}

const timelineAuthor = alias(users, "timeline_author");

export function timelineOf(db: Db, id: string) {
  return db
    .select({
      id: reportTimeline.id,
      happenedAt: reportTimeline.happenedAt,
      text: reportTimeline.text,
      nature: reportTimeline.nature,
      authorName: timelineAuthor.name,
      createdAt: reportTimeline.createdAt,
    })
    .from(reportTimeline)
    .innerJoin(timelineAuthor, eq(timelineAuthor.id, reportTimeline.authorId))
    .where(eq(reportTimeline.reportId, id))
    .orderBy(asc(reportTimeline.happenedAt), asc(reportTimeline.id))
    .all();
}

export function whysOf(db: Db, id: string) {
  return db
    .select({ position: reportWhys.position, answer: reportWhys.answer, authorName: timelineAuthor.name })
    .from(reportWhys)
    .innerJoin(timelineAuthor, eq(timelineAuthor.id, reportWhys.authorId))
    .where(eq(reportWhys.reportId, id))
    .orderBy(asc(reportWhys.position))
    .all();
}

/** "Has this happened before?": earlier reports that share a telling word of the title. */
export function similarReports(db: Db, report: ReportSummary, limit = 5): ReportSummary[] {
  const words = [...new Set(report.title.toLowerCase().split(/[^\p{L}\p{N}]+/u))]
    .filter((w) => w.length >= 5)
    .sort((a, b) => b.length - a.length)
    .slice(0, 3);
  if (words.length === 0) return [];
  return selectReports(db)
    .where(and(ne(reports.id, report.id), or(...words.map((w) => contains(reports.title, w)))))
    .orderBy(desc(reports.number))
    .limit(limit)
    .all()
    .map(shape);
}
