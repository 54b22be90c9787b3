import type { Db } from "#db/client.ts";
import { deviationKinds, type DeviationKind } from "#db/schema/index.ts";
import { listDeviations } from "./deviations.server.ts";

type Count = { name: string; count: number };

const countBy = <T>(items: T[], key: (item: T) => string | null | undefined): Count[] => {
  const counts = new Map<string, number>();
  for (const item of items) {
    const k = key(item);
    if (k) counts.set(k, (counts.get(k) ?? 0) + 1);
  }
  return [...counts]
    .map(([name, count]) => ({ name, count }))
    .sort((a, b) => b.count - a.count || a.name.localeCompare(b.name));
};

/**
 * What was reported in a period, compiled for follow-up and the management review: trends by
 * month and kind, where (unit, process), why (cause categories, recurring categories), what
 * went to an authority, and the lessons learned.
 */
export function deviationTrends(db: Db, from: string, to: string) {
  const inPeriod = listDeviations(db).filter((r) => r.occurredAt >= from && r.occurredAt <= `${to}T23:59`);
  const months = new Map<string, Record<DeviationKind, number>>();
  for (const r of inPeriod) {
    const month = r.occurredAt.slice(0, 7);
    const row =
      months.get(month) ?? (Object.fromEntries(deviationKinds.map((k) => [k, 0])) as Record<DeviationKind, number>);
    row[r.kind] += 1;
    months.set(month, row);
  }
  return {
    total: inPeriod.length,
    closed: inPeriod.filter((r) => r.status === "closed").length,
    byKind: countBy(inPeriod, (r) => r.kind),
    byMonth: [...months].sort(([a], [b]) => a.localeCompare(b)).map(([month, counts]) => ({ month, ...counts })),
    byUnit: countBy(inPeriod, (r) => r.unitName),
    byProcess: countBy(inPeriod, (r) => r.processTitle),
    byCause: countBy(inPeriod, (r) => r.causeCategory),
    // A category that keeps coming back is a cause worth a deeper look.
    recurring: countBy(inPeriod, (r) => r.category?.trim().toLowerCase()).filter((c) => c.count > 1),
    authority: inPeriod
      .filter((r) => r.authority)
      .map((r) => ({
        id: r.id,
        number: r.number,
        title: r.title,
        authority: r.authority!,
        reportedOn: r.authorityReportedOn,
      })),
    lessons: inPeriod
      .filter((r) => r.learning)
      .map((r) => ({ id: r.id, number: r.number, title: r.title, learning: r.learning! })),
  };
}

export type DeviationTrends = ReturnType<typeof deviationTrends>;
