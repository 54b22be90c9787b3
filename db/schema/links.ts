import { index, integer, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";
import { users } from "./users.ts";
import { linkableKinds } from "#app/domain/values.ts";

/**
 * The one link model (docs/ARCHITECTURE.md, wall 9): any two items of the management system, by
 * kind and id. A link has no direction that matters; helpers read it from both ends.
 */
export const links = sqliteTable(
  "links",
  {
    id: text("id").primaryKey(),
    fromKind: text("from_kind", { enum: linkableKinds }).notNull(),
    fromId: text("from_id").notNull(),
    toKind: text("to_kind", { enum: linkableKinds }).notNull(),
    toId: text("to_id").notNull(),
    createdBy: text("created_by")
      .notNull()
      .references(() => users.id),
    createdAt: integer("created_at", { mode: "timestamp_ms" }).notNull(),
  },
  (t) => [
    uniqueIndex("links_pair_idx").on(t.fromKind, t.fromId, t.toKind, t.toId),
    index("links_to_idx").on(t.toKind, t.toId),
  ],
);
