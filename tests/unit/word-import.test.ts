import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { JSONContent } from "@tiptap/core";
import yazl from "yazl";
import { beforeEach, describe, expect, it } from "vitest";
import { renderStoredDocument } from "#app/models/document-content.server.ts";
import { readableDocumentFile, verifyReleaseFiles } from "#app/models/document-files.server.ts";
import { guessType, importOf, importWordFile, wordFilesIn } from "#app/models/document-import.server.ts";
import { getDocument } from "#app/models/documents.server.ts";
import { listReleases } from "#app/models/releases.server.ts";
import { convertWord, detailsFromCells, WordImportRefusal } from "#app/models/word-import.server.ts";
import { verifyTrail } from "#app/models/trail.server.ts";
import type { User } from "#app/models/users.server.ts";
import type { DbConnection } from "#db/client.ts";
import { createTestDb, makeUser } from "#tests/fixtures/db.ts";

const fixture = (name: string) => new Uint8Array(fs.readFileSync(path.join("tests/fixtures/office", name)));
const words = { notesHeading: "Fotnoter", approvedOutside: (by?: string) => `Godkänd utanför Lots av ${by}` };

const find = (nodes: JSONContent[], type: string): JSONContent[] =>
  nodes.flatMap((n) => [...(n.type === type ? [n] : []), ...find(n.content ?? [], type)]);
const text = (node: JSONContent): string => (node.text ?? "") + (node.content ?? []).map(text).join("");

function zipOf(entries: Record<string, Uint8Array | Buffer>): Promise<Uint8Array> {
  const zip = new yazl.ZipFile();
  for (const [name, bytes] of Object.entries(entries)) zip.addBuffer(Buffer.from(bytes), name);
  zip.end();
  const chunks: Buffer[] = [];
  return new Promise((resolve) => {
    zip.outputStream.on("data", (c: Buffer) => chunks.push(c));
    zip.outputStream.on("end", () => resolve(new Uint8Array(Buffer.concat(chunks))));
  });
}

describe("a Word file made by LibreOffice with Swedish styles", () => {
  it("keeps headings from 'Rubrik 1–3', marks, nested lists, a merged-cell table, a link and the picture", async () => {
    const word = await convertWord("Rutiner/Handhygien.docx", fixture("handhygien.docx"), "Fotnoter");
    const headings = find(word.content, "heading").map((h) => [h.attrs?.level, text(h)]);
    expect(headings).toEqual([
      [1, "Rutin för handhygien"],
      [2, "Så gör du"],
      [3, "Ansvar"],
      [2, "Fotnoter"],
    ]);
    const marks = find(word.content, "text").flatMap((t) => (t.marks ?? []).map((m) => `${m.type}:${t.text}`));
    expect(marks).toEqual(
      expect.arrayContaining([
        "bold:all personal",
        "italic:vård och omsorg",
        "underline:noga",
        "link:Folkhälsomyndigheten",
      ]),
    );
    const outer = find(word.content, "bulletList")[0]!;
    expect(find(outer.content!, "bulletList")).toHaveLength(1);
    const [table] = find(word.content, "table");
    expect(find([table!], "tableHeader").map(text)).toEqual(["Roll", "Uppgift", "När"]);
    expect(find([table!], "tableCell").find((c) => text(c) === "Enhetschef följer upp")?.attrs?.colspan).toBe(2);
    const [image] = find(word.content, "image");
    expect(image?.attrs?.src).toMatch(/^\/dokument\/filer\/[a-z2-7]{16}$/);
    expect(word.images).toHaveLength(1);
    expect(word.images[0]!.mime).toBe("image/png");
    expect(word.title).toBe("Rutin för handhygien");
  });

  it("turns footnotes into end notes: the number stays in the text, the note comes last", async () => {
    const word = await convertWord("Handhygien.docx", fixture("handhygien.docx"), "Fotnoter");
    const paragraphs = find(word.content, "paragraph").map(text);
    expect(paragraphs.find((p) => p.startsWith("Rutinen gäller"))).toContain("noga.[1]");
    expect(text(word.content.at(-1)!)).toContain("Enligt SOSFS 2015:10.");
    expect(word.report.kept.footnotes).toBe(1);
  });

  it("reads the header table into the register's details and takes it out of the text", async () => {
    const word = await convertWord("Handhygien.docx", fixture("handhygien.docx"), "Fotnoter");
    expect(word.report.details).toEqual({
      reference: "RUT-012",
      version: "3.1",
      owner: "Karin Kvalitet",
      approvedBy: "Anders Ansvarig",
      validFrom: "2026-03-01",
    });
    expect(word.report.detailsFrom).toBe("table");
    expect(find(word.content, "table")).toHaveLength(1);
    expect(JSON.stringify(word.content)).not.toContain("RUT-012");
  });

  it("reports what came along and what Word had that Lots cannot hold", async () => {
    const swedish = await convertWord("Handhygien.docx", fixture("handhygien.docx"), "Fotnoter");
    // The end notes are a list of their own.
    expect(swedish.report.kept).toMatchObject({ headings: 4, lists: 2, tables: 1, images: 1, links: 1 });
    expect(swedish.report.lost).toEqual({ textBoxes: 1 });
    const english = await convertWord("Policy.docx", fixture("quality-policy.docx"), "Footnotes");
    expect(english.report.lost).toEqual({ trackedChanges: 1, comments: 1 });
  });
});

describe("a Word file with English built-in styles", () => {
  it("keeps 'Heading 1–2' and reads 'Label: value' lines at the top, dates in Swedish order", async () => {
    const word = await convertWord("Policy.docx", fixture("quality-policy.docx"), "Footnotes");
    expect(find(word.content, "heading").map((h) => [h.attrs?.level, text(h)])).toEqual([
      [1, "Quality policy"],
      [2, "Our promises"],
    ]);
    expect(word.report.details).toEqual({ reference: "QP-01", owner: "Vera Verksamhet", validFrom: "2026-03-01" });
    expect(word.report.detailsFrom).toBe("lines");
    expect(text(word.content[0]!)).toBe("Quality policy");
  });
});

describe("register details", () => {
  it("finds labels beside their values, inline, or in a row above them, in Swedish and English", () => {
    expect(detailsFromCells(["Dok.nr", "A-1", "Fastställd av:", "Eva", "Giltig från", "2026-05-01"])).toEqual({
      reference: "A-1",
      approvedBy: "Eva",
      validFrom: "2026-05-01",
    });
    expect(detailsFromCells(["Document number: X-9", "Approved by: Bo", "Version: 2"])).toEqual({
      reference: "X-9",
      approvedBy: "Bo",
      version: "2",
    });
    // A label followed by another label is not its value.
    expect(detailsFromCells(["Ägare", "Version", "4"])).toEqual({ version: "4" });
  });

  it("guesses a file's type from its own name first, then its folders", () => {
    expect(guessType("Ledningssystem/Policyer/Miljöpolicy.docx")).toBe("policy");
    expect(guessType("Rutiner/Arbetsinstruktion städ.docx")).toBe("instruction");
    expect(guessType("Rutiner/Handhygien.docx")).toBe("routine");
    expect(guessType("Planer/Krisplan.docx")).toBe("plan");
    expect(guessType("Övrigt/Något.docx")).toBe("routine");
  });
});

describe("bad files", () => {
  const refusal = async (bytes: Uint8Array) => {
    try {
      await convertWord("fil.docx", bytes, "Fotnoter");
    } catch (error) {
      return error instanceof WordImportRefusal ? error.reason : String(error);
    }
    return "accepted";
  };

  it("refuses a text file named .docx, a password-protected or old Word file, and a damaged one", async () => {
    expect(await refusal(new TextEncoder().encode("Detta är ingen Word-fil"))).toBe("notDocx");
    const compound = new Uint8Array(4096);
    compound.set([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);
    expect(await refusal(compound)).toBe("encrypted");
    const damaged = fixture("handhygien.docx").slice(0, 3000);
    expect(await refusal(damaged)).toBe("corrupt");
  });

  it("opens no zip that unpacks to far more than it weighs, or that climbs out of its folder", async () => {
    const bomb = await zipOf({ "Rutiner/stor.docx": Buffer.alloc(20 * 1024 * 1024) });
    expect(bomb.byteLength).toBeLessThan(100 * 1024);
    const climbing = Buffer.from(await zipOf({ "aa/ond.docx": fixture("handhygien.docx") }));
    // The same zip with its entry renamed to ../ond.docx, as a hostile tool would write it.
    const renamed = new Uint8Array(
      Buffer.from(climbing.toString("latin1").replaceAll("aa/ond.docx", "../ond.docx"), "latin1"),
    );
    const found = await wordFilesIn([
      { name: "bomb.zip", bytes: bomb },
      { name: "ond.zip", bytes: renamed },
      { name: "bild.png", bytes: new Uint8Array([1, 2, 3]) },
      {
        name: "ok.zip",
        bytes: await zipOf({
          "Rutiner/Handhygien.docx": fixture("handhygien.docx"),
          "~$Handhygien.docx": new Uint8Array(10),
        }),
      },
    ]);
    expect(found.refused).toEqual([
      { path: "bomb.zip", reason: "bomb" },
      { path: "ond.zip", reason: "badPath" },
      { path: "bild.png", reason: "notWord" },
    ]);
    expect(found.files.map((f) => f.name)).toEqual(["Rutiner/Handhygien.docx"]);
  });
});

describe("importing into Lots", () => {
  let db: DbConnection;
  let dataDir: string;
  let quality: User;
  let staff: User;

  beforeEach(async () => {
    db = createTestDb();
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "lots-import-"));
    quality = await makeUser(db, { role: "quality_manager", name: "Kim Kvalitet" });
    staff = await makeUser(db, { role: "staff" });
    await makeUser(db, { role: "process_owner", name: "Karin Kvalitet" });
  });

  const choice = { type: "routine" as const, ownerId: "", unitId: null, approvedOutside: false };

  it("makes a draft whose stored text is the Word file's, with its picture, number and owner from the file", async () => {
    const imported = await importWordFile(
      db,
      dataDir,
      quality,
      { name: "Handhygien.docx", bytes: fixture("handhygien.docx") },
      { ...choice, ownerId: quality.id },
      words,
    );
    const document = getDocument(db, imported.documentId)!;
    expect(document).toMatchObject({
      title: "Rutin för handhygien",
      reference: "RUT-012",
      ownerName: "Karin Kvalitet",
    });
    expect(imported.ownerFromFile).toBe(true);
    const { html } = renderStoredDocument(db, imported.documentId);
    expect(html).toContain("<h1>Rutin för handhygien</h1>");
    const src = /<img src="\/dokument\/filer\/([a-z2-7]{16})"/.exec(html)?.[1];
    expect(src).toBeDefined();
    // The draft's picture is the draft's readers' only.
    expect(readableDocumentFile(db, quality, src!)).toBeDefined();
    expect(readableDocumentFile(db, staff, src!)).toBeUndefined();
    expect(importOf(db, imported.documentId)?.report.details.reference).toBe("RUT-012");
    expect(verifyTrail(db).ok).toBe(true);
  });

  it("registers a file approved elsewhere as 1.0 with the original kept as evidence, and the trail checks its files", async () => {
    const imported = await importWordFile(
      db,
      dataDir,
      quality,
      { name: "Handhygien.docx", bytes: fixture("handhygien.docx") },
      { ...choice, ownerId: quality.id, approvedOutside: true },
      words,
    );
    expect(imported.version).toBe("1.0");
    const [release] = listReleases(db, imported.documentId);
    expect(release).toMatchObject({ effectiveOn: "2026-03-01", summary: "Godkänd utanför Lots av Anders Ansvarig" });
    const src = /<img src="\/dokument\/filer\/([a-z2-7]{16})"/.exec(
      renderStoredDocument(db, imported.documentId).html,
    )![1]!;
    // Once released, staff see the picture of the release they may read.
    expect(readableDocumentFile(db, staff, src)).toBeDefined();
    expect(verifyReleaseFiles(db, dataDir)).toEqual({ ok: true, checked: 2 });
    fs.writeFileSync(path.join(dataDir, "uploads", src), "ett annat innehåll");
    expect(verifyReleaseFiles(db, dataDir)).toMatchObject({
      ok: false,
      fileId: src,
      reason: "file does not match its hash",
    });
  });

  it("lets no one import who may not create documents, and stores nothing for a refused file", async () => {
    await expect(
      importWordFile(
        db,
        dataDir,
        staff,
        { name: "Handhygien.docx", bytes: fixture("handhygien.docx") },
        { ...choice, ownerId: staff.id },
        words,
      ),
    ).rejects.toThrow("document.notAllowed");
    await expect(
      importWordFile(
        db,
        dataDir,
        quality,
        { name: "x.docx", bytes: new Uint8Array(10) },
        { ...choice, ownerId: quality.id },
        words,
      ),
    ).rejects.toBeInstanceOf(WordImportRefusal);
    expect(fs.existsSync(path.join(dataDir, "uploads"))).toBe(false);
  });
});
