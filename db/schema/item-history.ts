import { index, integer, sqliteTable, text } from "drizzle-orm/sqlite-core";
import { users } from "./users.ts";

/** One field's value before and after a change, as stored (ids stay ids; the page names them). */
export type FieldChange = { field: string; from: string | null; to: string | null };

/**
 * What changed in a register item, who changed it and when; retiring an item is a change with
 * its reason. Append-only, like the trail, but holding the words people wrote, which the trail
 * never does. Read back as each item's history.
 */
export const itemChanges = sqliteTable(
  "item_changes",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    /** The register: "risk", … */
    kind: text("kind").notNull(),
    itemId: text("item_id").notNull(),
    at: integer("at", { mode: "timestamp_ms" }).notNull(),
    actorId: text("actor_id")
      .notNull()
      .references(() => users.id),
    changes: text("changes", { mode: "json" }).$type<FieldChange[]>().notNull(),
    reason: text("reason"),
  },
  (t) => [index("item_changes_item_idx").on(t.kind, t.itemId, t.id)],
);
