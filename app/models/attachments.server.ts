import fs from "node:fs";
import path from "node:path";
import { and, eq } from "drizzle-orm";
import { fileTypeFromBuffer } from "file-type";
import type { Db } from "#db/client.ts";
import { newId } from "#db/ids.ts";
import { attachments, type AttachmentOwner } from "#db/schema/index.ts";
import { DomainError } from "./errors.ts";

/**
 * Photos and files people attach. The content decides what a file is, not its name: a file
 * whose bytes do not match its extension is refused. Files live in the data directory under
 * generated names, outside anything the web server serves, and go out only through a route
 * that checks who asks.
 */

export class AttachmentError extends DomainError<
  "attachment.tooLarge" | "attachment.wrongType" | "attachment.tooMany"
> {}

export const MAX_BYTES = 10 * 1024 * 1024;
export const MAX_FILES = 5;

const allowed: Record<string, readonly string[]> = {
  "image/jpeg": ["jpg", "jpeg"],
  "image/png": ["png"],
  "image/webp": ["webp"],
  "image/heic": ["heic", "heif"],
  "application/pdf": ["pdf"],
};

export type CheckedFile = { name: string; mime: string; bytes: Uint8Array };

/** Checks every file before anything is saved: size, count, and that the content is what the name says. */
export async function checkFiles(files: File[]): Promise<CheckedFile[]> {
  const real = files.filter((f) => f.size > 0);
  if (real.length > MAX_FILES) throw new AttachmentError("attachment.tooMany");
  const checked: CheckedFile[] = [];
  for (const file of real) {
    if (file.size > MAX_BYTES) throw new AttachmentError("attachment.tooLarge");
    const bytes = new Uint8Array(await file.arrayBuffer());
    const type = await fileTypeFromBuffer(bytes);
    const extension = path.extname(file.name).slice(1).toLowerCase();
    if (!type || !allowed[type.mime]?.includes(extension)) throw new AttachmentError("attachment.wrongType");
    checked.push({ name: path.basename(file.name).slice(0, 200), mime: type.mime, bytes });
  }
  return checked;
}

const folder = (dataDir: string) => path.join(dataDir, "uploads");

/**
 * Writes checked files and records them, inside the caller's transaction. A file is written
 * before its row; should the transaction fail, an orphan file is left, never a row without one.
 */
export function storeFiles(
  db: Db,
  dataDir: string,
  owner: { kind: AttachmentOwner; id: string },
  files: CheckedFile[],
  uploadedBy: string,
  now = new Date(),
): string[] {
  if (files.length === 0) return [];
  return files.map((file) => {
    const id = newId();
    writeStoredFile(dataDir, id, file.bytes);
    db.insert(attachments)
      .values({
        id,
        ownerKind: owner.kind,
        ownerId: owner.id,
        fileName: file.name,
        mime: file.mime,
        size: file.bytes.byteLength,
        uploadedBy,
        uploadedAt: now,
      })
      .run();
    return id;
  });
}

export function attachmentsOf(db: Db, kind: AttachmentOwner, ownerId: string) {
  return db
    .select({ id: attachments.id, fileName: attachments.fileName, mime: attachments.mime, size: attachments.size })
    .from(attachments)
    .where(and(eq(attachments.ownerKind, kind), eq(attachments.ownerId, ownerId)))
    .all();
}

export function getAttachment(db: Db, id: string) {
  return db.select().from(attachments).where(eq(attachments.id, id)).get();
}

/** Writes a new stored file under its generated id; an existing file is never overwritten. */
export function writeStoredFile(dataDir: string, id: string, bytes: Uint8Array): void {
  fs.mkdirSync(folder(dataDir), { recursive: true });
  fs.writeFileSync(path.join(folder(dataDir), id), bytes, { flag: "wx" });
}

export function readStoredFile(dataDir: string, id: string): Buffer {
  // Ids are generated base32; anything else never reaches the file system.
  if (!/^[a-z2-7]{16}$/.test(id)) throw new Error("bad attachment id");
  return fs.readFileSync(path.join(folder(dataDir), id));
}
