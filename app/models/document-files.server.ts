import crypto from "node:crypto";
import path from "node:path";
import type { JSONContent } from "@tiptap/core";
import { and, asc, eq, gt, inArray, isNull, lte, or } from "drizzle-orm";
import { fileTypeFromBuffer } from "file-type";
import { can, type Actor } from "#app/auth/permissions.server.ts";
import { documentFileHref, documentFileIdOf } from "#app/content/document-image.ts";
import type { Db } from "#db/client.ts";
import { newId } from "#db/ids.ts";
import { documentFiles, releaseFiles, releases, trailEvents, type DocumentFileKind } from "#db/schema/index.ts";
import { readStoredFile, writeStoredFile } from "./attachments.server.ts";
import { documentResourceFor, getDocument, requireDocument } from "./documents.server.ts";
import { DomainError } from "./errors.ts";
import { appendTrailEvent } from "./trail.server.ts";

/**
 * Pictures in a document's text and the forms (blanketter) listed with it. The bytes decide
 * what a file is; a picture must be one every browser shows. Files are kept under generated
 * names and never change, so a release can point at exactly the files it was approved with.
 */

export class DocumentFileError extends DomainError<
  | "documentFile.tooLarge"
  | "documentFile.wrongType"
  | "documentFile.imageNotShown"
  | "documentFile.notAllowed"
  | "documentFile.notFound"
> {}

export const MAX_IMAGE_BYTES = 10 * 1024 * 1024;
export const MAX_FORM_BYTES = 20 * 1024 * 1024;

/** Formats every browser shows; anything else (HEIC, TIFF, EMF from Word) is refused by name. */
const showable: Record<string, readonly string[]> = {
  "image/png": ["png"],
  "image/jpeg": ["jpg", "jpeg"],
  "image/gif": ["gif"],
  "image/webp": ["webp"],
};

/** What a form may be: office files, their open formats, and PDF. */
const forms: Record<string, readonly string[]> = {
  "application/pdf": ["pdf"],
  "application/vnd.openxmlformats-officedocument.wordprocessingml.document": ["docx"],
  "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": ["xlsx"],
  "application/vnd.openxmlformats-officedocument.presentationml.presentation": ["pptx"],
  "application/vnd.oasis.opendocument.text": ["odt"],
  "application/vnd.oasis.opendocument.spreadsheet": ["ods"],
  ...showable,
};

export type CheckedDocumentFile = { kind: DocumentFileKind; name: string; mime: string; bytes: Uint8Array };

/** Checks a file's size and that its bytes are what its name says, before anything is stored. */
export async function checkDocumentFile(
  kind: DocumentFileKind,
  name: string,
  bytes: Uint8Array,
): Promise<CheckedDocumentFile> {
  if (bytes.byteLength > (kind === "image" ? MAX_IMAGE_BYTES : MAX_FORM_BYTES)) {
    throw new DocumentFileError("documentFile.tooLarge");
  }
  const type = await fileTypeFromBuffer(bytes);
  const extension = path.extname(name).slice(1).toLowerCase();
  if (kind === "image") {
    if (type?.mime.startsWith("image/") && !showable[type.mime])
      throw new DocumentFileError("documentFile.imageNotShown");
    // Pasted pictures come without a meaningful name; their bytes are what counts.
    if (!type || !showable[type.mime]) throw new DocumentFileError("documentFile.wrongType");
  } else if (!type || !forms[type.mime]?.includes(extension)) {
    throw new DocumentFileError("documentFile.wrongType");
  }
  const fallback = `${kind}.${showable[type.mime]?.[0] ?? extension}`;
  return { kind, name: path.basename(name).slice(0, 200) || fallback, mime: type.mime, bytes };
}

const sha256Hex = (bytes: Uint8Array) => crypto.createHash("sha256").update(bytes).digest("hex");

/**
 * Stores a checked file with a document, inside the caller's transaction when there is one.
 * The bytes are written before the row: a failed transaction leaves an orphan file, never a
 * row without its file. Returns the new file's id and the address the editor shows it by.
 */
export function storeDocumentFile(
  db: Db,
  dataDir: string,
  documentId: string,
  file: CheckedDocumentFile,
  uploadedBy: string,
  now = new Date(),
  /** An id the content already points at (an imported picture); a new one otherwise. */
  id = newId(),
): { id: string; src: string } {
  writeStoredFile(dataDir, id, file.bytes);
  db.insert(documentFiles)
    .values({
      id,
      documentId,
      kind: file.kind,
      fileName: file.name,
      mime: file.mime,
      size: file.bytes.byteLength,
      sha256: sha256Hex(file.bytes),
      uploadedBy,
      uploadedAt: now,
    })
    .run();
  return { id, src: documentFileHref(id) };
}

function requireEditable(db: Db, actor: Actor, documentId: string) {
  const document = requireDocument(db, documentId);
  if (!can(actor, "edit", documentResourceFor(db, document, actor))) {
    throw new DocumentFileError("documentFile.notAllowed");
  }
  return document;
}

/** Someone who may edit the draft adds a picture or a form to it. */
export async function addDocumentFile(
  db: Db,
  dataDir: string,
  actor: Actor,
  documentId: string,
  kind: DocumentFileKind,
  upload: { name: string; bytes: Uint8Array },
  now = new Date(),
): Promise<{ id: string; src: string }> {
  requireEditable(db, actor, documentId);
  const file = await checkDocumentFile(kind, upload.name, upload.bytes);
  return db.transaction((tx) => {
    const stored = storeDocumentFile(tx, dataDir, documentId, file, actor.id, now);
    if (kind === "form") {
      appendTrailEvent(tx, {
        actorId: actor.id,
        type: "document.formAdded",
        subjectType: "document",
        subjectId: documentId,
        at: now,
        data: { fileId: stored.id },
      });
    }
    return stored;
  });
}

/** Takes a form off the draft's list. Releases that hold it keep showing it. */
export function removeForm(db: Db, actor: Actor, documentId: string, fileId: string, now = new Date()): void {
  requireEditable(db, actor, documentId);
  db.transaction((tx) => {
    const changed = tx
      .update(documentFiles)
      .set({ removedAt: now })
      .where(
        and(
          eq(documentFiles.id, fileId),
          eq(documentFiles.documentId, documentId),
          eq(documentFiles.kind, "form"),
          isNull(documentFiles.removedAt),
        ),
      )
      .run();
    if (changed.changes === 0) throw new DocumentFileError("documentFile.notFound");
    appendTrailEvent(tx, {
      actorId: actor.id,
      type: "document.formRemoved",
      subjectType: "document",
      subjectId: documentId,
      at: now,
      data: { fileId },
    });
  });
}

const listed = {
  id: documentFiles.id,
  fileName: documentFiles.fileName,
  mime: documentFiles.mime,
  size: documentFiles.size,
  uploadedAt: documentFiles.uploadedAt,
};

export type ListedFile = { id: string; fileName: string; mime: string; size: number; uploadedAt: Date };

/** The forms listed with a draft as it is now, or as it was at a moment (a review round's candidate). */
export function formsOf(db: Db, documentId: string, at?: Date): ListedFile[] {
  const onList = at
    ? and(lte(documentFiles.uploadedAt, at), or(isNull(documentFiles.removedAt), gt(documentFiles.removedAt, at)))
    : isNull(documentFiles.removedAt);
  return db
    .select(listed)
    .from(documentFiles)
    .where(and(eq(documentFiles.documentId, documentId), eq(documentFiles.kind, "form"), onList))
    .orderBy(asc(documentFiles.fileName))
    .all();
}

/** The forms a release was approved with. */
export function releaseFormsOf(db: Db, releaseId: string): ListedFile[] {
  return db
    .select(listed)
    .from(releaseFiles)
    .innerJoin(documentFiles, eq(documentFiles.id, releaseFiles.fileId))
    .where(and(eq(releaseFiles.releaseId, releaseId), eq(documentFiles.kind, "form")))
    .orderBy(asc(documentFiles.fileName))
    .all();
}

/**
 * The pictures a release was approved with, for making its Word file or PDF: only its own
 * frozen files are found, whatever its content names.
 */
export function releaseImages(db: Db, dataDir: string, releaseId: string): (fileId: string) => StoredImage | undefined {
  const frozen = new Map(
    db
      .select({ id: documentFiles.id, mime: documentFiles.mime })
      .from(releaseFiles)
      .innerJoin(documentFiles, eq(documentFiles.id, releaseFiles.fileId))
      .where(and(eq(releaseFiles.releaseId, releaseId), eq(documentFiles.kind, "image")))
      .all()
      .map((row) => [row.id, row.mime]),
  );
  return (fileId) => {
    const mime = frozen.get(fileId);
    return mime ? { mime, bytes: new Uint8Array(readStoredFile(dataDir, fileId)) } : undefined;
  };
}

export type StoredImage = { bytes: Uint8Array; mime: string };

/** Every stored picture a document's content shows, in order, once each. */
export function imageIdsIn(node: JSONContent, into = new Set<string>()): Set<string> {
  if (node.type === "image") {
    const id = documentFileIdOf(node.attrs?.src);
    if (id) into.add(id);
  }
  node.content?.forEach((child) => imageIdsIn(child, into));
  return into;
}

/**
 * Freezes a release's files: the pictures its content shows, the forms listed with the draft
 * when its candidate was frozen, and any evidence kept beside it, each by its hash. Call inside the approval's
 * transaction; the trail's release event carries the same list, so verify-trail can tell
 * when a stored file no longer holds.
 */
export function freezeReleaseFiles(
  tx: Db,
  releaseId: string,
  documentId: string,
  content: JSONContent,
  candidateAt: Date,
  evidenceIds: string[] = [],
): { id: string; sha256: string }[] {
  const imageIds = [...imageIdsIn(content), ...evidenceIds];
  const images = imageIds.length
    ? tx
        .select({ id: documentFiles.id, sha256: documentFiles.sha256 })
        .from(documentFiles)
        .where(and(eq(documentFiles.documentId, documentId), inArray(documentFiles.id, imageIds)))
        .all()
    : [];
  const formRows = formsOf(tx, documentId, candidateAt).map((form) => form.id);
  const forms = formRows.length
    ? tx
        .select({ id: documentFiles.id, sha256: documentFiles.sha256 })
        .from(documentFiles)
        .where(inArray(documentFiles.id, formRows))
        .all()
    : [];
  const files = [...images, ...forms];
  for (const file of files) tx.insert(releaseFiles).values({ releaseId, fileId: file.id, sha256: file.sha256 }).run();
  return files;
}

/**
 * A document's file, if this person may see it: the draft's to those who may read the draft,
 * and a released one to everyone who may read that document's releases. Anything else is as
 * if the file did not exist.
 */
export function readableDocumentFile(db: Db, actor: Actor, fileId: string) {
  const file = db.select().from(documentFiles).where(eq(documentFiles.id, fileId)).get();
  if (!file) return undefined;
  const document = getDocument(db, file.documentId);
  if (!document) return undefined;
  const resource = documentResourceFor(db, document, actor);
  if (can(actor, "readDraft", resource)) return file;
  const released = db
    .select({ releaseId: releaseFiles.releaseId })
    .from(releaseFiles)
    .where(eq(releaseFiles.fileId, fileId))
    .limit(1)
    .get();
  return released && can(actor, "read", { type: "releases" }) && can(actor, "read", resource) ? file : undefined;
}

export type FileVerdict =
  { ok: true; checked: number } | { ok: false; checked: number; fileId: string; reason: string };

/**
 * Re-hashes every file a release holds against the hash recorded with the release and in the
 * trail's release event: a picture or form swapped on disk, or its record edited, is named.
 */
export function verifyReleaseFiles(db: Db, dataDir: string): FileVerdict {
  const recorded = new Map<string, string>();
  for (const event of db
    .select({ data: trailEvents.data })
    .from(trailEvents)
    .where(eq(trailEvents.type, "release.created"))
    .all()) {
    const files = (JSON.parse(event.data) as { files?: { id: string; sha256: string }[] }).files ?? [];
    for (const file of files) recorded.set(file.id, file.sha256);
  }
  let checked = 0;
  const rows = db
    .select({ fileId: releaseFiles.fileId, sha256: releaseFiles.sha256, stored: documentFiles.sha256 })
    .from(releaseFiles)
    .innerJoin(documentFiles, eq(documentFiles.id, releaseFiles.fileId))
    .innerJoin(releases, eq(releases.id, releaseFiles.releaseId))
    .all();
  for (const row of rows) {
    const bad = (reason: string): FileVerdict => ({ ok: false, checked, fileId: row.fileId, reason });
    if (recorded.get(row.fileId) !== row.sha256 || row.stored !== row.sha256) {
      return bad("hash differs from the one recorded at approval");
    }
    let bytes: Buffer;
    try {
      bytes = readStoredFile(dataDir, row.fileId);
    } catch {
      return bad("file is missing");
    }
    if (sha256Hex(bytes) !== row.sha256) return bad("file does not match its hash");
    checked++;
  }
  return { ok: true, checked };
}
