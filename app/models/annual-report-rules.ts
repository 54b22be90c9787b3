import type { AnnualReportKind } from "#app/domain/values.ts";

/**
 * What each annual report is made of, section by section. The patient-safety report follows
 * what Patientsäkerhetslagen (3 kap. 10 §) and HSLF-FS 2017:40 ask it to describe; the quality
 * report what SOSFS 2011:9 asks the management system to show; the SAM summary the year's
 * work-environment management (AFS 2023:1). Headings are in the catalogues
 * (`annualReports.sections.<section>`).
 */
export const annualReportSections = {
  patient_safety: [
    "goals",
    "responsibility",
    "cooperation",
    "riskAnalysis",
    "selfMonitoring",
    "incidents",
    "complaints",
    "actions",
    "results",
    "nextYear",
  ],
  quality: [
    "system",
    "processes",
    "selfMonitoring",
    "deviations",
    "complaints",
    "risks",
    "objectives",
    "actions",
    "nextYear",
  ],
  sam_summary: ["followUp", "incidents", "risks", "selfMonitoring", "actions", "nextYear"],
} as const satisfies Record<AnnualReportKind, readonly string[]>;

export type AnnualReportSection = (typeof annualReportSections)[AnnualReportKind][number];

/**
 * When a year's report is due: the patient-safety report by 1 March of the next year (the
 * law's date), the quality report with it, the SAM summary by the end of the year it covers.
 */
export function annualReportDue(kind: AnnualReportKind, year: number): string {
  return kind === "sam_summary" ? `${year}-12-31` : `${year + 1}-03-01`;
}

/**
 * Which reports an organisation owes follows from what it answers to: the patient-safety and
 * quality reports are health and social care duties (Patientsäkerhetslagen, SOSFS 2011:9), owed
 * once that framework is in; the SAM summary is every employer's (AFS 2023:1).
 */
export function annualReportApplies(kind: AnnualReportKind, frameworkKeys: readonly string[]): boolean {
  return kind === "sam_summary" || frameworkKeys.includes("sosfs2011_9");
}
