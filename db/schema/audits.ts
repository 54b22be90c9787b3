import { index, integer, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";
import { documents } from "./documents.ts";
import { units } from "./organisation.ts";
import { processes } from "./processes.ts";
import { users } from "./users.ts";
import { findingKinds, findingStatuses, type DocumentArea } from "#app/domain/values.ts";

/** A year's plan of internal audits (ISO 9.2): what is audited, when, by whom, against what. */
export const auditProgrammes = sqliteTable(
  "audit_programmes",
  {
    id: text("id").primaryKey(),
    year: integer("year").notNull(),
    notes: text("notes").notNull().default(""),
    createdBy: text("created_by")
      .notNull()
      .references(() => users.id),
    createdAt: integer("created_at", { mode: "timestamp_ms" }).notNull(),
  },
  (t) => [uniqueIndex("audit_programmes_year_idx").on(t.year)],
);

/** One planned audit: a process, a unit, requirement clauses or areas, on a date, by a team. */
export const audits = sqliteTable(
  "audits",
  {
    id: text("id").primaryKey(),
    number: integer("number").notNull(),
    programmeId: text("programme_id")
      .notNull()
      .references(() => auditProgrammes.id),
    title: text("title").notNull(),
    processId: text("process_id").references(() => processes.id),
    unitId: text("unit_id").references(() => units.id),
    /** Requirement clauses covered, by key (e.g. "iso9001:8.5"). */
    clauses: text("clauses", { mode: "json" }).$type<string[]>().notNull(),
    areas: text("areas", { mode: "json" }).$type<DocumentArea[]>().notNull(),
    plannedOn: text("planned_on").notNull(),
    leadAuditorId: text("lead_auditor_id")
      .notNull()
      .references(() => users.id),
    team: text("team", { mode: "json" }).$type<string[]>().notNull(),
    criteria: text("criteria").notNull(),
    method: text("method").notNull(),
    /** The co-written report, once started: a controlled document of type audit_report. */
    reportDocumentId: text("report_document_id").references(() => documents.id),
    createdBy: text("created_by")
      .notNull()
      .references(() => users.id),
    createdAt: integer("created_at", { mode: "timestamp_ms" }).notNull(),
  },
  (t) => [uniqueIndex("audits_number_idx").on(t.number), index("audits_programme_idx").on(t.programmeId)],
);

/**
 * What an audit found: a nonconformity (major or minor), an observation or an improvement
 * opportunity, against a requirement, with the evidence seen. A nonconformity is answered by
 * the person responsible (root cause, actions) and closed by the lead auditor.
 */
export const auditFindings = sqliteTable(
  "audit_findings",
  {
    id: text("id").primaryKey(),
    auditId: text("audit_id")
      .notNull()
      .references(() => audits.id),
    number: integer("number").notNull(),
    kind: text("kind", { enum: findingKinds }).notNull(),
    title: text("title").notNull(),
    requirement: text("requirement").notNull(),
    evidence: text("evidence").notNull(),
    responsibleId: text("responsible_id")
      .notNull()
      .references(() => users.id),
    status: text("status", { enum: findingStatuses }).notNull(),
    rootCause: text("root_cause"),
    answeredBy: text("answered_by").references(() => users.id),
    answeredAt: integer("answered_at", { mode: "timestamp_ms" }),
    closingNote: text("closing_note"),
    closedBy: text("closed_by").references(() => users.id),
    closedAt: integer("closed_at", { mode: "timestamp_ms" }),
    createdBy: text("created_by")
      .notNull()
      .references(() => users.id),
    createdAt: integer("created_at", { mode: "timestamp_ms" }).notNull(),
  },
  (t) => [uniqueIndex("audit_findings_number_idx").on(t.auditId, t.number)],
);
