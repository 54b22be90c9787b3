import { index, integer, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";
import { units } from "./organisation.ts";
import { users } from "./users.ts";
import { samMethods, samReasons, type SamAnswer, type SamPriority } from "#app/domain/values.ts";

/**
 * The follow-up of the systematic work-environment management (AFS 2023:1): sent to units,
 * answered by each unit's manager and safety representative together, then compiled level by
 * level up to the whole organisation.
 */
export const samFollowUps = sqliteTable(
  "sam_follow_ups",
  {
    id: text("id").primaryKey(),
    year: integer("year").notNull(),
    reason: text("reason", { enum: samReasons }).notNull(),
    /** Why an off-cycle follow-up is run: the reorganisation or event behind it. */
    background: text("background").notNull().default(""),
    method: text("method", { enum: samMethods }).notNull(),
    dueOn: text("due_on").notNull(),
    startedBy: text("started_by")
      .notNull()
      .references(() => users.id),
    startedAt: integer("started_at", { mode: "timestamp_ms" }).notNull(),
    completedBy: text("completed_by").references(() => users.id),
    completedAt: integer("completed_at", { mode: "timestamp_ms" }),
  },
  (t) => [index("sam_follow_ups_year_idx").on(t.year)],
);

/** One unit's answer: sent at the start, answered once by the manager and safety representative. */
export const samResponses = sqliteTable(
  "sam_responses",
  {
    id: text("id").primaryKey(),
    followUpId: text("follow_up_id")
      .notNull()
      .references(() => samFollowUps.id),
    unitId: text("unit_id")
      .notNull()
      .references(() => units.id),
    answers: text("answers", { mode: "json" }).$type<Record<string, SamAnswer>>(),
    method: text("method", { enum: samMethods }),
    managerId: text("manager_id").references(() => users.id),
    safetyRepId: text("safety_rep_id").references(() => users.id),
    strengths: text("strengths"),
    improvements: text("improvements"),
    answeredBy: text("answered_by").references(() => users.id),
    answeredAt: integer("answered_at", { mode: "timestamp_ms" }),
    /** When the unit was reminded that its answer is due: once. */
    remindedAt: integer("reminded_at", { mode: "timestamp_ms" }),
  },
  (t) => [uniqueIndex("sam_responses_unit_idx").on(t.followUpId, t.unitId)],
);

/** A level's compilation: the organisation's, or a unit's over the units beneath it. */
export const samCompilations = sqliteTable(
  "sam_compilations",
  {
    id: text("id").primaryKey(),
    followUpId: text("follow_up_id")
      .notNull()
      .references(() => samFollowUps.id),
    /** "organisation", or the id of the unit whose subtree is compiled. */
    level: text("level").notNull(),
    strengths: text("strengths").notNull(),
    improvements: text("improvements").notNull(),
    priorities: text("priorities", { mode: "json" }).$type<SamPriority[]>().notNull(),
    /** How the result was fed back, to whom and when: the record AFS 2023:1's follow-up ends with. */
    feedback: text("feedback").notNull(),
    feedbackOn: text("feedback_on").notNull(),
    compiledBy: text("compiled_by")
      .notNull()
      .references(() => users.id),
    compiledAt: integer("compiled_at", { mode: "timestamp_ms" }).notNull(),
  },
  (t) => [uniqueIndex("sam_compilations_level_idx").on(t.followUpId, t.level)],
);
