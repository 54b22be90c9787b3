import { index, integer, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";
import { units } from "./organisation.ts";
import { users } from "./users.ts";
import { checklistFrequencies, roles, type ChecklistQuestion } from "#app/domain/values.ts";

/**
 * Self-monitoring (egenkontroll): checklist templates scheduled for units or roles, and each
 * round answered once, on a phone, for its period.
 */
export const checklistTemplates = sqliteTable("checklist_templates", {
  id: text("id").primaryKey(),
  title: text("title").notNull(),
  description: text("description").notNull().default(""),
  frequency: text("frequency", { enum: checklistFrequencies }).notNull(),
  /** Who answers: every unit (unitId null) or one unit; or, instead, everyone in a role. */
  unitId: text("unit_id").references(() => units.id),
  role: text("role", { enum: roles }),
  questions: text("questions", { mode: "json" }).$type<ChecklistQuestion[]>().notNull(),
  active: integer("active", { mode: "boolean" }).notNull().default(true),
  createdBy: text("created_by")
    .notNull()
    .references(() => users.id),
  createdAt: integer("created_at", { mode: "timestamp_ms" }).notNull(),
});

/** One answered round: a template, its period, and the unit (or person) it was answered for. */
export const checklistRounds = sqliteTable(
  "checklist_rounds",
  {
    id: text("id").primaryKey(),
    templateId: text("template_id")
      .notNull()
      .references(() => checklistTemplates.id),
    /** 2026-W47, 2026-11, 2026-Q4 or 2026, by the template's frequency. */
    period: text("period").notNull(),
    /** For whom: a unit id, or a person's id for a role checklist. */
    subject: text("subject").notNull(),
    answers: text("answers", { mode: "json" }).$type<Record<string, { value: string; note: string }>>().notNull(),
    answeredBy: text("answered_by")
      .notNull()
      .references(() => users.id),
    answeredAt: integer("answered_at", { mode: "timestamp_ms" }).notNull(),
  },
  (t) => [
    uniqueIndex("checklist_rounds_once_idx").on(t.templateId, t.period, t.subject),
    index("checklist_rounds_template_idx").on(t.templateId),
  ],
);
