import { blob, index, integer, sqliteTable, text } from "drizzle-orm/sqlite-core";

/**
 * A live Yjs document is its compacted state plus the updates accepted since. Every update is
 * appended here before anyone else sees it, so a crash loses nothing that was broadcast.
 */
export const yjsStates = sqliteTable("yjs_states", {
  docName: text("doc_name").primaryKey(),
  state: blob("state", { mode: "buffer" }).notNull(),
  updatedAt: integer("updated_at", { mode: "timestamp_ms" }).notNull(),
});

export const yjsUpdates = sqliteTable(
  "yjs_updates",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    docName: text("doc_name").notNull(),
    update: blob("update", { mode: "buffer" }).notNull(),
  },
  (t) => [index("yjs_updates_doc_idx").on(t.docName, t.id)],
);
