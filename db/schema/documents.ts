import { sql } from "drizzle-orm";
import { index, integer, sqliteTable, text } from "drizzle-orm/sqlite-core";
import { units } from "./organisation.ts";
import { users } from "./users.ts";

export const documentTypes = ["policy", "routine", "instruction", "plan", "audit_report"] as const;
export type DocumentType = (typeof documentTypes)[number];

export const documentAreas = ["quality", "environment", "work_environment", "information_security"] as const;
export type DocumentArea = (typeof documentAreas)[number];

/** A document's register entry, as forms edit it and the model stores it. */
export type DocumentDetails = {
  title: string;
  type: DocumentType;
  ownerId: string;
  unitId: string | null;
  areas: DocumentArea[];
  tags: string[];
};

/** Where a controlled document is in its life; review and release states arrive with document control. */
export const documentStatuses = ["draft", "archived"] as const;
export type DocumentStatus = (typeof documentStatuses)[number];

export const documents = sqliteTable(
  "documents",
  {
    id: text("id").primaryKey(),
    title: text("title").notNull(),
    type: text("type", { enum: documentTypes }).notNull(),
    status: text("status", { enum: documentStatuses }).notNull().default("draft"),
    ownerId: text("owner_id")
      .notNull()
      .references(() => users.id),
    unitId: text("unit_id").references(() => units.id),
    /** JSON arrays: a document may serve several areas of an integrated system. */
    areas: text("areas", { mode: "json" })
      .$type<DocumentArea[]>()
      .notNull()
      .default(sql`'[]'`),
    tags: text("tags", { mode: "json" })
      .$type<string[]>()
      .notNull()
      .default(sql`'[]'`),
    createdBy: text("created_by")
      .notNull()
      .references(() => users.id),
    createdAt: integer("created_at", { mode: "timestamp_ms" }).notNull(),
    updatedAt: integer("updated_at", { mode: "timestamp_ms" }).notNull(),
  },
  (t) => [index("documents_status_idx").on(t.status), index("documents_owner_idx").on(t.ownerId)],
);
