import { useTranslation } from "react-i18next";
import { detailKinds, keptKinds, lostKinds, type ImportReport } from "#app/models/word-import-report.ts";
import { formatDate } from "#app/utils/dates.ts";

/** What came along from a Word file and what did not, in the reader's language. */
export function ImportReportView({ report, ownerFromFile }: { report: ImportReport; ownerFromFile?: boolean }) {
  const { t, i18n } = useTranslation();
  const kept = keptKinds.filter((kind) => report.kept[kind]);
  const lost = lostKinds.filter((kind) => report.lost[kind]);
  const details = detailKinds.filter((kind) => report.details[kind]);
  return (
    <div className="import-report">
      <h4>{t("wordImport.report.kept")}</h4>
      <ul>
        {kept.map((kind) => (
          <li key={kind}>{t(`wordImport.report.keptKinds.${kind}`, { count: report.kept[kind] })}</li>
        ))}
      </ul>
      <h4>{t("wordImport.report.lost")}</h4>
      {lost.length === 0 ? (
        <p>{t("wordImport.report.nothingLost")}</p>
      ) : (
        <ul className="import-report-lost">
          {lost.map((kind) => (
            <li key={kind}>{t(`wordImport.report.lostKinds.${kind}`, { count: report.lost[kind] })}</li>
          ))}
        </ul>
      )}
      {details.length > 0 && report.detailsFrom ? (
        <>
          <h4>{t("wordImport.report.details")}</h4>
          <p>{t(`wordImport.report.detailsFrom.${report.detailsFrom}`)}</p>
          <dl className="import-report-details">
            {details.map((kind) => (
              <div key={kind}>
                <dt>{t(`wordImport.report.detailKinds.${kind}`)}</dt>
                <dd>
                  {kind === "validFrom" && /^\d{4}-\d{2}-\d{2}$/.test(report.details[kind]!)
                    ? formatDate(report.details[kind]!, i18n.language)
                    : report.details[kind]}
                </dd>
              </div>
            ))}
          </dl>
          {report.details.owner && ownerFromFile !== undefined ? (
            <p>{t(ownerFromFile ? "wordImport.report.ownerFromFile" : "wordImport.report.ownerNotFound")}</p>
          ) : null}
        </>
      ) : null}
    </div>
  );
}
