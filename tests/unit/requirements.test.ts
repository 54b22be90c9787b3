import { beforeEach, describe, expect, it } from "vitest";
import { builtinFrameworks, catalogue } from "#app/models/framework-catalogue.ts";
import { translator } from "#app/i18n/translator.server.ts";
import { linkItems } from "#app/models/links.server.ts";
import { createProcess } from "#app/models/processes.server.ts";
import { coverageOf, validateImport, validateTitles } from "#app/models/requirement-rules.ts";
import {
  addRequirement,
  createFramework,
  enableBuiltin,
  FrameworkImportError,
  frameworkCoverage,
  importFramework,
  nameRequirements,
  setApplicability,
} from "#app/models/requirements.server.ts";
import {
  statementOfApplicability,
  statementOfApplicabilityPdf,
} from "#app/models/statement-of-applicability.server.ts";
import type { User } from "#app/models/users.server.ts";
import type { DbConnection } from "#db/client.ts";
import { createTestDb, makeUser } from "#tests/fixtures/db.ts";

describe("framework import validation", () => {
  it("accepts codes, titles and parents that form a tree", () => {
    const result = validateImport([
      { code: "1", title: "Leveranser" },
      { code: "1.1", title: "Leveranstid", parent: "1" },
      { code: "1.2", title: "Emballage", parent: "1" },
    ]);
    expect(result).toEqual({
      ok: true,
      requirements: [
        { code: "1", title: "Leveranser", parent: null },
        { code: "1.1", title: "Leveranstid", parent: "1" },
        { code: "1.2", title: "Emballage", parent: "1" },
      ],
    });
  });

  it("names every problem at once: missing and duplicate codes, unknown parents, cycles", () => {
    const result = validateImport([
      { code: "", title: "Utan kod" },
      { code: "A", title: "" },
      { code: "B", title: "Bee", parent: "C" },
      { code: "C", title: "Cee", parent: "B" },
      { code: "B", title: "Bee igen" },
      { code: "D", title: "Dee", parent: "X" },
    ]);
    expect(result.ok).toBe(false);
    expect(!result.ok && result.problems).toEqual([
      { key: "frameworks.import.missingCode", row: 1 },
      { key: "frameworks.import.missingTitle", row: 2 },
      { key: "frameworks.import.duplicate", row: 5, code: "B" },
      { key: "frameworks.import.unknownParent", code: "D" },
      { key: "frameworks.import.cycle", code: "B" },
      { key: "frameworks.import.cycle", code: "C" },
    ]);
    expect(validateImport([])).toEqual({ ok: false, problems: [{ key: "frameworks.import.empty" }] });
  });
});

describe("titles from a file", () => {
  it("need a code and a title on every row, and something to read", () => {
    expect(validateTitles([{ code: " A.5.1 ", title: " Policyer " }])).toEqual({
      ok: true,
      titles: [{ code: "A.5.1", title: "Policyer" }],
    });
    expect(validateTitles([{ code: "A.5.1" }, { title: "Utan kod" }])).toEqual({
      ok: false,
      problems: [
        { key: "frameworks.import.missingTitle", row: 1 },
        { key: "frameworks.import.missingCode", row: 2 },
      ],
    });
    expect(validateTitles([])).toEqual({ ok: false, problems: [{ key: "frameworks.import.empty" }] });
  });
});

describe("coverage", () => {
  it("is covered by anything in effect, partly by work in progress, a gap with nothing, and set aside when excluded", () => {
    expect(coverageOf(true, [{ inEffect: false }, { inEffect: true }])).toBe("covered");
    expect(coverageOf(true, [{ inEffect: false }])).toBe("partly");
    expect(coverageOf(true, [])).toBe("gap");
    expect(coverageOf(false, [{ inEffect: true }])).toBe("not_applicable");
  });

  it("ships ISO 27001 Annex A as 93 controls in four themes, numbers only", () => {
    const controls = catalogue("iso27001a").filter((e) => e.parentCode);
    expect(controls).toHaveLength(93);
    expect(new Set(controls.map((c) => c.parentCode))).toEqual(new Set(["A.5", "A.6", "A.7", "A.8"]));
  });

  it("gives every built-in requirement a short title in Swedish and English, except the controls the organisation names", () => {
    for (const locale of ["sv", "en"] as const) {
      const t = translator(locale);
      for (const framework of builtinFrameworks) {
        const entries = catalogue(framework);
        expect(new Set(entries.map((e) => e.code)).size, framework).toBe(entries.length);
        for (const e of entries) {
          if (e.parentCode)
            expect(
              entries.some((p) => p.code === e.parentCode),
              `${framework} ${e.code}`,
            ).toBe(true);
          if (framework === "iso27001a" && e.parentCode) continue;
          expect(e.titleKey && t(e.titleKey as "clauses.4_1") !== e.titleKey, `${locale} ${framework} ${e.code}`).toBe(
            true,
          );
        }
      }
    }
  });

  it("carries each standard's own clauses: environmental aspects, worker participation, risk treatment", () => {
    const codes = (f: (typeof builtinFrameworks)[number]) => catalogue(f).map((e) => e.code);
    expect(codes("iso14001")).toEqual(expect.arrayContaining(["6.1.2", "6.1.3", "9.1.2"]));
    expect(codes("iso45001")).toEqual(expect.arrayContaining(["5.4", "6.1.2", "10.2"]));
    expect(codes("iso27001")).toEqual(expect.arrayContaining(["6.1.3", "8.3"]));
    expect(codes("sosfs2011_9")).toEqual(expect.arrayContaining(["4 kap. 2 §", "5 kap. 1 §", "6 kap.", "7 kap."]));
    expect(codes("afs2023_1")).toContain("2 kap. Årlig uppföljning");
  });
});

let db: DbConnection;
let qm: User;

beforeEach(async () => {
  db = createTestDb();
  qm = await makeUser(db, { role: "quality_manager" });
});

describe("a framework", () => {
  it("reads its coverage from what its requirements are linked to, and keeps exclusions justified", async () => {
    const id = enableBuiltin(db, qm, "iso9001", "ISO 9001");
    expect(() => enableBuiltin(db, qm, "iso9001", "ISO 9001")).toThrow("requirement.frameworkExists");
    const staff = await makeUser(db, { role: "staff" });
    expect(() => enableBuiltin(db, staff, "iso27001a", "ISO 27001")).toThrow("requirement.notAllowed");
    const { requirements, summary } = frameworkCoverage(db, qm, id);
    // Chapters 4 to 10 head the 28 clauses; only the clauses are counted.
    expect(summary).toEqual({ covered: 0, partly: 0, gap: 28, not_applicable: 0 });
    const clause = (code: string) => requirements.find((r) => r.code === code)!;
    const process = createProcess(db, qm, {
      title: "Order",
      kind: "core",
      parentId: null,
      ownerId: qm.id,
      mandate: "",
      purpose: "",
      inputs: "",
      outputs: "",
      customers: "",
      interfaces: "",
    });
    linkItems(db, qm, { kind: "requirement", id: clause("8.5").id }, { kind: "process", id: process });
    expect(() =>
      setApplicability(db, qm, clause("8.3").id, { applicable: false, justification: " ", implementation: null }),
    ).toThrow("requirement.justificationRequired");
    setApplicability(db, qm, clause("8.3").id, {
      applicable: false,
      justification: "Vi konstruerar inga produkter.",
      implementation: null,
    });
    expect(frameworkCoverage(db, qm, id).summary).toEqual({ covered: 1, partly: 0, gap: 26, not_applicable: 1 });
  });

  it("of the organisation's own is imported whole or not at all", () => {
    expect(() =>
      importFramework(db, qm, {
        name: "Kundkrav",
        description: "",
        rows: [
          { code: "1", title: "A" },
          { code: "1", title: "B" },
        ],
      }),
    ).toThrow(FrameworkImportError);
    const id = importFramework(db, qm, {
      name: "Kundkrav",
      description: "",
      rows: [
        { code: "1", title: "Leveranser" },
        { code: "1.1", title: "Leveranstid", parent: "1" },
      ],
    });
    expect(frameworkCoverage(db, qm, id).requirements.map((r) => [r.code, r.title, r.coverage])).toEqual([
      ["1", "Leveranser", "gap"],
      ["1.1", "Leveranstid", "gap"],
    ]);
  });
});

describe("building a framework in the UI", () => {
  it("counts a chapter without sections as a requirement and a chapter with sections as a heading", () => {
    const id = enableBuiltin(db, qm, "sosfs2011_9", "SOSFS 2011:9");
    const { requirements, summary } = frameworkCoverage(db, qm, id);
    const heading = (code: string) => requirements.find((r) => r.code === code)!.isHeading;
    expect([heading("4 kap."), heading("4 kap. 2 §"), heading("6 kap."), heading("7 kap.")]).toEqual([
      true,
      false,
      false,
      false,
    ]);
    expect(summary.gap).toBe(8);
  });

  it("adds a requirement after its parent's last one, and refuses a taken code or an unknown parent", () => {
    const id = enableBuiltin(db, qm, "sosfs2011_9", "SOSFS 2011:9");
    addRequirement(db, qm, id, { code: "4 kap. 5 §", title: "Samverkan", parentCode: "4 kap." });
    const codes = frameworkCoverage(db, qm, id).requirements.map((r) => r.code);
    expect(codes.slice(codes.indexOf("4 kap."), codes.indexOf("5 kap."))).toEqual([
      "4 kap.",
      "4 kap. 2 §",
      "4 kap. 3 §",
      "4 kap. 4 §",
      "4 kap. 5 §",
    ]);
    expect(() => addRequirement(db, qm, id, { code: "4 kap. 5 §", title: "Igen", parentCode: null })).toThrow(
      "requirement.codeTaken",
    );
    expect(() => addRequirement(db, qm, id, { code: "9 kap. 1 §", title: "X", parentCode: "9 kap." })).toThrow(
      "requirement.unknownParent",
    );
  });

  it("creates an empty framework of the organisation's own and fills it requirement by requirement", () => {
    const id = createFramework(db, qm, { name: "Kundkrav Acme", description: "" });
    addRequirement(db, qm, id, { code: "1", title: "Leveranser", parentCode: null });
    addRequirement(db, qm, id, { code: "2", title: "Kvalitet", parentCode: null });
    addRequirement(db, qm, id, { code: "1.1", title: "Leveranstid", parentCode: "1" });
    expect(frameworkCoverage(db, qm, id).requirements.map((r) => r.code)).toEqual(["1", "1.1", "2"]);
  });

  it("names Annex A controls from a list, all codes or none, and exports the Statement of Applicability", async () => {
    const id = enableBuiltin(db, qm, "iso27001a", "ISO 27001 bilaga A");
    expect(() =>
      nameRequirements(db, qm, id, [
        { code: "A.5.1", title: "Policyer" },
        { code: "A.9.9", title: "Finns inte" },
        { code: "A.5", title: "Tema med fast rubrik" },
      ]),
    ).toThrow(FrameworkImportError);
    expect(frameworkCoverage(db, qm, id).requirements.find((r) => r.code === "A.5.1")!.title).toBeNull();
    nameRequirements(db, qm, id, [{ code: "A.5.1", title: "Policyer för informationssäkerhet" }]);
    const a51 = frameworkCoverage(db, qm, id).requirements.find((r) => r.code === "A.5.1")!;
    setApplicability(db, qm, a51.id, { applicable: true, justification: "", implementation: "implemented" });
    const a714 = frameworkCoverage(db, qm, id).requirements.find((r) => r.code === "A.7.14")!;
    setApplicability(db, qm, a714.id, { applicable: false, justification: "Inga lokaler.", implementation: null });
    const soa = statementOfApplicability(db, qm, id)!;
    expect(soa.rows.find((r) => r.code === "A.5.1")).toMatchObject({
      title: "Policyer för informationssäkerhet",
      applicable: true,
      implementation: "implemented",
    });
    expect(soa.rows.find((r) => r.code === "A.7.14")).toMatchObject({
      applicable: false,
      justification: "Inga lokaler.",
    });
    const pdf = await statementOfApplicabilityPdf(soa, {
      title: "Uttalande om tillämplighet",
      intro: "",
      scope: "Omfattning",
      columns: {
        control: "Åtgärd",
        applies: "Tillämplig",
        justification: "Motivering",
        implementation: "Införande",
        evidence: "Bevis",
      },
      titleOf: (r) => r.title ?? r.code,
      yesNo: (a) => (a ? "Ja" : "Nej"),
      implementation: (s) => s ?? "–",
      page: (p, n) => `${p}/${n}`,
    });
    expect(pdf.subarray(0, 5).toString()).toBe("%PDF-");
  });
});
