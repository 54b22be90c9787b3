import { addDays } from "date-fns";
import { and, asc, eq, isNotNull, lte, type SQL } from "drizzle-orm";
import { alias } from "drizzle-orm/sqlite-core";
import { type Db, writeTransaction } from "#db/client.ts";
import { documents, periodicReviews, reviewDueNotices, users, type Locale } from "#db/schema/index.ts";
import { can, type Actor } from "#app/auth/permissions.server.ts";
import { requireDocument, documentResource } from "./documents.server.ts";
import { DomainError } from "./errors.ts";
import type { Mailer } from "./mail.server.ts";
import { notify } from "./notifications.server.ts";
import { addMonthsToDay, currentRelease, dayOf, versionOf } from "./releases.server.ts";
import { appendTrailEvent } from "./trail.server.ts";

/**
 * Periodic review (revisionsdatum): every document in use is looked at again within its
 * interval. Reviewing it without changes is recorded and moves the date; a changed document
 * gets its new date from its next release.
 */

export class ReviewDateError extends DomainError<
  "reviewDate.noRelease" | "reviewDate.notAllowed" | "reviewDate.withdrawn"
> {}

/** How far ahead "due soon" looks. */
export const DUE_SOON_DAYS = 30;

const owner = alias(users, "owner");

export type DueDocument = {
  id: string;
  title: string;
  ownerId: string;
  ownerName: string;
  nextReviewOn: string;
  overdue: boolean;
};

/**
 * The periodic reviews a person answers for: every document's for those who keep the register,
 * their own documents' for owners, none for those who cannot open the register.
 */
export function reviewsDueFor(db: Db, actor: Actor, now = new Date()): DueDocument[] {
  if (!can(actor, "view", { type: "documents" })) return [];
  return reviewsDue(db, can(actor, "manage", { type: "documents" }) ? {} : { ownerId: actor.id }, now);
}

/** Documents whose review is overdue or due within DUE_SOON_DAYS, soonest first; optionally one owner's. */
export function reviewsDue(db: Db, filter: { ownerId?: string } = {}, now = new Date()): DueDocument[] {
  const today = dayOf(now);
  const conditions: SQL[] = [
    eq(documents.status, "draft"),
    isNotNull(documents.nextReviewOn),
    lte(documents.nextReviewOn, dayOf(addDays(now, DUE_SOON_DAYS))),
  ];
  if (filter.ownerId) conditions.push(eq(documents.ownerId, filter.ownerId));
  return db
    .select({
      id: documents.id,
      title: documents.title,
      ownerId: documents.ownerId,
      ownerName: owner.name,
      nextReviewOn: documents.nextReviewOn,
    })
    .from(documents)
    .innerJoin(owner, eq(owner.id, documents.ownerId))
    .where(and(...conditions))
    .orderBy(asc(documents.nextReviewOn))
    .all()
    .map((d) => ({ ...d, nextReviewOn: d.nextReviewOn!, overdue: d.nextReviewOn! < today }));
}

/** "Reviewed, no change": recorded in the trail, no new version, the next date moves on. */
export function completeReviewWithoutChange(
  db: Db,
  actor: Actor,
  documentId: string,
  comment: string,
  now = new Date(),
): string {
  return writeTransaction(db, (tx) => {
    const document = requireDocument(tx, documentId);
    if (!can(actor, "manage", documentResource(document))) {
      throw new ReviewDateError("reviewDate.notAllowed");
    }
    // A withdrawn document is in force nowhere: there is nothing to confirm as still right.
    if (document.status === "archived") throw new ReviewDateError("reviewDate.withdrawn");
    const release = currentRelease(tx, documentId, now);
    if (!release) throw new ReviewDateError("reviewDate.noRelease");
    const next = addMonthsToDay(dayOf(now), document.reviewIntervalMonths);
    tx.update(documents).set({ nextReviewOn: next }).where(eq(documents.id, documentId)).run();
    tx.insert(periodicReviews)
      .values({
        documentId,
        version: versionOf(release),
        comment: comment.trim().slice(0, 2000),
        reviewedBy: actor.id,
        reviewedAt: now,
        nextReviewOn: next,
      })
      .run();
    appendTrailEvent(tx, {
      actorId: actor.id,
      type: "document.reviewedNoChange",
      subjectType: "document",
      subjectId: documentId,
      at: now,
      data: { version: versionOf(release), nextReviewOn: next },
    });
    return next;
  });
}

export type ReviewDueTexts = (locale: Locale) => {
  subject: (title: string) => string;
  body: (title: string, day: string) => string;
};

/**
 * Tells owners (and quality managers) once when a review comes due within DUE_SOON_DAYS and
 * once more when it is overdue: in the app, and by mail when SMTP is configured. Safe to run
 * as often as you like; the server runs it at start and every few hours.
 */
export async function sendReviewDueNotices(
  db: Db,
  mailer: Mailer,
  texts: ReviewDueTexts,
  origin: string,
  now = new Date(),
): Promise<number> {
  const qualityManagers = db
    .select({ id: users.id })
    .from(users)
    .where(and(eq(users.role, "quality_manager"), eq(users.active, true)))
    .all()
    .map((u) => u.id);
  let sent = 0;
  for (const due of reviewsDue(db, {}, now)) {
    const stage = due.overdue ? "overdue" : "soon";
    const fresh = db
      .insert(reviewDueNotices)
      .values({ documentId: due.id, dueOn: due.nextReviewOn, stage, at: now })
      .onConflictDoNothing()
      .run();
    if (fresh.changes === 0) continue;
    const link = `/dokument/${due.id}`;
    notify(
      db,
      { kind: "reviewDue", actorId: null, recipients: [due.ownerId, ...qualityManagers], link, text: due.title },
      now,
    );
    sent++;
    if (!mailer.enabled) continue;
    const owner = db
      .select({ email: users.email, locale: users.locale })
      .from(users)
      .where(eq(users.id, due.ownerId))
      .get();
    if (owner) {
      const text = texts(owner.locale);
      await mailer.send({
        to: owner.email,
        subject: text.subject(due.title),
        text: `${text.body(due.title, due.nextReviewOn)}\n\n${origin}${link}`,
      });
    }
  }
  return sent;
}
