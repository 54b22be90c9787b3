import { desc, eq } from "drizzle-orm";
import type { JSONContent } from "@tiptap/core";
import { type Db, writeTransaction } from "#db/client.ts";
import { newId } from "#db/ids.ts";
import { nextNumber } from "#db/numbering.ts";
import { managementReviews, users } from "#db/schema/index.ts";
import { can, type Actor } from "#app/auth/permissions.server.ts";
import { isDay } from "#app/utils/dates.ts";
import { plainTextOf, renderStoredDocument } from "./document-content.server.ts";
import { createDocument } from "./documents.server.ts";
import { DomainError } from "./errors.ts";
import { writeEvidenceRecord, type RecordTexts } from "./evidence-record.server.ts";
import { missingInputs, reviewInputs, type ReviewInput } from "./management-review-rules.ts";
import {
  actionEvidence,
  auditEvidence,
  feedbackEvidence,
  improvementEvidence,
  kpiEvidence,
  reportEvidence,
  riskEvidence,
  samEvidence,
  type Evidence,
  type Period,
} from "./period-evidence.server.ts";
import { deviationTrends } from "./deviation-trends.server.ts";
import { appendTrailEvent } from "./trail.server.ts";

/**
 * Management review (ISO 9.3): every required input gathered from the system's live data for
 * the period, written into a record that leadership completes, approves and releases.
 */

export class ManagementReviewError extends DomainError<
  | "managementReview.notAllowed"
  | "managementReview.notFound"
  | "managementReview.badPeriod"
  | "managementReview.inputsMissing"
  | "managementReview.reasonRequired"
> {}

/** What the system knows for each input over the period: the review's evidence. */
export function gatherInputs(db: Db, period: Period, startedAt: Date, now = new Date()): Record<ReviewInput, Evidence> {
  const nothing: Evidence = { hasData: false, facts: [] };
  const trends = deviationTrends(db, period.from, period.to);
  return {
    // Decisions of earlier reviews: actions from a management review made before this one began.
    previousActions: actionEvidence(db, { source: "management_review", before: startedAt }, now),
    context: nothing,
    customerFeedback: feedbackEvidence(trends),
    objectives: kpiEvidence(db, period),
    deviations: reportEvidence(db, trends, period, now),
    audits: auditEvidence(db, period),
    risks: riskEvidence(db),
    suppliers: nothing,
    resources: nothing,
    sam: samEvidence(db, period),
    improvements: improvementEvidence(db, trends, now),
  };
}

export type StartInput = {
  title: string;
  heldOn: string;
  periodFrom: string;
  periodTo: string;
  attendees: string[];
  otherAttendees: string;
};

/**
 * Starts a review: its record is a controlled document laid out with a heading per input and,
 * under each, the evidence the system holds for the period. What the system cannot know
 * (context, suppliers, resources) is left for leadership to write.
 */
export function startManagementReview(
  db: Db,
  actor: Actor,
  input: StartInput,
  texts: RecordTexts<ReviewInput>,
  now = new Date(),
) {
  if (!can(actor, "manage", { type: "managementReviews" }))
    throw new ManagementReviewError("managementReview.notAllowed");
  if (!isDay(input.heldOn) || !isDay(input.periodFrom) || !isDay(input.periodTo) || input.periodFrom > input.periodTo)
    throw new ManagementReviewError("managementReview.badPeriod");
  const inputs = gatherInputs(db, { from: input.periodFrom, to: input.periodTo }, now, now);
  return writeTransaction(db, (tx) => {
    const documentId = createDocument(
      tx,
      actor,
      {
        title: input.title,
        type: "management_review",
        ownerId: actor.id,
        unitId: null,
        areas: ["quality", "work_environment"],
        tags: [],
      },
      now,
    );
    writeEvidenceRecord(tx, documentId, reviewInputs, inputs, texts);
    const known = new Set(
      tx
        .select({ id: users.id })
        .from(users)
        .all()
        .map((u) => u.id),
    );
    const id = newId();
    tx.insert(managementReviews)
      .values({
        id,
        number: nextNumber(tx, managementReviews, managementReviews.number),
        title: input.title,
        heldOn: input.heldOn,
        periodFrom: input.periodFrom,
        periodTo: input.periodTo,
        documentId,
        headings: texts.headings,
        attendees: [...new Set(input.attendees)].filter((a) => known.has(a)),
        otherAttendees: input.otherAttendees.trim().slice(0, 2000),
        createdBy: actor.id,
        createdAt: now,
      })
      .run();
    appendTrailEvent(tx, {
      actorId: actor.id,
      type: "managementReview.started",
      subjectType: "management_review",
      subjectId: id,
      at: now,
      data: { documentId, heldOn: input.heldOn, period: [input.periodFrom, input.periodTo] },
    });
    return id;
  });
}

export type ManagementReview = typeof managementReviews.$inferSelect;

export function listManagementReviews(db: Db): ManagementReview[] {
  return db.select().from(managementReviews).orderBy(desc(managementReviews.heldOn)).all();
}

export function getManagementReview(db: Db, id: string): ManagementReview | undefined {
  return db.select().from(managementReviews).where(eq(managementReviews.id, id)).get();
}

/** What has been written under each input's heading in a record. */
export function writtenSections(
  doc: JSONContent,
  headings: Record<string, string>,
): Partial<Record<ReviewInput, string>> {
  const byHeading = new Map(Object.entries(headings).map(([key, text]) => [text.trim(), key as ReviewInput]));
  const out: Partial<Record<ReviewInput, string>> = {};
  let current: ReviewInput | null = null;
  for (const node of doc.content ?? []) {
    const text = plainTextOf(node);
    if (node.type === "heading") {
      current = byHeading.get(text.trim()) ?? current;
      if (byHeading.has(text.trim())) continue;
    }
    if (current) out[current] = `${out[current] ?? ""}${text}`;
  }
  return out;
}

/** The review's evidence, and the inputs its record still lacks (in the live draft, or in a candidate). */
export function reviewCompleteness(db: Db, review: ManagementReview, doc?: JSONContent, now = new Date()) {
  const inputs = gatherInputs(db, { from: review.periodFrom, to: review.periodTo }, review.createdAt, now);
  const written = writtenSections(doc ?? renderStoredDocument(db, review.documentId).json, review.headings);
  const hasData = Object.fromEntries(reviewInputs.map((k) => [k, inputs[k].hasData])) as Record<ReviewInput, boolean>;
  return { inputs, missing: missingInputs(hasData, written) };
}

function requireReview(db: Db, id: string) {
  const review = getManagementReview(db, id);
  if (!review) throw new ManagementReviewError("managementReview.notFound");
  return review;
}

/** Attendance, as recorded before the record is approved. */
export function recordAttendance(
  db: Db,
  actor: Actor,
  id: string,
  attendees: string[],
  other: string,
  now = new Date(),
) {
  if (!can(actor, "manage", { type: "managementReviews" }))
    throw new ManagementReviewError("managementReview.notAllowed");
  writeTransaction(db, (tx) => {
    requireReview(tx, id);
    const known = new Set(
      tx
        .select({ id: users.id })
        .from(users)
        .all()
        .map((u) => u.id),
    );
    const present = [...new Set(attendees)].filter((a) => known.has(a));
    tx.update(managementReviews)
      .set({ attendees: present, otherAttendees: other.trim().slice(0, 2000) })
      .where(eq(managementReviews.id, id))
      .run();
    appendTrailEvent(tx, {
      actorId: actor.id,
      type: "managementReview.attendance",
      subjectType: "management_review",
      subjectId: id,
      at: now,
      data: { attendees: present },
    });
  });
}

/** Why leadership approves the record with inputs still missing: written down, and on the trail. */
export function recordMissingReason(db: Db, actor: Actor, id: string, reason: string, now = new Date()) {
  if (!can(actor, "manage", { type: "managementReviews" }))
    throw new ManagementReviewError("managementReview.notAllowed");
  if (!reason.trim()) throw new ManagementReviewError("managementReview.reasonRequired");
  writeTransaction(db, (tx) => {
    requireReview(tx, id);
    tx.update(managementReviews)
      .set({ missingReason: reason.trim().slice(0, 2000) })
      .where(eq(managementReviews.id, id))
      .run();
    appendTrailEvent(tx, {
      actorId: actor.id,
      type: "managementReview.missingReason",
      subjectType: "management_review",
      subjectId: id,
      at: now,
    });
  });
}

/**
 * Called as a management review's record is approved: the candidate must cover every input,
 * or carry a recorded reason why it does not.
 */
export function assertRecordApprovable(db: Db, documentId: string, candidate: JSONContent, now = new Date()): void {
  const review = db.select().from(managementReviews).where(eq(managementReviews.documentId, documentId)).get();
  if (!review) return;
  const { missing } = reviewCompleteness(db, review, candidate, now);
  if (missing.length > 0 && !review.missingReason) throw new ManagementReviewError("managementReview.inputsMissing");
}
