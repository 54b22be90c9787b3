import { index, integer, sqliteTable, text } from "drizzle-orm/sqlite-core";
import { units } from "./organisation.ts";
import { processes } from "./processes.ts";
import { users } from "./users.ts";
import {
  attachmentOwners,
  authorityReports,
  causeCategories,
  deviationKinds,
  deviationSeverities,
  deviationStatuses,
} from "#app/domain/values.ts";

/**
 * What anyone reports (deviations, near misses, accidents, complaints, feedback, ideas) and
 * how it is handled: triage, the authority report when one is due, and the closing lesson.
 */
export const deviations = sqliteTable(
  "reports",
  {
    id: text("id").primaryKey(),
    number: integer("number").notNull().unique(),
    kind: text("kind", { enum: deviationKinds }).notNull(),
    title: text("title").notNull(),
    description: text("description").notNull(),
    unitId: text("unit_id").references(() => units.id),
    processId: text("process_id").references(() => processes.id),
    /** When it happened, as the reporter remembers it (local time, minutes). */
    occurredAt: text("occurred_at").notNull(),
    immediateAction: text("immediate_action").notNull().default(""),
    reporterId: text("reporter_id")
      .notNull()
      .references(() => users.id),
    /** A complaint registered for a customer, patient or relative: kept only as long as needed. */
    contactName: text("contact_name"),
    contactDetails: text("contact_details"),
    contactKeepUntil: text("contact_keep_until"),
    status: text("status", { enum: deviationStatuses }).notNull().default("reported"),
    category: text("category"),
    severity: text("severity", { enum: deviationSeverities }),
    responsibleId: text("responsible_id").references(() => users.id),
    dueOn: text("due_on"),
    authority: text("authority", { enum: authorityReports }),
    authorityReportedOn: text("authority_reported_on"),
    authorityReceiptId: text("authority_receipt_id"),
    causeCategory: text("cause_category", { enum: causeCategories }),
    learning: text("learning"),
    closedAt: integer("closed_at", { mode: "timestamp_ms" }),
    createdAt: integer("created_at", { mode: "timestamp_ms" }).notNull(),
    updatedAt: integer("updated_at", { mode: "timestamp_ms" }).notNull(),
  },
  (t) => [
    index("reports_status_idx").on(t.status),
    index("reports_reporter_idx").on(t.reporterId),
    index("reports_unit_idx").on(t.unitId),
  ],
);

/** The investigation's timeline: each entry a fact or an assessment, with its author. Append-only. */
export const deviationTimeline = sqliteTable(
  "report_timeline",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    reportId: text("report_id")
      .notNull()
      .references(() => deviations.id),
    /** When the event in the entry happened (local time, minutes). */
    happenedAt: text("happened_at").notNull(),
    text: text("text").notNull(),
    nature: text("nature", { enum: ["fact", "assessment"] }).notNull(),
    authorId: text("author_id")
      .notNull()
      .references(() => users.id),
    createdAt: integer("created_at", { mode: "timestamp_ms" }).notNull(),
  },
  (t) => [index("report_timeline_report_idx").on(t.reportId)],
);

/** The 5 whys, in order; the last answer is the root cause as the team sees it. */
export const deviationWhys = sqliteTable(
  "report_whys",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    reportId: text("report_id")
      .notNull()
      .references(() => deviations.id),
    position: integer("position").notNull(),
    answer: text("answer").notNull(),
    authorId: text("author_id")
      .notNull()
      .references(() => users.id),
    createdAt: integer("created_at", { mode: "timestamp_ms" }).notNull(),
  },
  (t) => [index("report_whys_report_idx").on(t.reportId)],
);

/** Photos and files, stored outside the web root under generated names; served only through a permission check. */
export const attachments = sqliteTable(
  "attachments",
  {
    id: text("id").primaryKey(),
    ownerKind: text("owner_kind", { enum: attachmentOwners }).notNull(),
    ownerId: text("owner_id").notNull(),
    fileName: text("file_name").notNull(),
    mime: text("mime").notNull(),
    size: integer("size").notNull(),
    uploadedBy: text("uploaded_by")
      .notNull()
      .references(() => users.id),
    uploadedAt: integer("uploaded_at", { mode: "timestamp_ms" }).notNull(),
  },
  (t) => [index("attachments_owner_idx").on(t.ownerKind, t.ownerId)],
);
