import { useTranslation } from "react-i18next";
import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import type { SamAssessment } from "#app/domain/values.ts";

const colours: Record<SamAssessment, string> = { yes: "#1d6b35", partly: "#c25e00", no: "#a32020" };

/**
 * How the units assessed each question, one stacked bar per question: where red gathers is
 * where the compilation starts. The table beside it carries the figures.
 */
export default function SamChart({ rows }: { rows: ({ question: string } & Record<SamAssessment, number>)[] }) {
  const { t } = useTranslation();
  return (
    <div className="sam-chart" role="img" aria-label={t("sam.chartLabel")}>
      <ResponsiveContainer width="100%" height={Math.max(240, rows.length * 34)}>
        <BarChart data={rows} layout="vertical" margin={{ left: 8, right: 16 }}>
          <CartesianGrid strokeDasharray="3 3" horizontal={false} />
          <XAxis type="number" allowDecimals={false} />
          <YAxis type="category" dataKey="question" width={180} tick={{ fontSize: 12 }} />
          <Tooltip />
          <Legend />
          {(["yes", "partly", "no"] as const).map((a) => (
            <Bar key={a} dataKey={a} stackId="units" name={t(`sam.assessments.${a}`)} fill={colours[a]} />
          ))}
        </BarChart>
      </ResponsiveContainer>
    </div>
  );
}
