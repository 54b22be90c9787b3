import fs from "node:fs";
import path from "node:path";
import { newId } from "#db/ids.ts";
import type { ControlledType } from "#db/schema/index.ts";
import { guessType, type FileRefusal, type Upload } from "./document-import.server.ts";

/**
 * A batch of Word files waits here between the preview (where people correct each file's
 * type) and the import, which then runs file by file so the page can show its progress. A
 * batch belongs to the person who sent it and is cleared when done, or after a day.
 */

const KEEP_MS = 24 * 60 * 60 * 1000;

export type StagedFile = { index: number; path: string; type: ControlledType; size: number };
export type Batch = { id: string; createdBy: string; createdAt: number; files: StagedFile[]; refused: FileRefusal[] };

const root = (dataDir: string) => path.join(dataDir, "imports");
const folder = (dataDir: string, id: string) => {
  // Ids are generated base32; anything else never reaches the file system.
  if (!/^[a-z2-7]{16}$/.test(id)) throw new Error("bad batch id");
  return path.join(root(dataDir), id);
};

export function stageBatch(
  dataDir: string,
  createdBy: string,
  files: Upload[],
  refused: FileRefusal[],
  now = new Date(),
): Batch {
  clearOldBatches(dataDir, now);
  const id = newId();
  const dir = folder(dataDir, id);
  fs.mkdirSync(dir, { recursive: true });
  const staged = files.map((file, index) => {
    fs.writeFileSync(path.join(dir, `${index}.docx`), file.bytes, { flag: "wx" });
    return { index, path: file.name, type: guessType(file.name), size: file.bytes.byteLength };
  });
  const batch: Batch = { id, createdBy, createdAt: now.getTime(), files: staged, refused };
  fs.writeFileSync(path.join(dir, "batch.json"), JSON.stringify(batch));
  return batch;
}

/** The batch, if it is this person's and still kept. */
export function openBatch(dataDir: string, id: string, userId: string): Batch | undefined {
  let batch: Batch;
  try {
    batch = JSON.parse(fs.readFileSync(path.join(folder(dataDir, id), "batch.json"), "utf8")) as Batch;
  } catch {
    return undefined;
  }
  return batch.createdBy === userId ? batch : undefined;
}

export function stagedFile(dataDir: string, batch: Batch, index: number): Upload | undefined {
  const file = batch.files.find((f) => f.index === index);
  if (!file) return undefined;
  return {
    name: file.path,
    bytes: new Uint8Array(fs.readFileSync(path.join(folder(dataDir, batch.id), `${index}.docx`))),
  };
}

/** A file leaves the batch once it has been imported or refused, so it is never imported twice. */
export function unstage(dataDir: string, batch: Batch, index: number): void {
  fs.rmSync(path.join(folder(dataDir, batch.id), `${index}.docx`), { force: true });
}

export function clearBatch(dataDir: string, id: string): void {
  fs.rmSync(folder(dataDir, id), { recursive: true, force: true });
}

function clearOldBatches(dataDir: string, now: Date): void {
  if (!fs.existsSync(root(dataDir))) return;
  for (const id of fs.readdirSync(root(dataDir))) {
    const dir = path.join(root(dataDir), id);
    if (now.getTime() - fs.statSync(dir).mtimeMs > KEEP_MS) fs.rmSync(dir, { recursive: true, force: true });
  }
}
