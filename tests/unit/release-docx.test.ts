import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { JSONContent } from "@tiptap/core";
import { describe, expect, it } from "vitest";
import { releaseImages } from "#app/models/document-files.server.ts";
import { importWordFile } from "#app/models/document-import.server.ts";
import { releaseDocx } from "#app/models/release-docx.server.ts";
import { releasePdf } from "#app/models/release-pdf.server.ts";
import { listReleases, requireRelease } from "#app/models/releases.server.ts";
import { convertWord } from "#app/models/word-import.server.ts";
import { readZip } from "#app/models/zip-reader.server.ts";
import { createTestDb, makeUser } from "#tests/fixtures/db.ts";

const find = (nodes: JSONContent[], type: string): JSONContent[] =>
  nodes.flatMap((n) => [...(n.type === type ? [n] : []), ...find(n.content ?? [], type)]);
const text = (node: JSONContent): string => (node.text ?? "") + (node.content ?? []).map(text).join("");

async function releasedRoutine() {
  const db = createTestDb();
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "lots-docx-"));
  const quality = await makeUser(db, { role: "quality_manager", name: "Kim Kvalitet" });
  const bytes = new Uint8Array(fs.readFileSync("tests/fixtures/office/handhygien.docx"));
  const imported = await importWordFile(
    db,
    dataDir,
    quality,
    { name: "Handhygien.docx", bytes },
    { type: "routine", ownerId: quality.id, unitId: null, approvedOutside: true },
    { notesHeading: "Fotnoter", approvedOutside: () => "Godkänd utanför Lots" },
  );
  const release = requireRelease(db, listReleases(db, imported.documentId)[0]!.id);
  const identity = {
    title: release.title,
    reference: "RUT-012",
    version: "1.0",
    approverName: release.approverName,
    approvedOn: "7 dec. 2026",
    effectiveOn: "1 mars 2026",
    organisation: "Vårdcentralen Ekbacken",
    content: JSON.parse(release.contentJson) as JSONContent,
  };
  return { identity, images: releaseImages(db, dataDir, release.id) };
}

const labels = {
  reference: "Dokumentnummer",
  version: "Version",
  approvedBy: "Fastställd av",
  effective: "Gäller från",
  page: "Sida",
  of: "av",
};

describe("a release as a Word file", () => {
  it("reads back with the same headings, lists, table and picture", async () => {
    const { identity, images } = await releasedRoutine();
    const file = await releaseDocx(identity, labels, images);
    const again = await convertWord("export.docx", new Uint8Array(file), "Fotnoter");
    const before = find(identity.content.content!, "heading").map(text);
    expect(find(again.content, "heading").map(text)).toEqual(before);
    const lists = again.content.filter((n) => n.type === "bulletList");
    expect(lists).toHaveLength(1);
    // The nested list is still nested.
    expect(find(lists[0]!.content!, "bulletList").map(text)).toEqual(["före patientkontaktefter patientkontakt"]);
    expect(find(again.content, "tableCell").find((c) => text(c) === "Enhetschef följer upp")?.attrs?.colspan).toBe(2);
    expect(again.images).toHaveLength(1);
  });

  it("carries the document's identity in every page's header and 'Sida X av Y' in the footer", async () => {
    const { identity, images } = await releasedRoutine();
    const parts = await readZip(await releaseDocx(identity, labels, images), {
      maxEntries: 100,
      maxTotalBytes: 1e8,
      maxEntryBytes: 1e8,
      maxRatio: 1000,
    });
    const part = (pattern: RegExp) => parts.find((p) => pattern.test(p.name))!.bytes.toString("utf8");
    const header = part(/^word\/header\d*\.xml$/);
    for (const expected of [
      "Rutin för handhygien",
      "Dokumentnummer RUT-012",
      "Version 1.0",
      "Gäller från 1 mars 2026",
    ]) {
      expect(header).toContain(expected);
    }
    const footer = part(/^word\/footer\d*\.xml$/);
    expect(footer).toContain("Sida");
    expect(footer).toMatch(/PAGE/);
    expect(footer).toMatch(/NUMPAGES/);
  });
});

describe("a release as a PDF", () => {
  it("carries its pictures", async () => {
    const { identity, images } = await releasedRoutine();
    const labels = {
      version: "Version",
      approvedBy: "Fastställd av",
      effective: "Gäller från",
      nextReview: "Nästa",
      page: (p: number, n: number) => `Sida ${p} av ${n}`,
    };
    const withImages = await releasePdf({ ...identity, approvedOn: "x", nextReviewOn: null }, labels, images);
    const without = await releasePdf({ ...identity, approvedOn: "x", nextReviewOn: null }, labels);
    expect(withImages.toString("latin1")).toMatch(/\/Subtype \/Image/);
    expect(without.toString("latin1")).not.toMatch(/\/Subtype \/Image/);
  });
});
