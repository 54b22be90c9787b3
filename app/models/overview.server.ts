import type { Db } from "#db/client.ts";
import type { Locale } from "#db/schema/index.ts";
import { listActions } from "./actions.server.ts";
import { listDocuments } from "./documents.server.ts";
import { listKpis } from "./kpis.server.ts";
import { dayOf } from "./releases.server.ts";
import { reviewsDue } from "./review-dates.server.ts";
import { heatMap, levelOf, type RiskLevel } from "./risk-scoring.ts";
import { listRisks, riskScale } from "./risks.server.ts";
import { nextDeadline, overdue } from "./action-states.ts";
import { unitTree } from "./units.server.ts";

const LIST_LENGTH = 5;

export type UnitCounts = {
  unitId: string | null;
  name: string | null;
  depth: number;
  highRisks: number;
  openActions: number;
  overdueActions: number;
  documents: number;
};

/**
 * What the quality manager and leadership look at first: where the risks sit, which KPIs miss
 * their targets, which actions and document reviews are late, and how each unit stands.
 * Lists are cut short; each links on to the register that holds the rest.
 */
export function managementOverview(db: Db, locale: Locale, now = new Date()) {
  const today = dayOf(now);
  const scale = riskScale(db, locale);
  const risks = listRisks(db);
  const open = listActions(db, { open: true }, now);
  const late = open.filter((a) => overdue(a, today));
  const kpis = listKpis(db);
  const missing = kpis.filter((k) => k.latest && k.latest.status !== "on_target");
  const documents = listDocuments(db);
  const reviewsLate = reviewsDue(db, {}, now).filter((d) => d.overdue);
  const levels: Record<RiskLevel, number> = { low: 0, medium: 0, high: 0, critical: 0 };
  for (const risk of risks) levels[levelOf(scale, risk.residual)] += 1;

  const isHigh = (risk: (typeof risks)[number]) => {
    const level = levelOf(scale, risk.residual);
    return level === "high" || level === "critical";
  };
  const countsFor = (unitId: string | null): Omit<UnitCounts, "name" | "depth"> => ({
    unitId,
    highRisks: risks.filter((r) => r.unitId === unitId && isHigh(r)).length,
    openActions: open.filter((a) => a.unitId === unitId).length,
    overdueActions: late.filter((a) => a.unitId === unitId).length,
    documents: documents.filter((d) => d.unitId === unitId).length,
  });
  const units: UnitCounts[] = [
    { ...countsFor(null), name: null, depth: 0 },
    ...unitTree(db).map((u) => ({ ...countsFor(u.id), name: u.name, depth: u.depth })),
  ];

  return {
    scale,
    heatMap: heatMap(
      scale,
      risks.map((r) => r.residual),
    ),
    riskLevels: levels,
    kpisMissing: missing.slice(0, LIST_LENGTH).map((k) => ({
      id: k.id,
      name: k.name,
      unit: k.unit,
      target: k.target,
      latest: k.latest!,
    })),
    kpisMissingCount: missing.length,
    kpisWithoutData: kpis.filter((k) => !k.latest).length,
    overdueActions: late.slice(0, LIST_LENGTH).map((a) => ({
      id: a.id,
      number: a.number,
      title: a.title,
      ownerName: a.ownerName,
      ...nextDeadline(a),
    })),
    overdueActionsCount: late.length,
    reviewsOverdue: reviewsLate.slice(0, LIST_LENGTH),
    reviewsOverdueCount: reviewsLate.length,
    // Units with nothing to show would only lengthen the table.
    units: units.filter((u) => u.highRisks + u.openActions + u.documents > 0),
  };
}

export type ManagementOverview = ReturnType<typeof managementOverview>;
