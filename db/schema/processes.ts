import { index, integer, sqliteTable, text, type AnySQLiteColumn } from "drizzle-orm/sqlite-core";
import { documents } from "./documents.ts";
import { users } from "./users.ts";
import { processKinds } from "#app/domain/values.ts";

/**
 * The process register. Each process has its map: a controlled document of type process_map,
 * edited live and released like any document; the process row holds what is said about it.
 */
export const processes = sqliteTable(
  "processes",
  {
    id: text("id").primaryKey(),
    title: text("title").notNull(),
    kind: text("kind", { enum: processKinds }).notNull(),
    parentId: text("parent_id").references((): AnySQLiteColumn => processes.id),
    ownerId: text("owner_id")
      .notNull()
      .references(() => users.id),
    /** What the owner may decide on their own. */
    mandate: text("mandate").notNull().default(""),
    purpose: text("purpose").notNull().default(""),
    inputs: text("inputs").notNull().default(""),
    outputs: text("outputs").notNull().default(""),
    /** Customers and other interested parties of the process. */
    customers: text("customers").notNull().default(""),
    /** Cooperation with other processes and organisations, internal and external. */
    interfaces: text("interfaces").notNull().default(""),
    mapDocumentId: text("map_document_id")
      .notNull()
      .unique()
      .references(() => documents.id),
    createdBy: text("created_by")
      .notNull()
      .references(() => users.id),
    createdAt: integer("created_at", { mode: "timestamp_ms" }).notNull(),
    updatedAt: integer("updated_at", { mode: "timestamp_ms" }).notNull(),
  },
  (t) => [index("processes_parent_idx").on(t.parentId)],
);
