import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { PDFParse } from "pdf-parse";
import { describe, expect, it } from "vitest";
import { writeInitialContent } from "#app/models/document-content.server.ts";
import { createDocument } from "#app/models/documents.server.ts";
import { handbookDocx, handbookPdf } from "#app/models/handbook-files.server.ts";
import { handbookEntries } from "#app/models/handbook.server.ts";
import { linkItems } from "#app/models/links.server.ts";
import { createProcess } from "#app/models/processes.server.ts";
import { approveReview, listReviewRounds, requestReview } from "#app/models/review-rounds.server.ts";
import { readZip } from "#app/models/zip-reader.server.ts";
import { createTestDb, makeUser } from "#tests/fixtures/db.ts";

async function system() {
  const db = createTestDb();
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "lots-handbook-"));
  const qm = await makeUser(db, { role: "quality_manager" });
  const release = async (title: string, type: "policy" | "routine" | "instruction", text: string) => {
    const id = createDocument(db, qm, { title, type, ownerId: qm.id, unitId: null, areas: ["quality"], tags: [] });
    writeInitialContent(db, id, [
      { type: "heading", attrs: { level: 1 }, content: [{ type: "text", text: `${title}, inledning` }] },
      { type: "paragraph", content: [{ type: "text", text }] },
    ]);
    const reviewId = requestReview(db, qm, id, { approverId: qm.id, reviewerIds: [], message: "" });
    const round = listReviewRounds(db, id).find((r) => r.id === reviewId)!;
    await approveReview(db, qm, reviewId, {
      candidateHash: round.candidateHash,
      password: "correct horse battery",
      step: "major",
      effectiveOn: "2026-01-01",
      summary: "Första",
      readers: [],
    });
    return id;
  };
  const process = (title: string, kind: "management" | "core" | "support") =>
    createProcess(db, qm, {
      title,
      kind,
      parentId: null,
      ownerId: qm.id,
      mandate: "",
      purpose: "",
      inputs: "",
      outputs: "",
      customers: "",
      interfaces: "",
    });
  const support = process("Inköp", "support");
  const core = process("Vård och behandling", "core");
  await release("Kvalitetspolicy", "policy", "Vi ger trygg vård.");
  const purchasing = await release("Inköpsrutin", "routine", "Leverantörer bedöms årligen.");
  const hygiene = await release("Handhygien", "routine", "Tvätta händerna.");
  linkItems(db, qm, { kind: "process", id: support }, { kind: "document", id: purchasing });
  linkItems(db, qm, { kind: "process", id: core }, { kind: "document", id: hygiene });
  return { db, dataDir, core };
}

const labels = {
  contents: "Innehåll",
  reference: "Dokumentnummer",
  version: "Version",
  approvedBy: "Fastställd av",
  effective: "Gäller från",
  process: "Process",
  mapSteps: "Steg:",
  page: "Sida",
  of: "av",
  date: (v: Date | string) => String(v).slice(0, 10),
};
const cover = { organisation: "Ekbacken", title: "Ledningssystemets handbok", scope: "Hela", made: "Idag" };

describe("the handbook", () => {
  it("puts documents in process order: core before support, then what belongs to no process", async () => {
    const { db, dataDir } = await system();
    expect(handbookEntries(db, dataDir, {}).map((e) => [e.title, e.process])).toEqual([
      ["Handhygien", "Vård och behandling"],
      ["Inköpsrutin", "Inköp"],
      ["Kvalitetspolicy", null],
    ]);
  });

  it("takes the list's filters and a process", async () => {
    const { db, dataDir, core } = await system();
    expect(handbookEntries(db, dataDir, { type: "policy" }).map((e) => e.title)).toEqual(["Kvalitetspolicy"]);
    expect(handbookEntries(db, dataDir, { processId: core }).map((e) => e.title)).toEqual(["Handhygien"]);
  });

  it("is one PDF with a cover, the contents and each document under its identity", async () => {
    const { db, dataDir } = await system();
    const pdf = await handbookPdf(handbookEntries(db, dataDir, {}), cover, labels);
    const { text } = await new PDFParse({ data: pdf }).getText();
    const order = [
      "Ledningssystemets handbok",
      "Innehåll",
      "Handhygien, inledning",
      "Inköpsrutin, inledning",
      "Kvalitetspolicy, inledning",
    ];
    expect(order.map((t) => text.indexOf(t)).every((at, i, all) => at >= 0 && (i === 0 || at > all[i - 1]!))).toBe(
      true,
    );
    expect(text).toContain("Version 1.0");
    expect(text).toMatch(/Sida 1 av \d/);
  });

  it("is one Word file with a table of contents Word fills in, and each document a section of its own", async () => {
    const { db, dataDir } = await system();
    const file = await handbookDocx(handbookEntries(db, dataDir, {}), cover, labels);
    const [body] = await readZip(
      file,
      { maxEntries: 100, maxTotalBytes: 1e8, maxEntryBytes: 1e8, maxRatio: 1000 },
      (n) => n === "word/document.xml",
    );
    const xml = body!.bytes.toString("utf8");
    expect(xml).toContain("TOC \\h \\o &quot;1-1&quot;");
    expect(xml.match(/<w:sectPr/g)?.length).toBe(4);
    expect(xml.indexOf("Handhygien")).toBeLessThan(xml.indexOf("Kvalitetspolicy"));
  });
});
