import path from "node:path";
import { and, eq, sql } from "drizzle-orm";
import { can, type Actor } from "#app/auth/permissions.server.ts";
import { type Db, writeTransaction } from "#db/client.ts";
import { documentImports, users, type ControlledType } from "#db/schema/index.ts";
import { writeInitialContent } from "./document-content.server.ts";
import { storeDocumentFile } from "./document-files.server.ts";
import { DOCX_MIME } from "./downloads.server.ts";
import { createDocument, DocumentError } from "./documents.server.ts";
import { dayOf } from "./releases.server.ts";
import { registerApprovedOutside } from "./review-rounds.server.ts";
import { appendTrailEvent } from "./trail.server.ts";
import type { ImportReport } from "./word-import-report.ts";
import { convertWord, WordImportRefusal, type WordRefusalReason } from "./word-import.server.ts";
import { readZip, ZipRefusal } from "./zip-reader.server.ts";

/**
 * Moving a folder of Word documents into Lots: each file becomes a draft that people can edit
 * together at once, with its pictures, its register details and a report of what came along.
 * Every file is its own transaction, so one bad file never stops or half-saves the others.
 */

export type Upload = { name: string; bytes: Uint8Array };

/** A folder of Word files may be large; unpacked, it may still not fill the server's memory. */
const FOLDER_ZIP_LIMITS = {
  maxEntries: 2000,
  maxTotalBytes: 256 * 1024 * 1024,
  maxEntryBytes: 50 * 1024 * 1024,
  maxRatio: 100,
};

export type ImportRefusalReason = WordRefusalReason | "notWord" | "badPath" | "tooManyFiles";
export type FileRefusal = { path: string; reason: ImportRefusalReason };

/** Word files in what was sent: .docx as they are, and the .docx inside each .zip with its folders. */
export async function wordFilesIn(uploads: Upload[]): Promise<{ files: Upload[]; refused: FileRefusal[] }> {
  const files: Upload[] = [];
  const refused: FileRefusal[] = [];
  for (const upload of uploads) {
    const name = path.basename(upload.name);
    if (/\.zip$/i.test(name)) {
      try {
        const entries = await readZip(upload.bytes, FOLDER_ZIP_LIMITS, (entry) => isWordEntry(entry));
        files.push(...entries.map((entry) => ({ name: entry.name, bytes: new Uint8Array(entry.bytes) })));
      } catch (error) {
        if (!(error instanceof ZipRefusal)) throw error;
        const reason =
          error.reason === "badPath"
            ? "badPath"
            : error.reason === "notZip"
              ? "corrupt"
              : error.reason === "tooLarge"
                ? "tooLarge"
                : "bomb";
        refused.push({ path: name, reason });
      }
    } else if (/\.docx$/i.test(name)) files.push({ name, bytes: upload.bytes });
    else refused.push({ path: name, reason: "notWord" });
  }
  return { files, refused };
}

/** Word's lock files (~$name.docx) and macOS's resource forks are not documents. */
const isWordEntry = (name: string) =>
  /\.docx$/i.test(name) && !name.startsWith("__MACOSX/") && !path.posix.basename(name).startsWith("~$");

/** Folder and file names in Swedish and English that say what kind of document a file is. */
const typeWords: [RegExp, ControlledType][] = [
  [/policy|policies|policyer/i, "policy"],
  [/instruktion|instruction|arbetsbeskrivning|lathund/i, "instruction"],
  [/revisionsrapport|audit.?report|internrevision/i, "audit_report"],
  [/\bplan|planer\b|handlingsplan|beredskap/i, "plan"],
  [/rutin|routine|procedur|procedure/i, "routine"],
];

/** The kind a file's name and folders suggest (the file's own name first), or a routine. */
export function guessType(filePath: string): ControlledType {
  const parts = filePath.split("/").reverse();
  for (const part of parts) {
    const found = typeWords.find(([pattern]) => pattern.test(part));
    if (found) return found[1];
  }
  return "routine";
}

export type ImportChoice = {
  type: ControlledType;
  ownerId: string;
  unitId: string | null;
  /** Register each as released 1.0, approved outside Lots, with its original kept as evidence. */
  approvedOutside: boolean;
};

export type ImportedFile = {
  path: string;
  documentId: string;
  title: string;
  report: ImportReport;
  /** The file named an owner Lots knows, who now owns the draft. */
  ownerFromFile: boolean;
  version: string | null;
};

export type ImportWords = { notesHeading: string; approvedOutside: (by: string | undefined) => string };

/** Imports one Word file as a new draft. Refusals name the reason; nothing is stored then. */
export async function importWordFile(
  db: Db,
  dataDir: string,
  actor: Actor,
  upload: Upload,
  choice: ImportChoice,
  words: ImportWords,
  now = new Date(),
): Promise<ImportedFile> {
  if (!can(actor, "create", { type: "documents" })) throw new DocumentError("document.notAllowed");
  const word = await convertWord(upload.name, upload.bytes, words.notesHeading);
  // convertWord has checked the bytes are a Word file; the original is kept as it came.
  const source = {
    kind: "source" as const,
    name: path.posix.basename(upload.name).slice(0, 200),
    mime: DOCX_MIME,
    bytes: upload.bytes,
  };
  const owner = word.report.details.owner ? personNamed(db, word.report.details.owner) : undefined;
  return writeTransaction(db, (tx) => {
    const documentId = createDocument(
      tx,
      actor,
      {
        title: word.title,
        reference: word.report.details.reference?.slice(0, 40) ?? null,
        type: choice.type,
        ownerId: owner ?? choice.ownerId,
        unitId: choice.unitId,
        areas: [],
        tags: [],
      },
      now,
    );
    for (const image of word.images) {
      storeDocumentFile(tx, dataDir, documentId, image, actor.id, now, image.id);
    }
    const sourceFile = storeDocumentFile(tx, dataDir, documentId, source, actor.id, now);
    writeInitialContent(tx, documentId, word.content);
    tx.insert(documentImports)
      .values({
        documentId,
        fileName: upload.name.slice(0, 300),
        sourceFileId: sourceFile.id,
        report: word.report,
        importedBy: actor.id,
        importedAt: now,
      })
      .run();
    appendTrailEvent(tx, {
      actorId: actor.id,
      type: "document.imported",
      subjectType: "document",
      subjectId: documentId,
      at: now,
      data: { sourceFileId: sourceFile.id, images: word.images.length },
    });
    const release = choice.approvedOutside
      ? registerApprovedOutside(
          tx,
          actor,
          documentId,
          {
            approvedBy: word.report.details.approvedBy ?? "",
            effectiveOn: validDay(word.report.details.validFrom) ?? dayOf(now),
            sourceFileId: sourceFile.id,
          },
          words.approvedOutside(word.report.details.approvedBy),
          now,
        )
      : null;
    return {
      path: upload.name,
      documentId,
      title: word.title,
      report: word.report,
      ownerFromFile: owner !== undefined,
      version: release ? `${release.major}.${release.minor}` : null,
    };
  });
}

const validDay = (value: string | undefined) => (value && /^\d{4}-\d{2}-\d{2}$/.test(value) ? value : undefined);

/** An active person whose name is exactly the one written in the file (case aside). */
function personNamed(db: Db, name: string): string | undefined {
  const found = db
    .select({ id: users.id })
    .from(users)
    .where(and(eq(users.active, true), sql`lower(${users.name}) = lower(${name.trim()})`))
    .all();
  return found.length === 1 ? found[0]!.id : undefined;
}

/** Why a file was refused, for the report; anything unexpected is the server's own error. */
export function refusalOf(error: unknown): ImportRefusalReason | null {
  if (error instanceof WordImportRefusal) return error.reason;
  return null;
}

/** The import report kept with a draft that came from a file. */
export function importOf(db: Db, documentId: string) {
  const row = db.select().from(documentImports).where(eq(documentImports.documentId, documentId)).get();
  return row ? { ...row, report: row.report as ImportReport } : undefined;
}
