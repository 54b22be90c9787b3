import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import type { HeatCell } from "#app/models/risk-scoring.ts";
import type { RiskScale } from "#app/domain/values.ts";

type Props = {
  scale: RiskScale;
  rows: HeatCell[][];
  /** The address of a cell's risks. */
  hrefFor: (cell: HeatCell) => string;
  selected?: { likelihood: number; consequence: number };
  caption: string;
};

/** The risk matrix: likelihood up, consequence across, a count per cell coloured by level. */
export function RiskHeatMap({ scale, rows, hrefFor, selected, caption }: Props) {
  const { t } = useTranslation();
  return (
    <div className="table-wrap heat-map-wrap">
      <table className="heat-map">
        <caption>{caption}</caption>
        <thead>
          <tr>
            <th scope="col">
              <span className="visually-hidden">{t("risks.likelihood")}</span>
            </th>
            {scale.consequence.map((label, i) => (
              <th key={label} scope="col">
                {i + 1}
                <span className="scale-label">. {label}</span>
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={row[0]!.likelihood}>
              <th scope="row">
                {row[0]!.likelihood}
                <span className="scale-label">. {scale.likelihood[row[0]!.likelihood - 1]}</span>
              </th>
              {row.map((cell) => {
                const isSelected =
                  selected?.likelihood === cell.likelihood && selected.consequence === cell.consequence;
                return (
                  <td key={cell.consequence} className={`level-${cell.level}${isSelected ? " cell-selected" : ""}`}>
                    <Link
                      to={hrefFor(cell)}
                      aria-label={t("risks.cellLabel", {
                        count: cell.count,
                        likelihood: cell.likelihood,
                        consequence: cell.consequence,
                        level: t(`risks.levels.${cell.level}`),
                      })}
                    >
                      {cell.count > 0 ? cell.count : ""}
                    </Link>
                  </td>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
      <p className="muted heat-map-axes">{t("risks.axes")}</p>
      {/* On a phone the steps are numbered in the matrix and named here, so all of it fits. */}
      <dl className="heat-map-legend">
        {(["likelihood", "consequence"] as const).map((axis) => (
          <div key={axis}>
            <dt>{t(`risks.${axis}`)}</dt>
            <dd>{scale[axis].map((label, i) => `${i + 1} ${label}`).join(" · ")}</dd>
          </div>
        ))}
      </dl>
    </div>
  );
}
