import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { Notice } from "#app/components/ui/notice.tsx";

export type WrittenSam =
  | { employees: number | null; required: false }
  | { employees: number; required: true; policy: string[]; routines: string[] };

/**
 * The size rule of AFS 2023:1: from ten employees the SAM policy, routines, delegation and
 * annual follow-up must be in writing, and whether Lots holds the policy and routines.
 */
export function WrittenSamNotice({ written, from }: { written: WrittenSam; from: number }) {
  const { t } = useTranslation();
  if (!written.required) return <p className="muted">{t("context.writtenNotRequired", { from })}</p>;
  return (
    <Notice tone={written.policy.length > 0 && written.routines.length > 0 ? "info" : "error"}>
      <p>{t("context.writtenRequired", { count: written.employees, from })}</p>
      <ul>
        <li>
          {written.policy.length > 0
            ? t("context.policyIn", { titles: written.policy.join(", ") })
            : t("context.policyMissing")}
        </li>
        <li>
          {written.routines.length > 0
            ? t("context.routinesIn", { titles: written.routines.join(", ") })
            : t("context.routinesMissing")}
        </li>
        <li>
          <Link to="/krav/uppgiftsfordelning">{t("delegations.title")}</Link>
        </li>
        <li>
          <Link to="/avvikelser/sam">{t("context.followUpLink")}</Link>
        </li>
      </ul>
    </Notice>
  );
}
