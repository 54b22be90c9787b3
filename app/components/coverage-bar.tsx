import { useTranslation } from "react-i18next";
import type { Coverage } from "#app/models/requirement-rules.ts";

const order: Coverage[] = ["covered", "partly", "gap", "not_applicable"];

/** A framework's coverage as one bar, its parts in proportion, with the counts written out beside it. */
export function CoverageBar({ summary }: { summary: Record<Coverage, number> }) {
  const { t } = useTranslation();
  const total = order.reduce((sum, c) => sum + summary[c], 0);
  return (
    <div className="coverage">
      <div className="coverage-bar" aria-hidden="true">
        {order.map((c) =>
          summary[c] > 0 ? (
            <span key={c} className={`coverage-${c}`} style={{ flexGrow: summary[c] }} title={t(`coverage.${c}`)} />
          ) : null,
        )}
      </div>
      <p className="coverage-legend">
        {order.map((c) => (
          <span key={c} className={`badge coverage-${c}`}>
            {t(`coverage.${c}`)}: {summary[c]}
          </span>
        ))}{" "}
        <span className="muted">{t("coverage.total", { count: total })}</span>
      </p>
    </div>
  );
}
