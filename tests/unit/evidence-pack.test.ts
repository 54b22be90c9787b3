import { PDFParse } from "pdf-parse";
import { describe, expect, it } from "vitest";
import { evidencePackLabels } from "#app/models/evidence-pack-labels.ts";
import { evidencePack, evidencePackPdf } from "#app/models/evidence-pack.server.ts";
import { enableBuiltin } from "#app/models/requirements.server.ts";
import type { Locale } from "#app/domain/values.ts";
import { createTestDb, makeUser } from "#tests/fixtures/db.ts";

async function pdfText(db: ReturnType<typeof createTestDb>, locale: Locale, actor: Parameters<typeof evidencePack>[1]) {
  const pack = evidencePack(db, actor);
  const pdf = await evidencePackPdf(db, pack, evidencePackLabels(locale, pack.generatedOn));
  return (await new PDFParse({ data: pdf }).getText()).text;
}

describe("the evidence pack as a PDF", () => {
  it("says once that no frameworks are entered, and then has no empty coverage section", async () => {
    const db = createTestDb();
    const manager = await makeUser(db, { role: "quality_manager" });
    const text = await pdfText(db, "sv", manager);
    expect(text.split("Inga ramverk är inlagda ännu").length - 1).toBe(1);
    expect(text).not.toContain("Ramverk och täckning");
  });

  it("with a framework entered, gives its scope and its coverage instead", async () => {
    const db = createTestDb();
    const manager = await makeUser(db, { role: "quality_manager" });
    enableBuiltin(db, manager, "iso9001", "ISO 9001");
    const text = await pdfText(db, "en", manager);
    expect(text).not.toContain("No frameworks");
    expect(text.match(/ISO 9001/g)?.length).toBeGreaterThanOrEqual(2);
  });
});
