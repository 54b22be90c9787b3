import { Line, LineChart } from "recharts";

/** The last year of a KPI at a glance, beside its name; the badge next to it carries the words. */
export default function KpiSparkline({ series }: { series: { period: string; value: number }[] }) {
  return (
    <span className="kpi-sparkline" aria-hidden="true">
      <LineChart width={120} height={32} data={series} accessibilityLayer={false}>
        <Line type="monotone" dataKey="value" stroke="#0b5c52" strokeWidth={2} dot={false} isAnimationActive={false} />
      </LineChart>
    </span>
  );
}
