import { index, integer, sqliteTable, text } from "drizzle-orm/sqlite-core";
import { units } from "./organisation.ts";
import { users } from "./users.ts";
import { delegationStatuses } from "#app/domain/values.ts";

/**
 * Delegation of work-environment tasks (uppgiftsfördelning, AFS 2023:1): a task handed from
 * one manager to another for a unit, with the authority, resources and knowledge it needs,
 * accepted in writing by the recipient, and returnable. Rows are never removed: a returned or
 * revoked delegation stays as history.
 */
export const delegations = sqliteTable(
  "delegations",
  {
    id: text("id").primaryKey(),
    task: text("task").notNull(),
    unitId: text("unit_id").references(() => units.id),
    fromUserId: text("from_user_id")
      .notNull()
      .references(() => users.id),
    toUserId: text("to_user_id")
      .notNull()
      .references(() => users.id),
    authority: text("authority").notNull(),
    resources: text("resources").notNull(),
    knowledge: text("knowledge").notNull(),
    status: text("status", { enum: delegationStatuses }).notNull(),
    delegatedAt: integer("delegated_at", { mode: "timestamp_ms" }).notNull(),
    /** The recipient's written acceptance: who, when, and that authority, resources and knowledge suffice. */
    acceptedAt: integer("accepted_at", { mode: "timestamp_ms" }),
    endedAt: integer("ended_at", { mode: "timestamp_ms" }),
    endReason: text("end_reason"),
  },
  (t) => [index("delegations_task_idx").on(t.task, t.unitId)],
);
