import { addDays, addYears, endOfMonth, format, parseISO } from "date-fns";
import { desc, eq } from "drizzle-orm";
import type { Db } from "#db/client.ts";
import { auditProgrammes, managementReviews, samFollowUps } from "#db/schema/index.ts";
import { annualReportDue } from "./annual-report-rules.ts";
import { annualReportsOwed, listAnnualReports } from "./annual-reports.server.ts";
import { auditsOf } from "./audits.server.ts";
import { listDocuments } from "./documents.server.ts";
import { remindLeadershipOnce } from "./notifications.server.ts";
import { currentRelease, dayOf } from "./releases.server.ts";
import { followUpTitle } from "./sam.server.ts";

/**
 * The annual cycle (årshjul): the recurring duties of the management system through a year,
 * each with its due date and where it stands, read from the registers that hold the work.
 */

export type DutyStatus = "done" | "due" | "overdue" | "upcoming";
export type Duty = {
  /** A catalogue key under `cycle.duties.`, and the values its text needs. */
  key: string;
  values: Record<string, string | number>;
  dueOn: string;
  status: DutyStatus;
  href: string;
  /** When it was done, where the register knows: a duty done late says so. */
  doneOn?: string;
};

/** How soon a duty counts as due: a month's notice. */
const NOTICE_DAYS = 30;

function statusOf(done: boolean, dueOn: string, now: Date): DutyStatus {
  if (done) return "done";
  if (dueOn < dayOf(now)) return "overdue";
  return dueOn <= dayOf(addDays(now, NOTICE_DAYS)) ? "due" : "upcoming";
}

/** A yearly duty falls a year after it was last done, within this year; otherwise by the year's end. */
function anniversaryIn(year: number, last: string | undefined): string {
  const next = last ? format(addYears(parseISO(last), 1), "yyyy-MM-dd") : null;
  return next && next.startsWith(`${year}-`) ? next : `${year}-12-31`;
}

export function annualCycle(db: Db, year: number, now = new Date()): Duty[] {
  const duties: Duty[] = [];
  const add = (key: string, dueOn: string, done: boolean, href: string, values: Duty["values"] = {}, doneOn?: string) =>
    duties.push({ key, values, dueOn, status: statusOf(done, dueOn, now), href, ...(doneOn ? { doneOn } : {}) });

  const programme = db.select().from(auditProgrammes).where(eq(auditProgrammes.year, year)).get();
  add(
    "auditProgramme",
    `${year}-01-31`,
    Boolean(programme),
    `/revision?ar=${year}`,
    { year },
    programme && dayOf(programme.createdAt),
  );
  for (const audit of programme ? auditsOf(db, programme.id, now) : []) {
    add(
      "audit",
      audit.plannedOn,
      audit.status === "reported" || audit.status === "closed",
      `/revision/granskningar/${audit.id}`,
      { number: audit.number, title: audit.title },
    );
  }

  const reviews = db.select().from(managementReviews).orderBy(desc(managementReviews.heldOn)).all();
  const held = reviews.find((r) => r.heldOn.startsWith(`${year}-`));
  const before = reviews.find((r) => r.heldOn < `${year}-01-01`);
  add(
    "managementReview",
    held?.heldOn ?? anniversaryIn(year, before?.heldOn),
    held ? currentRelease(db, held.documentId, now) !== undefined : false,
    held ? `/ledningens-genomgang/${held.id}` : "/ledningens-genomgang",
  );

  const annual = db
    .select()
    .from(samFollowUps)
    .where(eq(samFollowUps.reason, "annual"))
    .orderBy(desc(samFollowUps.startedAt))
    .all();
  const samThisYear = annual.find((f) => f.year === year);
  const samBefore = annual.find((f) => f.year < year);
  add(
    "samFollowUp",
    samThisYear?.dueOn ?? anniversaryIn(year, samBefore && dayOf(samBefore.startedAt)),
    Boolean(samThisYear?.completedAt),
    samThisYear ? `/avvikelser/sam/${samThisYear.id}` : "/avvikelser/sam",
    { title: samThisYear ? followUpTitle(samThisYear) : `SAM ${year}` },
  );

  const reports = listAnnualReports(db, now);
  const owed = annualReportsOwed(db);
  for (const [kind, covers] of [
    ["patient_safety", year - 1],
    ["quality", year - 1],
    ["sam_summary", year],
  ] as const) {
    if (!owed.includes(kind)) continue;
    const report = reports.find((r) => r.kind === kind && r.year === covers);
    add(
      `report_${kind}`,
      annualReportDue(kind, covers),
      report?.released ?? false,
      report ? `/dokument/${report.documentId}` : "/ledningens-genomgang/arsrapporter",
      { year: covers },
    );
  }

  // Document reviews, a duty per month in which documents come due.
  const byMonth = new Map<string, { count: number; late: boolean }>();
  for (const d of listDocuments(db)) {
    if (d.status !== "draft" || !d.nextReviewOn?.startsWith(`${year}-`)) continue;
    const month = d.nextReviewOn.slice(0, 7);
    const entry = byMonth.get(month) ?? { count: 0, late: false };
    entry.count += 1;
    entry.late ||= d.nextReviewOn < dayOf(now);
    byMonth.set(month, entry);
  }
  for (const [month, { count, late }] of byMonth) {
    const dueOn = format(endOfMonth(parseISO(`${month}-01`)), "yyyy-MM-dd");
    // A month passes as done once none of its documents is still waiting for review.
    duties.push({
      key: "documentReviews",
      values: { count },
      dueOn,
      status: late ? "overdue" : dueOn < dayOf(now) ? "done" : statusOf(false, dueOn, now),
      href: "/dokument",
    });
  }
  return duties.sort((a, b) => a.dueOn.localeCompare(b.dueOn));
}

/**
 * Reminders, run with the other housekeeping: the quality manager and the admin hear once of
 * each duty of the year that comes due within a month or is late and not done. SAM follow-up
 * reminders go out on their own.
 */
export function sendCycleReminders(db: Db, now = new Date()): number {
  const year = now.getFullYear();
  const pending = annualCycle(db, year, now).filter(
    (d) => (d.status === "due" || d.status === "overdue") && d.key !== "samFollowUp" && d.key !== "documentReviews",
  );
  return pending.reduce(
    (sent, duty) =>
      sent +
      remindLeadershipOnce(
        db,
        {
          kind: "cycleDue",
          link: `/ledningens-genomgang/arshjul?ar=${year}#${duty.key}-${duty.dueOn}`,
          text: duty.dueOn,
        },
        now,
      ),
    0,
  );
}
