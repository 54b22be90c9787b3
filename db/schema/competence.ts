import { index, integer, sqliteTable, text } from "drizzle-orm/sqlite-core";
import { documents } from "./documents.ts";
import { users } from "./users.ts";
import { verificationMethods, type Role } from "#app/domain/values.ts";

/**
 * Competence (ISO 7.2, AFS 2023:1): what a role or a routine requires, the training people
 * have done, and, recorded apart, competence verified in practice. Training done is not
 * competence.
 */
export const competences = sqliteTable("competences", {
  id: text("id").primaryKey(),
  name: text("name").notNull(),
  description: text("description").notNull().default(""),
  /** The roles that must have it. */
  roles: text("roles", { mode: "json" }).$type<Role[]>().notNull(),
  /** The routine it is needed for, if any. */
  documentId: text("document_id").references(() => documents.id),
  /** How long a verification holds; null when it does not expire. */
  validMonths: integer("valid_months"),
  createdBy: text("created_by")
    .notNull()
    .references(() => users.id),
  createdAt: integer("created_at", { mode: "timestamp_ms" }).notNull(),
});

/** Training a person has done, or competence verified in practice: appended, never changed. */
export const competenceRecords = sqliteTable(
  "competence_records",
  {
    id: text("id").primaryKey(),
    competenceId: text("competence_id")
      .notNull()
      .references(() => competences.id),
    userId: text("user_id")
      .notNull()
      .references(() => users.id),
    /** "training", or how competence was verified. */
    kind: text("kind", { enum: ["training", ...verificationMethods] }).notNull(),
    on: text("on_day").notNull(),
    note: text("note").notNull().default(""),
    recordedBy: text("recorded_by")
      .notNull()
      .references(() => users.id),
    recordedAt: integer("recorded_at", { mode: "timestamp_ms" }).notNull(),
  },
  (t) => [index("competence_records_person_idx").on(t.userId, t.competenceId)],
);
