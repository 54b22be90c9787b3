import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { beforeEach, describe, expect, it } from "vitest";
import { writeInitialContent } from "#app/models/document-content.server.ts";
import {
  addDocumentFile,
  formsOf,
  readableDocumentFile,
  releaseFormsOf,
  removeForm,
} from "#app/models/document-files.server.ts";
import { createDocument } from "#app/models/documents.server.ts";
import { approveReview, listReviewRounds, requestReview } from "#app/models/review-rounds.server.ts";
import { listReleases, requireRelease } from "#app/models/releases.server.ts";
import type { User } from "#app/models/users.server.ts";
import type { DbConnection } from "#db/client.ts";
import { createTestDb, makeUser } from "#tests/fixtures/db.ts";

const png = Uint8Array.from(
  Buffer.from(
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==",
    "base64",
  ),
);
const docx = new Uint8Array(fs.readFileSync("tests/fixtures/office/quality-policy.docx"));
// The start of a HEIC photo, as iPhones take them: a picture browsers cannot show.
const heic = Uint8Array.from([
  0,
  0,
  0,
  0x18,
  ...Buffer.from("ftypheic"),
  0,
  0,
  0,
  0,
  ...Buffer.from("mif1heic"),
  ...new Array(64).fill(0),
]);

let db: DbConnection;
let dataDir: string;
let author: User;
let approver: User;
let staff: User;
let documentId: string;

beforeEach(async () => {
  db = createTestDb();
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "lots-files-"));
  author = await makeUser(db, { role: "process_owner" });
  approver = await makeUser(db, { role: "quality_manager" });
  staff = await makeUser(db, { role: "staff" });
  documentId = createDocument(db, author, {
    title: "Rutin för städning",
    type: "routine",
    ownerId: author.id,
    unitId: null,
    areas: [],
    tags: [],
  });
});

async function release(step: "major" | "minor" = "major") {
  const reviewId = requestReview(db, author, documentId, { approverId: approver.id, reviewerIds: [], message: "" });
  const round = listReviewRounds(db, documentId).find((r) => r.id === reviewId)!;
  return approveReview(db, approver, reviewId, {
    candidateHash: round.candidateHash,
    password: "correct horse battery",
    step,
    effectiveOn: "2026-01-01",
    summary: "Utgåva",
    readers: [],
  });
}

describe("pictures and forms in a document", () => {
  it("refuses a picture browsers cannot show, a file that is not what its name says, and staff", async () => {
    await expect(
      addDocumentFile(db, dataDir, author, documentId, "image", { name: "foto.heic", bytes: heic }),
    ).rejects.toThrow("documentFile.imageNotShown");
    await expect(
      addDocumentFile(db, dataDir, author, documentId, "form", { name: "blankett.xlsx", bytes: docx }),
    ).rejects.toThrow("documentFile.wrongType");
    await expect(
      addDocumentFile(db, dataDir, staff, documentId, "image", { name: "bild.png", bytes: png }),
    ).rejects.toThrow("documentFile.notAllowed");
  });

  it("freezes a release's pictures and forms: later changes to the draft leave the release as approved", async () => {
    const image = await addDocumentFile(db, dataDir, author, documentId, "image", { name: "bild.png", bytes: png });
    const form = await addDocumentFile(db, dataDir, author, documentId, "form", {
      name: "Checklista.docx",
      bytes: docx,
    });
    writeInitialContent(db, documentId, [
      { type: "paragraph", content: [{ type: "text", text: "Städa enligt bilden." }] },
      { type: "image", attrs: { src: image.src, alt: "Städvagnen" } },
    ]);
    const first = await release();
    expect(requireRelease(db, first.id).html).toContain(`<img src="${image.src}" alt="Städvagnen"`);
    // Staff may not open the draft's files, only those a release they may read holds.
    expect(readableDocumentFile(db, staff, form.id)).toBeDefined();
    const later = await addDocumentFile(db, dataDir, author, documentId, "form", { name: "Ny.docx", bytes: docx });
    expect(readableDocumentFile(db, staff, later.id)).toBeUndefined();
    removeForm(db, author, documentId, form.id);
    expect(formsOf(db, documentId).map((f) => f.fileName)).toEqual(["Ny.docx"]);
    expect(releaseFormsOf(db, first.id).map((f) => f.fileName)).toEqual(["Checklista.docx"]);
    const second = await release("minor");
    expect(releaseFormsOf(db, second.id).map((f) => f.fileName)).toEqual(["Ny.docx"]);
    expect(listReleases(db, documentId)).toHaveLength(2);
  });

  it("never changes or deletes a stored file's record", async () => {
    const image = await addDocumentFile(db, dataDir, author, documentId, "image", { name: "bild.png", bytes: png });
    expect(() => db.$client.prepare("update document_files set sha256 = 'x' where id = ?").run(image.id)).toThrow(
      /immutable/,
    );
    expect(() => db.$client.prepare("delete from document_files where id = ?").run(image.id)).toThrow(/immutable/);
  });
});
