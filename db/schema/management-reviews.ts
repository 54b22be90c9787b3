import { integer, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";
import { documents } from "./documents.ts";
import { users } from "./users.ts";
import { annualReportKinds } from "#app/domain/values.ts";

/**
 * Management review (ledningens genomgång, ISO 9.3): a meeting over a period, its record a
 * controlled document pre-filled with every required input from live data, approved and
 * released like any other.
 */
export const managementReviews = sqliteTable(
  "management_reviews",
  {
    id: text("id").primaryKey(),
    number: integer("number").notNull(),
    title: text("title").notNull(),
    heldOn: text("held_on").notNull(),
    periodFrom: text("period_from").notNull(),
    periodTo: text("period_to").notNull(),
    documentId: text("document_id")
      .notNull()
      .references(() => documents.id),
    /** Each input's heading as written into the record, so its section can be found again. */
    headings: text("headings", { mode: "json" }).$type<Record<string, string>>().notNull(),
    attendees: text("attendees", { mode: "json" }).$type<string[]>().notNull(),
    otherAttendees: text("other_attendees").notNull().default(""),
    /** Why the record may be approved with inputs missing: allowed only when written down. */
    missingReason: text("missing_reason"),
    createdBy: text("created_by")
      .notNull()
      .references(() => users.id),
    createdAt: integer("created_at", { mode: "timestamp_ms" }).notNull(),
  },
  (t) => [
    uniqueIndex("management_reviews_number_idx").on(t.number),
    uniqueIndex("management_reviews_document_idx").on(t.documentId),
  ],
);

/** An annual report of a kind for a year: a controlled document pre-filled from the year's data. */
export const annualReports = sqliteTable(
  "annual_reports",
  {
    id: text("id").primaryKey(),
    kind: text("kind", { enum: annualReportKinds }).notNull(),
    year: integer("year").notNull(),
    documentId: text("document_id")
      .notNull()
      .references(() => documents.id),
    createdBy: text("created_by")
      .notNull()
      .references(() => users.id),
    createdAt: integer("created_at", { mode: "timestamp_ms" }).notNull(),
  },
  (t) => [uniqueIndex("annual_reports_kind_year_idx").on(t.kind, t.year)],
);
