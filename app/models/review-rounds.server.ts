import type { AuthenticationResponseJSON } from "@simplewebauthn/server";
import type { JSONContent } from "@tiptap/core";
import { and, desc, eq, inArray } from "drizzle-orm";
import { alias } from "drizzle-orm/sqlite-core";
import { type Db, writeTransaction } from "#db/client.ts";
import { newId } from "#db/ids.ts";
import {
  documents,
  reviewers,
  reviews,
  users,
  type ReaderGroupKind,
  type ReviewerVerdict,
  type ReviewStatus,
} from "#db/schema/index.ts";
import { can, type Actor } from "#app/auth/permissions.server.ts";
import { checkPasskey, type RelyingParty } from "#app/auth/passkeys.server.ts";
import { confirmPassword } from "#app/auth/sign-in.server.ts";
import { endParticipationAtRelease } from "./participants.server.ts";
import { contentText, freezeDocument } from "./document-content.server.ts";
import { assertRecordApprovable } from "./management-reviews.server.ts";
import { requireDocument, documentResource } from "./documents.server.ts";
import { DomainError } from "./errors.ts";
import { notify } from "./notifications.server.ts";
import { createRelease, versionOf, type ReleaseSummary } from "./releases.server.ts";
import { appendTrailEvent } from "./trail.server.ts";
import type { VersionStep } from "./versions.ts";

/**
 * The lifecycle of every controlled artefact (docs/ARCHITECTURE.md, wall 6): the living draft goes
 * on being edited; a review round freezes one candidate of it; the approver's signature
 * applies to that candidate and nothing else, and turns it into a release.
 */

export class ReviewRoundError extends DomainError<
  | "reviewRound.notFound"
  | "reviewRound.notOpen"
  | "reviewRound.outdatedCandidate"
  | "reviewRound.notApprover"
  | "reviewRound.approverNotAllowed"
  | "reviewRound.notReviewer"
  | "reviewRound.wrongPassword"
  | "reviewRound.throttled"
  | "reviewRound.notAllowed"
  | "reviewRound.documentArchived"
  | "reviewRound.emptyDocument"
  | "reviewRound.passkeyRefused"
  | "reviewRound.providerRefused"
> {}

const documentLink = (documentId: string) => `/dokument/${documentId}#granskning`;

type ReviewRow = typeof reviews.$inferSelect;

export type ReviewerState = {
  userId: string;
  name: string;
  verdict: ReviewerVerdict;
  comment: string | null;
  at: Date | null;
};

export type ReviewRound = Omit<ReviewRow, "candidateState" | "candidateJson" | "candidateHtml"> & {
  requesterName: string;
  approverName: string;
  reviewers: ReviewerState[];
};

function loadReview(db: Db, id: string): ReviewRow {
  const review = db.select().from(reviews).where(eq(reviews.id, id)).get();
  if (!review) throw new ReviewRoundError("reviewRound.notFound");
  return review;
}

function reviewerIds(db: Db, reviewId: string): string[] {
  return db
    .select({ userId: reviewers.userId })
    .from(reviewers)
    .where(eq(reviewers.reviewId, reviewId))
    .all()
    .map((r) => r.userId);
}

const approver = alias(users, "approver");

/**
 * The review rounds of a document, newest first, with what each reviewer said; optionally
 * only those with one status. Candidates' HTML stays behind: see `candidateHtml`.
 */
export function listReviewRounds(db: Db, documentId: string, filter: { status?: ReviewStatus } = {}): ReviewRound[] {
  const rows = db
    .select({
      id: reviews.id,
      documentId: reviews.documentId,
      status: reviews.status,
      requestedBy: reviews.requestedBy,
      requestedAt: reviews.requestedAt,
      approverId: reviews.approverId,
      message: reviews.message,
      candidateHash: reviews.candidateHash,
      decidedBy: reviews.decidedBy,
      decidedAt: reviews.decidedAt,
      decisionComment: reviews.decisionComment,
      requesterName: users.name,
      approverName: approver.name,
    })
    .from(reviews)
    .innerJoin(users, eq(users.id, reviews.requestedBy))
    .innerJoin(approver, eq(approver.id, reviews.approverId))
    .where(and(eq(reviews.documentId, documentId), filter.status ? eq(reviews.status, filter.status) : undefined))
    .orderBy(desc(reviews.requestedAt))
    .all();
  const verdicts = db
    .select({
      reviewId: reviewers.reviewId,
      userId: reviewers.userId,
      name: users.name,
      verdict: reviewers.verdict,
      comment: reviewers.comment,
      at: reviewers.at,
    })
    .from(reviewers)
    .innerJoin(users, eq(users.id, reviewers.userId))
    .where(
      inArray(
        reviewers.reviewId,
        rows.map((r) => r.id),
      ),
    )
    .all();
  return rows.map((r) => ({
    ...r,
    reviewers: verdicts.filter((v) => v.reviewId === r.id).map(({ reviewId: _round, ...v }) => v),
  }));
}

/** What the reviewers and the approver read: the candidate as frozen, as HTML and as content. */
export function candidateOf(db: Db, reviewId: string): { html: string; json: string } {
  const row = db
    .select({ html: reviews.candidateHtml, json: reviews.candidateJson })
    .from(reviews)
    .where(eq(reviews.id, reviewId))
    .get();
  if (!row) throw new ReviewRoundError("reviewRound.notFound");
  return row;
}

export const reviewRoundResource = (review: { approverId: string }, reviewerIds: readonly string[]) =>
  ({ type: "reviewRound", approverId: review.approverId, reviewerIds }) as const;

export type ReviewRequest = { approverId: string; reviewerIds: string[]; message: string };

/**
 * Freezes the draft as it is stored now as the candidate, and names who reviews and who
 * approves. An open round of the same document is replaced: its candidate can no longer be
 * approved.
 */
export function requestReview(
  db: Db,
  actor: Actor,
  documentId: string,
  input: ReviewRequest,
  now = new Date(),
): string {
  return writeTransaction(db, (tx) => {
    const document = requireDocument(tx, documentId);
    const resource = documentResource(document);
    if (document.status === "archived") throw new ReviewRoundError("reviewRound.documentArchived");
    if (!can(actor, "requestReview", resource)) throw new ReviewRoundError("reviewRound.notAllowed");
    const approver = tx.select().from(users).where(eq(users.id, input.approverId)).get();
    if (!approver?.active || !can(approver, "approve", { type: "releases" })) {
      throw new ReviewRoundError("reviewRound.approverNotAllowed");
    }
    const reviewerIds = [...new Set(input.reviewerIds)].filter((id) => id !== input.approverId);
    const known = tx
      .select({ id: users.id, role: users.role })
      .from(users)
      .where(and(inArray(users.id, reviewerIds.length ? reviewerIds : [""]), eq(users.active, true)))
      .all();
    // Reviewers must be able to open the draft: staff and guests read releases only.
    const readers = known.filter((u) => can(u, "view", { type: "documents" })).map((u) => u.id);
    const candidate = freezeDocument(tx, documentId);
    if (candidate.text.trim() === "") throw new ReviewRoundError("reviewRound.emptyDocument");

    for (const open of tx
      .select({ id: reviews.id })
      .from(reviews)
      .where(and(eq(reviews.documentId, documentId), eq(reviews.status, "open")))
      .all()) {
      tx.update(reviews).set({ status: "replaced", decidedAt: now }).where(eq(reviews.id, open.id)).run();
      appendTrailEvent(tx, {
        actorId: actor.id,
        type: "review.replaced",
        subjectType: "review",
        subjectId: open.id,
        at: now,
      });
    }
    const id = newId();
    tx.insert(reviews)
      .values({
        id,
        documentId,
        requestedBy: actor.id,
        requestedAt: now,
        approverId: approver.id,
        message: input.message,
        candidateState: Buffer.from(candidate.state),
        candidateJson: candidate.jsonText,
        candidateHtml: candidate.html,
        candidateHash: candidate.hash,
      })
      .run();
    for (const userId of readers) tx.insert(reviewers).values({ reviewId: id, userId }).run();
    appendTrailEvent(tx, {
      actorId: actor.id,
      type: "review.requested",
      subjectType: "review",
      subjectId: id,
      at: now,
      data: { documentId, approverId: approver.id, reviewerIds: readers, candidateHash: candidate.hash },
    });
    notify(
      tx,
      {
        kind: "review",
        actorId: actor.id,
        recipients: [...readers, approver.id],
        link: documentLink(documentId),
        text: document.title,
      },
      now,
    );
    return id;
  });
}

/** A reviewer accepts the candidate, or comments on it (the comment is kept with the round). */
export function giveOpinion(
  db: Db,
  actor: Actor,
  reviewId: string,
  input: { verdict: Exclude<ReviewerVerdict, "pending">; comment: string },
  now = new Date(),
): void {
  writeTransaction(db, (tx) => {
    const review = loadReview(tx, reviewId);
    const ids = reviewerIds(tx, reviewId);
    if (!can(actor, "giveOpinion", reviewRoundResource(review, ids)))
      throw new ReviewRoundError("reviewRound.notReviewer");
    if (review.status !== "open") throw new ReviewRoundError("reviewRound.notOpen");
    tx.update(reviewers)
      .set({ verdict: input.verdict, comment: input.comment || null, at: now })
      .where(and(eq(reviewers.reviewId, reviewId), eq(reviewers.userId, actor.id)))
      .run();
    appendTrailEvent(tx, {
      actorId: actor.id,
      type: input.verdict === "accepted" ? "review.accepted" : "review.commented",
      subjectType: "review",
      subjectId: reviewId,
      at: now,
      data: { candidateHash: review.candidateHash },
    });
    notify(
      tx,
      {
        // A reviewer's opinion, as the requester and the approver read it: not a request to review.
        kind: "opinion",
        actorId: actor.id,
        recipients: [review.requestedBy, review.approverId],
        link: documentLink(review.documentId),
        text: requireDocument(tx, review.documentId).title,
      },
      now,
    );
  });
}

/** The rules an approver's decision must pass, whatever it is. */
function assertDecidable(review: ReviewRow, actor: Actor, candidateHash: string): void {
  if (!can(actor, "approve", reviewRoundResource(review, []))) throw new ReviewRoundError("reviewRound.notApprover");
  if (review.status !== "open") throw new ReviewRoundError("reviewRound.notOpen");
  // The form carries the hash of the candidate the approver was shown: a newer one is not what they read.
  if (review.candidateHash !== candidateHash) throw new ReviewRoundError("reviewRound.outdatedCandidate");
}

/** The hash of the candidate this approver may sign now, for a passkey to sign it. */
export function candidateToSign(db: Db, actor: Actor, reviewId: string): string {
  const review = loadReview(db, reviewId);
  assertDecidable(review, actor, review.candidateHash);
  return review.candidateHash;
}

export function rejectReview(
  db: Db,
  actor: Actor,
  reviewId: string,
  input: { candidateHash: string; comment: string },
  now = new Date(),
): void {
  writeTransaction(db, (tx) => {
    const review = loadReview(tx, reviewId);
    assertDecidable(review, actor, input.candidateHash);
    tx.update(reviews)
      .set({ status: "rejected", decidedBy: actor.id, decidedAt: now, decisionComment: input.comment })
      .where(eq(reviews.id, reviewId))
      .run();
    appendTrailEvent(tx, {
      actorId: actor.id,
      type: "review.rejected",
      subjectType: "review",
      subjectId: reviewId,
      at: now,
      data: { documentId: review.documentId, candidateHash: review.candidateHash },
    });
    notify(
      tx,
      {
        kind: "rejected",
        actorId: actor.id,
        recipients: [review.requestedBy, ...reviewerIds(tx, reviewId)],
        link: documentLink(review.documentId),
        text: requireDocument(tx, review.documentId).title,
      },
      now,
    );
  });
}

/**
 * How the approver signs: their password again; a passkey whose signature covers the
 * candidate's hash; or, for someone who signs in through the organisation's provider, a fresh
 * sign-in there that single-sign-on.server.ts has just checked to be this person's.
 */
export type ApprovalSignature =
  | {
      password: string;
      /** The signer's address, for the sign-in throttle's per-address count. */
      ip?: string;
    }
  | { passkey: AuthenticationResponseJSON; relyingParty: RelyingParty }
  | { confirmedAtProvider: true };

export type Approval = ApprovalSignature & {
  candidateHash: string;
  step: VersionStep;
  effectiveOn: string;
  summary: string;
  readers: { kind: ReaderGroupKind; value: string }[];
};

export const signatureKind = (signature: ApprovalSignature) =>
  "password" in signature ? "password" : "passkey" in signature ? "passkey" : "provider";

/** The signature checked; a refusal is thrown with the reason the approver sees. */
async function checkSignature(
  db: Db,
  signer: typeof users.$inferSelect,
  reviewId: string,
  input: Approval,
  now: Date,
): Promise<void> {
  if ("confirmedAtProvider" in input) return;
  if ("passkey" in input) {
    const check = await checkPasskey(
      db,
      signer,
      input.passkey,
      input.relyingParty,
      "approve",
      {
        reviewId,
        candidateHash: input.candidateHash,
      },
      now,
    );
    if (!check.ok)
      throw new ReviewRoundError(check.reason === "throttled" ? "reviewRound.throttled" : "reviewRound.passkeyRefused");
    return;
  }
  const check = await confirmPassword(db, signer, { password: input.password, ip: input.ip }, now);
  if (!check.ok)
    throw new ReviewRoundError(check.reason === "throttled" ? "reviewRound.throttled" : "reviewRound.wrongPassword");
}

/**
 * The electronic signature (see ApprovalSignature): the trail records who signed, when, how,
 * and the hash of exactly what they signed. Wrong passwords and passkeys are throttled like
 * sign-in, so approval cannot be used to guess one.
 */
export async function approveReview(
  db: Db,
  actor: Actor,
  reviewId: string,
  input: Approval,
  now = new Date(),
): Promise<ReleaseSummary> {
  const review = loadReview(db, reviewId);
  assertDecidable(review, actor, input.candidateHash);
  const signer = db.select().from(users).where(eq(users.id, actor.id)).get();
  if (!signer) throw new ReviewRoundError("reviewRound.notApprover");
  await checkSignature(db, signer, reviewId, input, now);
  return writeTransaction(db, (tx) => {
    // Checked again inside the transaction: someone may have decided while the hash was computed.
    const current = loadReview(tx, reviewId);
    assertDecidable(current, actor, input.candidateHash);
    const document = tx.select().from(documents).where(eq(documents.id, current.documentId)).get();
    if (!document || document.status === "archived") throw new ReviewRoundError("reviewRound.documentArchived");
    if (document.type === "management_review")
      assertRecordApprovable(tx, document.id, JSON.parse(current.candidateJson) as JSONContent, now);
    appendTrailEvent(tx, {
      actorId: actor.id,
      type: "review.approved",
      subjectType: "review",
      subjectId: reviewId,
      at: now,
      data: { documentId: document.id, signedHash: current.candidateHash, signature: signatureKind(input) },
    });
    const release = createRelease(
      tx,
      {
        documentId: document.id,
        title: document.title,
        reviewId,
        approverId: actor.id,
        step: input.step,
        effectiveOn: input.effectiveOn,
        summary: input.summary,
        content: {
          state: new Uint8Array(current.candidateState),
          jsonText: current.candidateJson,
          html: current.candidateHtml,
          text: contentText(JSON.parse(current.candidateJson) as JSONContent),
          hash: current.candidateHash,
        },
        readers: input.readers,
        reviewIntervalMonths: document.reviewIntervalMonths,
        candidateAt: current.requestedAt,
      },
      now,
    );
    endParticipationAtRelease(tx, document.id, now);
    tx.update(reviews)
      .set({ status: "approved", decidedBy: actor.id, decidedAt: now, decisionComment: input.summary })
      .where(eq(reviews.id, reviewId))
      .run();
    notify(
      tx,
      {
        kind: "approved",
        actorId: actor.id,
        recipients: [current.requestedBy, ...reviewerIds(tx, reviewId)],
        link: `/gallande/${document.id}/${versionOf(release)}`,
        text: document.title,
      },
      now,
    );
    return release;
  });
}

export type AwaitingReviewRound = { documentId: string; title: string; as: "approver" | "reviewer" };

/** Open review rounds waiting for this person: to decide as approver, or to give a verdict on. */
export function reviewRoundsAwaiting(db: Db, userId: string): AwaitingReviewRound[] {
  const open = db
    .select({ id: reviews.id, documentId: reviews.documentId, approverId: reviews.approverId, title: documents.title })
    .from(reviews)
    .innerJoin(documents, eq(documents.id, reviews.documentId))
    .where(and(eq(reviews.status, "open"), eq(documents.status, "draft")))
    .all();
  const pending = new Set(
    db
      .select({ reviewId: reviewers.reviewId })
      .from(reviewers)
      .where(and(eq(reviewers.userId, userId), eq(reviewers.verdict, "pending")))
      .all()
      .map((r) => r.reviewId),
  );
  return open.flatMap((r): AwaitingReviewRound[] => {
    if (r.approverId === userId) return [{ documentId: r.documentId, title: r.title, as: "approver" }];
    return pending.has(r.id) ? [{ documentId: r.documentId, title: r.title, as: "reviewer" }] : [];
  });
}

export type OutsideApproval = {
  /** Who approved it, as the file says (kept in the release's summary, never in the trail). */
  approvedBy: string;
  effectiveOn: string;
  /** The original file, kept beside the release as evidence of the approval. */
  sourceFileId: string;
};

/**
 * Registers a draft brought in from an earlier system as released 1.0, approved outside Lots:
 * the person registering it must be one who may approve, the original file is kept beside the
 * release, and the trail says plainly that the approval happened elsewhere. Call inside the
 * import's transaction.
 */
export function registerApprovedOutside(
  tx: Db,
  actor: Actor,
  documentId: string,
  input: OutsideApproval,
  summary: string,
  now = new Date(),
): ReleaseSummary {
  if (!can(actor, "approve", { type: "releases" })) throw new ReviewRoundError("reviewRound.notApprover");
  const document = requireDocument(tx, documentId);
  const candidate = freezeDocument(tx, documentId);
  if (candidate.text.trim() === "") throw new ReviewRoundError("reviewRound.emptyDocument");
  const reviewId = newId();
  tx.insert(reviews)
    .values({
      id: reviewId,
      documentId,
      status: "approved",
      requestedBy: actor.id,
      requestedAt: now,
      approverId: actor.id,
      candidateState: Buffer.from(candidate.state),
      candidateJson: candidate.jsonText,
      candidateHtml: candidate.html,
      candidateHash: candidate.hash,
      decidedBy: actor.id,
      decidedAt: now,
      decisionComment: summary,
    })
    .run();
  appendTrailEvent(tx, {
    actorId: actor.id,
    type: "review.approvedOutside",
    subjectType: "review",
    subjectId: reviewId,
    at: now,
    data: { documentId, signedHash: candidate.hash, signature: "outside", evidenceFileId: input.sourceFileId },
  });
  return createRelease(
    tx,
    {
      documentId,
      title: document.title,
      reviewId,
      approverId: actor.id,
      step: "major",
      effectiveOn: input.effectiveOn,
      summary,
      content: candidate,
      readers: [],
      reviewIntervalMonths: document.reviewIntervalMonths,
      candidateAt: now,
      evidenceFileId: input.sourceFileId,
    },
    now,
  );
}
