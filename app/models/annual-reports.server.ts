import { and, desc, eq } from "drizzle-orm";
import { type Db, writeTransaction } from "#db/client.ts";
import { newId } from "#db/ids.ts";
import { annualReportKinds, annualReports, frameworks, type AnnualReportKind } from "#db/schema/index.ts";
import { can, type Actor } from "#app/auth/permissions.server.ts";
import {
  annualReportApplies,
  annualReportDue,
  annualReportSections,
  type AnnualReportSection,
} from "./annual-report-rules.ts";
import { createDocument } from "./documents.server.ts";
import { DomainError } from "./errors.ts";
import { writeEvidenceRecord, type RecordTexts } from "./evidence-record.server.ts";
import {
  actionEvidence,
  feedbackEvidence,
  kpiEvidence,
  reportEvidence,
  riskEvidence,
  samEvidence,
  selfMonitoringEvidence,
  type Evidence,
} from "./period-evidence.server.ts";
import { currentRelease } from "./releases.server.ts";
import { deviationTrends } from "./deviation-trends.server.ts";
import { appendTrailEvent } from "./trail.server.ts";

/**
 * The annual reports: each a controlled document pre-filled with the year's deviations, risks,
 * self-monitoring, actions and results, completed by people, then approved and released.
 */

/** The reports this organisation owes, by the frameworks it answers to. */
export function annualReportsOwed(db: Db): AnnualReportKind[] {
  const keys = db
    .select({ key: frameworks.key })
    .from(frameworks)
    .all()
    .map((f) => f.key);
  return annualReportKinds.filter((kind) => annualReportApplies(kind, keys));
}
export class AnnualReportError extends DomainError<
  "annualReport.notAllowed" | "annualReport.exists" | "annualReport.badYear" | "annualReport.notOwed"
> {}

/** The evidence under each section of a year's report of a kind; sections only people can write are left empty. */
export function annualEvidence(
  db: Db,
  kind: AnnualReportKind,
  year: number,
  now = new Date(),
): Record<AnnualReportSection, Evidence> {
  const period = { from: `${year}-01-01`, to: `${year}-12-31` };
  const yearActions = (source?: "sam_follow_up") =>
    actionEvidence(db, { source, from: period.from, before: new Date(year + 1, 0, 1) }, now);
  const trends = deviationTrends(db, period.from, period.to);
  const samSummary = kind === "sam_summary";
  // Only the sections this kind of report has are gathered.
  const gather: Partial<Record<AnnualReportSection, () => Evidence>> = {
    riskAnalysis: () => riskEvidence(db),
    risks: () => riskEvidence(db, samSummary ? "work_environment" : undefined),
    selfMonitoring: () => selfMonitoringEvidence(db, period, now),
    incidents: () => reportEvidence(db, trends, period, now, samSummary ? ["near_miss", "accident"] : undefined),
    deviations: () => reportEvidence(db, trends, period, now),
    complaints: () => feedbackEvidence(trends),
    results: () => kpiEvidence(db, period),
    objectives: () => kpiEvidence(db, period),
    actions: () => yearActions(samSummary ? "sam_follow_up" : undefined),
    followUp: () => samEvidence(db, period),
  };
  return Object.fromEntries(
    annualReportSections[kind].map((s) => [s, gather[s]?.() ?? { hasData: false, facts: [] }]),
  ) as Record<AnnualReportSection, Evidence>;
}

export function createAnnualReport(
  db: Db,
  actor: Actor,
  kind: AnnualReportKind,
  year: number,
  texts: RecordTexts<AnnualReportSection> & { title: string },
  now = new Date(),
): string {
  if (!can(actor, "manage", { type: "managementReviews" })) throw new AnnualReportError("annualReport.notAllowed");
  if (!Number.isInteger(year) || year < 2000 || year > now.getFullYear())
    throw new AnnualReportError("annualReport.badYear");
  if (!annualReportsOwed(db).includes(kind)) throw new AnnualReportError("annualReport.notOwed");
  const evidence = annualEvidence(db, kind, year, now);
  return writeTransaction(db, (tx) => {
    const exists = tx
      .select({ id: annualReports.id })
      .from(annualReports)
      .where(and(eq(annualReports.kind, kind), eq(annualReports.year, year)))
      .get();
    if (exists) throw new AnnualReportError("annualReport.exists");
    const documentId = createDocument(
      tx,
      actor,
      {
        title: texts.title,
        type: "annual_report",
        ownerId: actor.id,
        unitId: null,
        areas: kind === "sam_summary" ? ["work_environment"] : ["quality"],
        tags: [],
      },
      now,
    );
    writeEvidenceRecord(tx, documentId, annualReportSections[kind], evidence, texts);
    tx.insert(annualReports).values({ id: newId(), kind, year, documentId, createdBy: actor.id, createdAt: now }).run();
    appendTrailEvent(tx, {
      actorId: actor.id,
      type: "annualReport.created",
      subjectType: "document",
      subjectId: documentId,
      at: now,
      data: { kind, year },
    });
    return documentId;
  });
}

/** Every annual report, with its due date and whether it has been released. */
export function listAnnualReports(db: Db, now = new Date()) {
  return db
    .select()
    .from(annualReports)
    .orderBy(desc(annualReports.year))
    .all()
    .map((r) => ({
      ...r,
      dueOn: annualReportDue(r.kind, r.year),
      released: currentRelease(db, r.documentId, now) !== undefined,
    }));
}
