import { useTranslation } from "react-i18next";
import type { SamAssessment } from "#db/schema/values.ts";

const tone: Record<SamAssessment, string> = { yes: "report-closed", partly: "report-triaged", no: "report-reported" };

/** How a unit assessed one part of its work-environment management: yes, partly or no. */
export function AssessmentBadge({ value }: { value: SamAssessment }) {
  const { t } = useTranslation();
  return <span className={`badge ${tone[value]}`}>{t(`sam.assessments.${value}`)}</span>;
}
