import { useTranslation } from "react-i18next";
import {
  CartesianGrid,
  Legend,
  Line,
  LineChart,
  ReferenceLine,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from "recharts";

type Point = { slot: number; thisYear: number | null; lastYear: number | null };

/** This year against last year, with the target as a line; drawn in the browser. */
export default function KpiChart({
  series,
  target,
  unit,
  year,
}: {
  series: Point[];
  target: number;
  unit: string;
  year: number;
}) {
  const { t } = useTranslation();
  return (
    <div className="kpi-chart" role="img" aria-label={t("kpis.chartLabel", { year, last: year - 1, target, unit })}>
      <ResponsiveContainer width="100%" height={280}>
        <LineChart data={series} margin={{ top: 8, right: 16, bottom: 8, left: 0 }}>
          <CartesianGrid strokeDasharray="3 3" stroke="#cfd8d5" />
          <XAxis dataKey="slot" />
          <YAxis unit={unit.length <= 3 ? unit : undefined} domain={["auto", "auto"]} />
          <Tooltip />
          <Legend />
          <ReferenceLine y={target} stroke="#a32020" strokeDasharray="6 4" label={t("kpis.target")} />
          <Line
            type="monotone"
            dataKey="lastYear"
            name={String(year - 1)}
            stroke="#4f5d59"
            strokeDasharray="4 4"
            connectNulls
          />
          <Line type="monotone" dataKey="thisYear" name={String(year)} stroke="#0b5c52" strokeWidth={3} connectNulls />
        </LineChart>
      </ResponsiveContainer>
    </div>
  );
}
