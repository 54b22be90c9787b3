import { sql } from "drizzle-orm";
import { index, integer, primaryKey, sqliteTable, text } from "drizzle-orm/sqlite-core";
import { units } from "./organisation.ts";
import { users } from "./users.ts";
import { controlledTypes, documentStatuses, participantRoles, type DocumentArea } from "#app/domain/values.ts";

export const documents = sqliteTable(
  "documents",
  {
    id: text("id").primaryKey(),
    title: text("title").notNull(),
    /** The organisation's own document number (e.g. "RUT-012"), kept from the system it came from. */
    reference: text("reference"),
    type: text("type", { enum: controlledTypes }).notNull(),
    status: text("status", { enum: documentStatuses }).notNull().default("draft"),
    ownerId: text("owner_id")
      .notNull()
      .references(() => users.id),
    unitId: text("unit_id").references(() => units.id),
    /** JSON arrays: a document may serve several areas of an integrated system. */
    areas: text("areas", { mode: "json" })
      .$type<DocumentArea[]>()
      .notNull()
      .default(sql`'[]'`),
    tags: text("tags", { mode: "json" })
      .$type<string[]>()
      .notNull()
      .default(sql`'[]'`),
    /** Months between periodic reviews; the next is due this long after a release or review. */
    reviewIntervalMonths: integer("review_interval_months").notNull().default(12),
    /** YYYY-MM-DD; null until the first release. */
    nextReviewOn: text("next_review_on"),
    /** Why it was withdrawn from use, when it was. */
    withdrawnReason: text("withdrawn_reason"),
    withdrawnAt: integer("withdrawn_at", { mode: "timestamp_ms" }),
    withdrawnBy: text("withdrawn_by").references(() => users.id),
    /** The document that takes its place, if any: where readers of the withdrawn one are sent. */
    replacedBy: text("replaced_by"),
    createdBy: text("created_by")
      .notNull()
      .references(() => users.id),
    createdAt: integer("created_at", { mode: "timestamp_ms" }).notNull(),
    updatedAt: integer("updated_at", { mode: "timestamp_ms" }).notNull(),
  },
  (t) => [index("documents_status_idx").on(t.status), index("documents_owner_idx").on(t.ownerId)],
);

/**
 * Periodic reviews that found nothing to change ("Granskat – ingen ändring"): who, when, of
 * which version, and what they wrote. The trail records the fact; the words are kept here.
 */
export const periodicReviews = sqliteTable(
  "periodic_reviews",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    documentId: text("document_id")
      .notNull()
      .references(() => documents.id),
    version: text("version").notNull(),
    comment: text("comment").notNull(),
    reviewedBy: text("reviewed_by")
      .notNull()
      .references(() => users.id),
    reviewedAt: integer("reviewed_at", { mode: "timestamp_ms" }).notNull(),
    nextReviewOn: text("next_review_on").notNull(),
  },
  (t) => [index("periodic_reviews_document_idx").on(t.documentId)],
);

/**
 * People a draft names as participants besides those who keep documents: each until an end
 * date, or until the next release, or until removed. Rows are deleted when participation ends;
 * the trail records who was named, by whom, and when it ended.
 */
export const documentParticipants = sqliteTable(
  "document_participants",
  {
    documentId: text("document_id")
      .notNull()
      .references(() => documents.id),
    userId: text("user_id")
      .notNull()
      .references(() => users.id),
    role: text("role", { enum: participantRoles }).notNull(),
    /** YYYY-MM-DD, the last day of access; null for no end date. */
    endsOn: text("ends_on"),
    /** Access ends when the draft is released. */
    untilRelease: integer("until_release", { mode: "boolean" }).notNull().default(false),
    invitedBy: text("invited_by")
      .notNull()
      .references(() => users.id),
    createdAt: integer("created_at", { mode: "timestamp_ms" }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.documentId, t.userId] }), index("document_participants_user_idx").on(t.userId)],
);
