import { beforeEach, describe, expect, it } from "vitest";
import { annualReportDue, annualReportSections } from "#app/models/annual-report-rules.ts";
import { annualCycle, sendCycleReminders } from "#app/models/annual-cycle.server.ts";
import {
  annualEvidence,
  annualReportsOwed,
  createAnnualReport,
  listAnnualReports,
} from "#app/models/annual-reports.server.ts";
import { enableBuiltin } from "#app/models/requirements.server.ts";
import { createProgramme } from "#app/models/audit-programmes.server.ts";
import { renderStoredDocument } from "#app/models/document-content.server.ts";
import { factText } from "#app/models/management-review-rules.ts";
import { translator } from "#app/i18n/translator.server.ts";
import type { User } from "#app/models/users.server.ts";
import type { DbConnection } from "#db/client.ts";
import { createTestDb, makeUser } from "#tests/fixtures/db.ts";

let db: DbConnection;
let qm: User;
const t = translator("sv");

beforeEach(async () => {
  db = createTestDb();
  qm = await makeUser(db, { role: "quality_manager" });
});

const texts = (kind: keyof typeof annualReportSections) => ({
  title: `Rapport ${kind}`,
  headings: Object.fromEntries(annualReportSections[kind].map((s) => [s, t(`annualReports.sections.${s}`)])) as never,
  fact: (f: Parameters<typeof factText>[1]) => factText(t, f),
});

describe("annual reports", () => {
  it("are due by 1 March of the next year, the SAM summary by the end of its own", () => {
    expect(annualReportDue("patient_safety", 2026)).toBe("2027-03-01");
    expect(annualReportDue("quality", 2026)).toBe("2027-03-01");
    expect(annualReportDue("sam_summary", 2026)).toBe("2026-12-31");
  });

  it("are owed by what the organisation answers to: the care reports only under SOSFS 2011:9", () => {
    const now = new Date("2027-01-15T10:00:00");
    expect(annualReportsOwed(db)).toEqual(["sam_summary"]);
    expect(() => createAnnualReport(db, qm, "patient_safety", 2026, texts("patient_safety"), now)).toThrow(
      "annualReport.notOwed",
    );
    expect(annualCycle(db, 2027, now).map((d) => d.key)).not.toContain("report_patient_safety");
    enableBuiltin(db, qm, "sosfs2011_9", "SOSFS 2011:9");
    expect(annualReportsOwed(db)).toEqual(["patient_safety", "quality", "sam_summary"]);
  });

  it("are created once per kind and year, pre-filled with the year's data under their headings", () => {
    const now = new Date("2027-01-15T10:00:00");
    enableBuiltin(db, qm, "sosfs2011_9", "SOSFS 2011:9");
    expect(annualEvidence(db, "patient_safety", 2026, now).incidents.facts[0]).toMatchObject({
      key: "reports",
      values: { total: 0 },
    });
    const documentId = createAnnualReport(db, qm, "patient_safety", 2026, texts("patient_safety"), now);
    const html = renderStoredDocument(db, documentId).html;
    expect(html).toContain("Övergripande mål och strategier");
    expect(html).toContain("0 rapporter under perioden");
    expect(() => createAnnualReport(db, qm, "patient_safety", 2026, texts("patient_safety"), now)).toThrow(
      "annualReport.exists",
    );
    expect(() => createAnnualReport(db, qm, "quality", 2028, texts("quality"), now)).toThrow("annualReport.badYear");
    expect(listAnnualReports(db, now)).toMatchObject([{ kind: "patient_safety", year: 2026, released: false }]);
  });
});

describe("the annual cycle", () => {
  it("lays out the year's duties with their state, and reminds leadership once of those due", () => {
    const now = new Date("2027-02-10T10:00:00");
    enableBuiltin(db, qm, "sosfs2011_9", "SOSFS 2011:9");
    const duties = annualCycle(db, 2027, now);
    const state = (key: string) => duties.find((d) => d.key === key);
    // No programme by the end of January: late. The reports for 2026 are due on 1 March: soon.
    expect(state("auditProgramme")).toMatchObject({ dueOn: "2027-01-31", status: "overdue" });
    expect(state("report_patient_safety")).toMatchObject({ dueOn: "2027-03-01", status: "due" });
    expect(state("managementReview")).toMatchObject({ dueOn: "2027-12-31", status: "upcoming" });
    createProgramme(db, qm, 2027, "", now);
    // Done, and on the day it was: ten days after the last day, which the cycle shows.
    expect(annualCycle(db, 2027, now).find((d) => d.key === "auditProgramme")).toMatchObject({
      status: "done",
      doneOn: "2027-02-10",
    });

    const sent = sendCycleReminders(db, now);
    expect(sent).toBeGreaterThan(0);
    expect(sendCycleReminders(db, now)).toBe(0);
  });
});
