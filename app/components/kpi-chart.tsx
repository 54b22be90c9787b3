import type { TFunction } from "i18next";
import { useTranslation } from "react-i18next";
import type { KpiFrequency } from "#app/domain/values.ts";
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

/** A slot as people name it: a month ("mars"/"Mar"), a quarter ("K1"/"Q1"), or the year. */
function slotName(slot: number, frequency: KpiFrequency, language: string, t: TFunction): string {
  if (frequency === "monthly") {
    return new Date(2000, slot - 1, 1).toLocaleString(language === "en" ? "en-GB" : "sv-SE", { month: "short" });
  }
  return frequency === "quarterly" ? t("kpis.quarterShort", { quarter: slot }) : "";
}

/** This year against last year, with the target as a line; drawn in the browser. */
export default function KpiChart({
  series,
  target,
  unit,
  year,
  frequency,
}: {
  series: Point[];
  target: number;
  unit: string;
  year: number;
  frequency: KpiFrequency;
}) {
  const { t, i18n } = useTranslation();
  return (
    <div className="kpi-chart" role="img" aria-label={t("kpis.chartLabel", { year, last: year - 1, target, unit })}>
      <ResponsiveContainer width="100%" height={280}>
        <LineChart data={series} margin={{ top: 24, right: 16, bottom: 8, left: 0 }}>
          <CartesianGrid strokeDasharray="3 3" stroke="#cfd8d5" />
          <XAxis dataKey="slot" tickFormatter={(slot: number) => slotName(slot, frequency, i18n.language, t)} />
          <YAxis unit={unit.length <= 3 ? unit : undefined} domain={["auto", "auto"]} />
          <Tooltip labelFormatter={(slot) => slotName(Number(slot), frequency, i18n.language, t)} />
          <Legend />
          {/* The label sits above the line, not on it, so the line never strikes it through. */}
          <ReferenceLine
            y={target}
            stroke="#a32020"
            strokeDasharray="6 4"
            ifOverflow="extendDomain"
            label={{ value: t("kpis.target"), position: "insideBottomRight", fill: "#a32020" }}
          />
          <Line
            type="monotone"
            dataKey="lastYear"
            name={String(year - 1)}
            stroke="#4f5d59"
            strokeDasharray="4 4"
            connectNulls
            isAnimationActive={false}
          />
          <Line
            type="monotone"
            dataKey="thisYear"
            name={String(year)}
            stroke="#0b5c52"
            strokeWidth={3}
            connectNulls
            isAnimationActive={false}
          />
        </LineChart>
      </ResponsiveContainer>
    </div>
  );
}
