import { useTranslation } from "react-i18next";
import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { deviationKinds } from "#app/domain/values.ts";

const colours = ["#0b5c52", "#c25e00", "#a32020", "#1f4e8a", "#6b2c8f", "#3f6212"];

/** Reports per month, stacked by kind; drawn in the browser, the tables beside it carry the figures. */
export default function DeviationTrend({
  byMonth,
}: {
  byMonth: ({ month: string } & Record<string, number | string>)[];
}) {
  const { t } = useTranslation();
  return (
    <div className="kpi-chart" role="img" aria-label={t("trends.trendLabel")}>
      <ResponsiveContainer width="100%" height={280}>
        <BarChart data={byMonth}>
          <CartesianGrid strokeDasharray="3 3" />
          <XAxis dataKey="month" />
          <YAxis allowDecimals={false} />
          <Tooltip />
          <Legend />
          {deviationKinds.map((kind, i) => (
            <Bar key={kind} dataKey={kind} stackId="kinds" name={t(`deviationKinds.${kind}`)} fill={colours[i]} />
          ))}
        </BarChart>
      </ResponsiveContainer>
    </div>
  );
}
