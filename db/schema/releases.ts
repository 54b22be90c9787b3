import { sql } from "drizzle-orm";
import { blob, index, integer, primaryKey, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";
import { documents } from "./documents.ts";
import { users } from "./users.ts";
import { readerGroupKinds, reviewerVerdicts, reviewStatuses } from "#app/domain/values.ts";

/**
 * Document control, one mechanism for every controlled artefact: a review round freezes a
 * candidate of the living draft; approval turns exactly that candidate into a release.
 */
export const reviews = sqliteTable(
  "reviews",
  {
    id: text("id").primaryKey(),
    documentId: text("document_id")
      .notNull()
      .references(() => documents.id),
    status: text("status", { enum: reviewStatuses }).notNull().default("open"),
    requestedBy: text("requested_by")
      .notNull()
      .references(() => users.id),
    requestedAt: integer("requested_at", { mode: "timestamp_ms" }).notNull(),
    approverId: text("approver_id")
      .notNull()
      .references(() => users.id),
    /** What the author asks the reviewers to look at. */
    message: text("message").notNull().default(""),
    candidateState: blob("candidate_state", { mode: "buffer" }).notNull(),
    candidateJson: text("candidate_json").notNull(),
    candidateHtml: text("candidate_html").notNull(),
    candidateHash: text("candidate_hash").notNull(),
    decidedBy: text("decided_by").references(() => users.id),
    decidedAt: integer("decided_at", { mode: "timestamp_ms" }),
    decisionComment: text("decision_comment"),
  },
  (t) => [index("reviews_document_idx").on(t.documentId, t.status), index("reviews_approver_idx").on(t.approverId)],
);

export const reviewers = sqliteTable(
  "reviewers",
  {
    reviewId: text("review_id")
      .notNull()
      .references(() => reviews.id),
    userId: text("user_id")
      .notNull()
      .references(() => users.id),
    verdict: text("verdict", { enum: reviewerVerdicts }).notNull().default("pending"),
    comment: text("comment"),
    at: integer("at", { mode: "timestamp_ms" }),
  },
  (t) => [primaryKey({ columns: [t.reviewId, t.userId] }), index("reviewers_user_idx").on(t.userId)],
);

/** Immutable: triggers (migration 0004) abort every UPDATE and DELETE. */
export const releases = sqliteTable(
  "releases",
  {
    id: text("id").primaryKey(),
    documentId: text("document_id")
      .notNull()
      .references(() => documents.id),
    reviewId: text("review_id")
      .notNull()
      .references(() => reviews.id),
    major: integer("major").notNull(),
    minor: integer("minor").notNull(),
    /** The day it applies from (YYYY-MM-DD, the organisation's calendar day). */
    effectiveOn: text("effective_on").notNull(),
    summary: text("summary").notNull(),
    title: text("title").notNull(),
    approverId: text("approver_id")
      .notNull()
      .references(() => users.id),
    approvedAt: integer("approved_at", { mode: "timestamp_ms" }).notNull(),
    contentJson: text("content_json").notNull(),
    html: text("html").notNull(),
    yjsState: blob("yjs_state", { mode: "buffer" }).notNull(),
    contentHash: text("content_hash").notNull(),
  },
  (t) => [uniqueIndex("releases_version_idx").on(t.documentId, t.major, t.minor)],
);

/** Who must acknowledge a release (läskvittens). */
export const readerGroups = sqliteTable(
  "reader_groups",
  {
    releaseId: text("release_id")
      .notNull()
      .references(() => releases.id),
    kind: text("kind", { enum: readerGroupKinds }).notNull(),
    value: text("value").notNull(),
  },
  (t) => [primaryKey({ columns: [t.releaseId, t.kind, t.value] })],
);

/** Append-only, like the trail: an acknowledgement is never taken back. */
export const acknowledgements = sqliteTable(
  "acknowledgements",
  {
    releaseId: text("release_id")
      .notNull()
      .references(() => releases.id),
    userId: text("user_id")
      .notNull()
      .references(() => users.id),
    at: integer("at", { mode: "timestamp_ms" })
      .notNull()
      .default(sql`(unixepoch() * 1000)`),
  },
  (t) => [primaryKey({ columns: [t.releaseId, t.userId] }), index("acknowledgements_user_idx").on(t.userId)],
);

/** Reminders already sent, so the daily sweep tells each owner once per due date. */
export const reviewDueNotices = sqliteTable(
  "review_due_notices",
  {
    documentId: text("document_id")
      .notNull()
      .references(() => documents.id),
    dueOn: text("due_on").notNull(),
    stage: text("stage", { enum: ["soon", "overdue"] }).notNull(),
    at: integer("at", { mode: "timestamp_ms" }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.documentId, t.dueOn, t.stage] })],
);
