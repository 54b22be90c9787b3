import { index, integer, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";
import { users } from "./users.ts";
import { soaStatuses } from "#app/domain/values.ts";

/**
 * Requirement frameworks: the built-in catalogues (numbers and short titles only, never a
 * standard's text) and the organisation's own (customer requirements, laws).
 */
export const frameworks = sqliteTable(
  "frameworks",
  {
    id: text("id").primaryKey(),
    /** "iso9001", "iso27001a" for a built-in catalogue; a generated key for a custom one. */
    key: text("key").notNull(),
    name: text("name").notNull(),
    builtin: integer("builtin", { mode: "boolean" }).notNull(),
    description: text("description").notNull().default(""),
    /** What the framework covers here (omfattning), and where its boundaries lie. */
    scope: text("scope").notNull().default(""),
    boundaries: text("boundaries").notNull().default(""),
    createdBy: text("created_by")
      .notNull()
      .references(() => users.id),
    createdAt: integer("created_at", { mode: "timestamp_ms" }).notNull(),
  },
  (t) => [uniqueIndex("frameworks_key_idx").on(t.key)],
);

/** One requirement of a framework, in its tree, with whether it applies here and why not. */
export const requirements = sqliteTable(
  "requirements",
  {
    id: text("id").primaryKey(),
    frameworkId: text("framework_id")
      .notNull()
      .references(() => frameworks.id),
    code: text("code").notNull(),
    /** Null for a built-in requirement: its short title is in the catalogues, in each language. */
    title: text("title"),
    parentCode: text("parent_code"),
    position: integer("position").notNull(),
    applicable: integer("applicable", { mode: "boolean" }).notNull().default(true),
    justification: text("justification").notNull().default(""),
    /** How far a control is implemented: for a Statement of Applicability. */
    implementation: text("implementation", { enum: soaStatuses }),
  },
  (t) => [
    uniqueIndex("requirements_code_idx").on(t.frameworkId, t.code),
    index("requirements_framework_idx").on(t.frameworkId, t.position),
  ],
);
