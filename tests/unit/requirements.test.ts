import { beforeEach, describe, expect, it } from "vitest";
import { catalogue } from "#app/models/framework-catalogue.ts";
import { linkItems } from "#app/models/links.server.ts";
import { createProcess } from "#app/models/processes.server.ts";
import { coverageOf, validateImport } from "#app/models/requirement-rules.ts";
import {
  enableBuiltin,
  FrameworkImportError,
  frameworkCoverage,
  importFramework,
  setApplicability,
} from "#app/models/requirements.server.ts";
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
