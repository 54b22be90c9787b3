import { and, desc, eq, gte, lte } from "drizzle-orm";
import type { JSONContent } from "@tiptap/core";
import { type Db, writeTransaction } from "#db/client.ts";
import { newId } from "#db/ids.ts";
import { nextNumber } from "#db/numbering.ts";
import { auditFindings, audits, managementReviews, samFollowUps, samResponses, users } from "#db/schema/index.ts";
import { can, type Actor } from "#app/auth/permissions.server.ts";
import { isDay } from "#app/utils/dates.ts";
import { isNonconformity } from "./audit-rules.ts";
import { overdue } from "./action-states.ts";
import { listActions } from "./actions.server.ts";
import { plainTextOf, renderStoredDocument, writeInitialContent } from "./document-content.server.ts";
import { createDocument } from "./documents.server.ts";
import { DomainError } from "./errors.ts";
import { listKpis, measurements } from "./kpis.server.ts";
import { missingInputs, reviewInputs, type Fact, type ReviewInput } from "./management-review-rules.ts";
import { dayOf } from "./releases.server.ts";
import { analyseReports } from "./report-analysis.server.ts";
import { levelOf } from "./risk-scoring.ts";
import { listRisks, riskScale } from "./risks.server.ts";
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

export type InputFacts = { hasData: boolean; facts: Fact[] };
export type Period = { from: string; to: string };

const LIST_LENGTH = 8;

/** What the system knows for each input over the period: the review's evidence. */
export function gatherInputs(
  db: Db,
  period: Period,
  startedAt: Date,
  now = new Date(),
): Record<ReviewInput, InputFacts> {
  const today = dayOf(now);
  const inPeriod = (day: string) => day >= period.from && day <= period.to;

  // Decisions of earlier reviews: actions from a management review made before this one began.
  const earlier = listActions(db, { source: "management_review" }, now).filter((a) => a.createdAt < startedAt);
  const open = earlier.filter((a) => a.status !== "effect_verified");
  const previousActions: InputFacts = {
    hasData: earlier.length > 0,
    facts:
      earlier.length === 0
        ? []
        : [
            {
              key: "previousActions",
              values: {
                total: earlier.length,
                closed: earlier.length - open.length,
                open: open.length,
                overdue: open.filter((a) => overdue(a, today)).length,
              },
            },
            ...open.slice(0, LIST_LENGTH).map((a) => ({
              key: "action",
              values: { number: a.number, title: a.title, due: a.dueOn },
              terms: { status: `actionStatuses.${a.status}` },
            })),
          ],
  };

  const kpis = listKpis(db).filter((k) => k.latest);
  const objectives: InputFacts = {
    hasData: kpis.length > 0,
    facts: kpis.map((k) => {
      const series = measurements(db, k.id);
      const previous = series.at(-2)?.value;
      const trend =
        previous === undefined
          ? "flat"
          : k.latest!.value > previous
            ? "up"
            : k.latest!.value < previous
              ? "down"
              : "flat";
      return {
        key: "kpi",
        values: { name: k.name, value: k.latest!.value, unit: k.unit, target: k.target, period: k.latest!.period },
        terms: { status: `kpis.status.${k.latest!.status}`, trend: `reviews.trend.${trend}` },
      };
    }),
  };

  const reports = analyseReports(db, period.from, period.to);
  const count = (kind: string) => reports.byKind.find((r) => r.name === kind)?.count ?? 0;
  const corrective = listActions(db, { source: "deviation" }, now).filter((a) => inPeriod(dayOf(a.createdAt)));
  const deviations: InputFacts = {
    // Nothing reported is also an answer the system gives: the register was open all period.
    hasData: true,
    facts: [
      { key: "reports", values: { total: reports.total, closed: reports.closed, authority: reports.authority.length } },
      ...reports.byKind.map((k) => ({
        key: "reportKind",
        values: { count: k.count },
        terms: { kind: `reportKinds.${k.name}` },
      })),
      {
        key: "corrective",
        values: { count: corrective.length, verified: corrective.filter((a) => a.status === "effect_verified").length },
      },
      ...reports.recurring.map((r) => ({ key: "recurring", values: { category: r.name, count: r.count } })),
    ],
  };
  const customerFeedback: InputFacts = {
    hasData: true,
    facts: [{ key: "feedback", values: { complaints: count("complaint"), feedback: count("feedback") } }],
  };
  const improvementActions = listActions(db, { source: "improvement", open: true }, now);
  const improvements: InputFacts = {
    hasData: true,
    facts: [{ key: "improvements", values: { proposals: count("improvement"), open: improvementActions.length } }],
  };

  const periodAudits = db
    .select({ id: audits.id, number: audits.number, title: audits.title })
    .from(audits)
    .where(and(gte(audits.plannedOn, period.from), lte(audits.plannedOn, period.to)))
    .all();
  const auditFacts = periodAudits.map((a) => {
    const findings = db.select().from(auditFindings).where(eq(auditFindings.auditId, a.id)).all();
    return {
      key: "audit",
      values: {
        number: a.number,
        title: a.title,
        findings: findings.length,
        nonconformities: findings.filter((f) => isNonconformity(f.kind)).length,
        open: findings.filter((f) => f.status !== "closed").length,
      },
    };
  });
  const auditInput: InputFacts = { hasData: periodAudits.length > 0, facts: auditFacts };

  const scale = riskScale(db);
  const risks = listRisks(db);
  const levels = { low: 0, medium: 0, high: 0, critical: 0 };
  for (const r of risks.filter((r) => r.kind === "risk")) levels[levelOf(scale, r.residual)] += 1;
  const high = risks.filter((r) => r.kind === "risk" && ["high", "critical"].includes(levelOf(scale, r.residual)));
  const riskInput: InputFacts = {
    hasData: risks.length > 0,
    facts:
      risks.length === 0
        ? []
        : [
            {
              key: "riskLevels",
              values: { ...levels, opportunities: risks.filter((r) => r.kind === "opportunity").length },
            },
            ...high
              .slice(0, LIST_LENGTH)
              .map((r) => ({ key: "highRisk", values: { number: r.number, title: r.title } })),
          ],
  };

  const followUp = db
    .select()
    .from(samFollowUps)
    .where(
      and(
        gte(samFollowUps.year, Number(period.from.slice(0, 4))),
        lte(samFollowUps.year, Number(period.to.slice(0, 4))),
      ),
    )
    .orderBy(desc(samFollowUps.startedAt))
    .all()
    .find((f) => f.completedAt);
  const sam: InputFacts = followUp
    ? {
        hasData: true,
        facts: [
          {
            key: "sam",
            values: {
              year: followUp.year,
              completed: dayOf(followUp.completedAt!),
              answered: db
                .select({ answeredAt: samResponses.answeredAt })
                .from(samResponses)
                .where(eq(samResponses.followUpId, followUp.id))
                .all()
                .filter((r) => r.answeredAt).length,
            },
          },
        ],
      }
    : { hasData: false, facts: [] };

  const nothing: InputFacts = { hasData: false, facts: [] };
  return {
    previousActions,
    context: nothing,
    customerFeedback,
    objectives,
    deviations,
    audits: auditInput,
    risks: riskInput,
    suppliers: nothing,
    resources: nothing,
    sam,
    improvements,
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

/** The record's words for its headings and evidence, in the language of the person starting it. */
export type RecordTexts = { headings: Record<ReviewInput, string>; fact: (fact: Fact) => string };

const heading = (text: string): JSONContent => ({
  type: "heading",
  attrs: { level: 2 },
  content: [{ type: "text", text }],
});
const bullets = (lines: string[]): JSONContent => ({
  type: "bulletList",
  content: lines.map((text) => ({
    type: "listItem",
    content: [{ type: "paragraph", content: [{ type: "text", text }] }],
  })),
});

/**
 * Starts a review: its record is a controlled document laid out with a heading per input and,
 * under each, the evidence the system holds for the period. What the system cannot know
 * (context, suppliers, resources) is left for leadership to write.
 */
export function startManagementReview(db: Db, actor: Actor, input: StartInput, texts: RecordTexts, now = new Date()) {
  if (!can(actor, "manage", { type: "managementReviews" }))
    throw new ManagementReviewError("managementReview.notAllowed");
  if (!isDay(input.heldOn) || !isDay(input.periodFrom) || !isDay(input.periodTo) || input.periodFrom > input.periodTo)
    throw new ManagementReviewError("managementReview.badPeriod");
  const inputs = gatherInputs(db, { from: input.periodFrom, to: input.periodTo }, now, now);
  return writeTransaction(db, (tx) => {
    const documentId = createDocument(
      tx,
      actor.id,
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
    writeInitialContent(
      tx,
      documentId,
      reviewInputs.flatMap((key) => {
        const lines = inputs[key].facts.map(texts.fact);
        return [heading(texts.headings[key]), lines.length > 0 ? bullets(lines) : { type: "paragraph" }];
      }),
    );
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
      data: { attendees: present, other: other.trim().slice(0, 2000) },
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
      data: { reason: reason.trim().slice(0, 2000) },
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
