import { index, integer, sqliteTable, text } from "drizzle-orm/sqlite-core";
import { units } from "./organisation.ts";
import { users } from "./users.ts";
import { complianceResults, contextKinds, meetingKinds, type DocumentArea } from "#app/domain/values.ts";

/**
 * The organisation's context (ISO 4.1/4.2): internal and external issues and interested
 * parties with their requirements. Removing one keeps it, marked, for the record.
 */
export const contextItems = sqliteTable("context_items", {
  id: text("id").primaryKey(),
  kind: text("kind", { enum: contextKinds }).notNull(),
  title: text("title").notNull(),
  /** For an interested party: what they need and expect of us. */
  detail: text("detail").notNull().default(""),
  createdBy: text("created_by")
    .notNull()
    .references(() => users.id),
  createdAt: integer("created_at", { mode: "timestamp_ms" }).notNull(),
  removedBy: text("removed_by").references(() => users.id),
  removedAt: integer("removed_at", { mode: "timestamp_ms" }),
});

/**
 * Participation (SOSFS 2011:9 ch. 6, AFS 2023:1, ISO 45001 5.4): workplace meetings, the
 * safety committee and consultations of safety representatives, as evidence.
 */
export const participationMeetings = sqliteTable(
  "participation_meetings",
  {
    id: text("id").primaryKey(),
    kind: text("kind", { enum: meetingKinds }).notNull(),
    heldOn: text("held_on").notNull(),
    unitId: text("unit_id").references(() => units.id),
    participants: text("participants").notNull(),
    raised: text("raised").notNull(),
    decisions: text("decisions").notNull().default(""),
    createdBy: text("created_by")
      .notNull()
      .references(() => users.id),
    createdAt: integer("created_at", { mode: "timestamp_ms" }).notNull(),
  },
  (t) => [index("participation_meetings_held_idx").on(t.heldOn)],
);

/** The legal register (ISO 14001/45001 6.1.3, 9.1.2): laws that apply, who follows them, how they are met. */
export const legalRequirements = sqliteTable("legal_requirements", {
  id: text("id").primaryKey(),
  title: text("title").notNull(),
  reference: text("reference").notNull().default(""),
  areas: text("areas", { mode: "json" }).$type<DocumentArea[]>().notNull(),
  howItApplies: text("how_it_applies").notNull(),
  responsibleId: text("responsible_id")
    .notNull()
    .references(() => users.id),
  createdBy: text("created_by")
    .notNull()
    .references(() => users.id),
  createdAt: integer("created_at", { mode: "timestamp_ms" }).notNull(),
});

/** A dated evaluation of compliance with one law: appended, never changed. */
export const complianceEvaluations = sqliteTable(
  "compliance_evaluations",
  {
    id: text("id").primaryKey(),
    legalRequirementId: text("legal_requirement_id")
      .notNull()
      .references(() => legalRequirements.id),
    evaluatedOn: text("evaluated_on").notNull(),
    result: text("result", { enum: complianceResults }).notNull(),
    note: text("note").notNull(),
    evaluatedBy: text("evaluated_by")
      .notNull()
      .references(() => users.id),
    createdAt: integer("created_at", { mode: "timestamp_ms" }).notNull(),
  },
  (t) => [index("compliance_evaluations_law_idx").on(t.legalRequirementId, t.evaluatedOn)],
);
