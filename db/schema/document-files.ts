import { index, integer, primaryKey, sqliteTable, text } from "drizzle-orm/sqlite-core";
import { documents } from "./documents.ts";
import { releases } from "./releases.ts";
import { users } from "./users.ts";
import { documentFileKinds } from "#app/domain/values.ts";

/**
 * Pictures in a document's text and the forms (blanketter) listed with it. A row and its bytes
 * never change and are never deleted (migration 0030): a release shows exactly the files it was
 * approved with, for as long as it is kept. Taking a form off the draft only marks it removed.
 */
export const documentFiles = sqliteTable(
  "document_files",
  {
    id: text("id").primaryKey(),
    documentId: text("document_id")
      .notNull()
      .references(() => documents.id),
    kind: text("kind", { enum: documentFileKinds }).notNull(),
    fileName: text("file_name").notNull(),
    mime: text("mime").notNull(),
    size: integer("size").notNull(),
    /** SHA-256 of the bytes, hex: what a release freezes and verify-trail checks. */
    sha256: text("sha256").notNull(),
    uploadedBy: text("uploaded_by")
      .notNull()
      .references(() => users.id),
    uploadedAt: integer("uploaded_at", { mode: "timestamp_ms" }).notNull(),
    /** When a form was taken off the draft's list; releases that hold it still show it. */
    removedAt: integer("removed_at", { mode: "timestamp_ms" }),
  },
  (t) => [index("document_files_document_idx").on(t.documentId, t.kind)],
);

/** The files a release was approved with, each by its content hash. Immutable, like releases. */
export const releaseFiles = sqliteTable(
  "release_files",
  {
    releaseId: text("release_id")
      .notNull()
      .references(() => releases.id),
    fileId: text("file_id")
      .notNull()
      .references(() => documentFiles.id),
    sha256: text("sha256").notNull(),
  },
  (t) => [primaryKey({ columns: [t.releaseId, t.fileId] }), index("release_files_file_idx").on(t.fileId)],
);

/**
 * Where a document came from when it was imported, and the import's report (what was kept and
 * what the file held that Lots cannot), shown with the draft so nobody is surprised later.
 */
export const documentImports = sqliteTable("document_imports", {
  documentId: text("document_id")
    .primaryKey()
    .references(() => documents.id),
  fileName: text("file_name").notNull(),
  /** The original file, kept among the document's files. */
  sourceFileId: text("source_file_id")
    .notNull()
    .references(() => documentFiles.id),
  report: text("report", { mode: "json" }).notNull().$type<unknown>(),
  importedBy: text("imported_by")
    .notNull()
    .references(() => users.id),
  importedAt: integer("imported_at", { mode: "timestamp_ms" }).notNull(),
});
