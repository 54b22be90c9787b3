import { useTranslation } from "react-i18next";
import { bpmnLostKinds, type BpmnReport } from "#app/models/bpmn-report.ts";

/** What came along from a BPMN file and what Lots could not hold, in the reader's language. */
export function BpmnReportView({ report }: { report: BpmnReport }) {
  const { t } = useTranslation();
  const lost = bpmnLostKinds.filter((kind) => report.lost[kind]);
  return (
    <div className="import-report">
      <h4>{t("wordImport.report.kept")}</h4>
      <ul>
        <li>{t("bpmnImport.kept.lanes", { count: report.kept.lanes })}</li>
        <li>{t("bpmnImport.kept.steps", { count: report.kept.steps })}</li>
        <li>{t("bpmnImport.kept.flows", { count: report.kept.flows })}</li>
        {report.kept.notes ? <li>{t("bpmnImport.kept.notes", { count: report.kept.notes })}</li> : null}
        <li>{t(`bpmnImport.layout.${report.layout}`)}</li>
      </ul>
      <h4>{t("wordImport.report.lost")}</h4>
      {lost.length === 0 ? (
        <p>{t("bpmnImport.nothingLost")}</p>
      ) : (
        <ul className="import-report-lost">
          {lost.map((kind) => (
            <li key={kind}>{t(`bpmnImport.lost.${kind}`, { count: report.lost[kind] })}</li>
          ))}
        </ul>
      )}
    </div>
  );
}
