import { useTranslation } from "react-i18next";
import type { SamAssessment } from "#app/domain/values.ts";

/** How a unit assessed one part of its work-environment management: yes, partly or no. */
export function AssessmentBadge({ value }: { value: SamAssessment }) {
  const { t } = useTranslation();
  return <span className={`badge assessment-${value}`}>{t(`sam.assessments.${value}`)}</span>;
}
