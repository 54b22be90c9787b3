import { index, integer, sqliteTable, text } from "drizzle-orm/sqlite-core";
import { units } from "./organisation.ts";
import { users } from "./users.ts";
import { actionSources, actionStatuses } from "#app/domain/values.ts";

/**
 * The action plan (handlingsplan), one for everything: what, why, who, when, and how its
 * effect will be verified, which is required from the start.
 */
export const actions = sqliteTable(
  "actions",
  {
    id: text("id").primaryKey(),
    /** A short number people can say aloud: "åtgärd 12". */
    number: integer("number").notNull().unique(),
    title: text("title").notNull(),
    reason: text("reason").notNull(),
    source: text("source", { enum: actionSources }).notNull(),
    ownerId: text("owner_id")
      .notNull()
      .references(() => users.id),
    unitId: text("unit_id").references(() => units.id),
    /** YYYY-MM-DD */
    dueOn: text("due_on").notNull(),
    status: text("status", { enum: actionStatuses }).notNull().default("planned"),
    /** How the effect will be verified, with what measure or sample, and when. */
    effectPlan: text("effect_plan").notNull(),
    effectMeasure: text("effect_measure").notNull(),
    effectCheckOn: text("effect_check_on").notNull(),
    effectResult: text("effect_result"),
    effectCheckedBy: text("effect_checked_by").references(() => users.id),
    effectCheckedAt: integer("effect_checked_at", { mode: "timestamp_ms" }),
    /** The action this one follows up when that one was not effective. */
    followUpOf: text("follow_up_of"),
    createdBy: text("created_by")
      .notNull()
      .references(() => users.id),
    createdAt: integer("created_at", { mode: "timestamp_ms" }).notNull(),
    updatedAt: integer("updated_at", { mode: "timestamp_ms" }).notNull(),
  },
  (t) => [index("actions_owner_idx").on(t.ownerId, t.status), index("actions_status_idx").on(t.status, t.dueOn)],
);

/** Everything that happened to an action; append-only (migration 0006), nothing is erased. */
export const actionEvents = sqliteTable(
  "action_events",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    actionId: text("action_id")
      .notNull()
      .references(() => actions.id),
    at: integer("at", { mode: "timestamp_ms" }).notNull(),
    actorId: text("actor_id")
      .notNull()
      .references(() => users.id),
    kind: text("kind", { enum: ["created", "moved", "postponed", "followUp", "edited"] }).notNull(),
    fromStatus: text("from_status", { enum: actionStatuses }),
    toStatus: text("to_status", { enum: actionStatuses }),
    oldDueOn: text("old_due_on"),
    newDueOn: text("new_due_on"),
    comment: text("comment"),
  },
  (t) => [index("action_events_action_idx").on(t.actionId, t.id)],
);
