import type { RiskScale } from "#app/domain/values.ts";

/**
 * Likelihood × consequence on the organisation's scale. Levels are read from the score's
 * share of the largest possible score, so a 4×4 or 5×5 scale colours the same way.
 */
export type Assessment = { likelihood: number; consequence: number };
export type RiskLevel = "low" | "medium" | "high" | "critical";

export function isOnScale(scale: RiskScale, a: Assessment): boolean {
  return (
    Number.isInteger(a.likelihood) &&
    Number.isInteger(a.consequence) &&
    a.likelihood >= 1 &&
    a.likelihood <= scale.likelihood.length &&
    a.consequence >= 1 &&
    a.consequence <= scale.consequence.length
  );
}

export const scoreOf = (a: Assessment) => a.likelihood * a.consequence;

export function levelOf(scale: RiskScale, a: Assessment): RiskLevel {
  const share = scoreOf(a) / (scale.likelihood.length * scale.consequence.length);
  // On 5×5: 1–4 low, 5–9 medium, 10–16 high, 20–25 critical.
  if (share >= 0.8) return "critical";
  if (share >= 0.4) return "high";
  if (share >= 0.2) return "medium";
  return "low";
}

export type HeatCell = { likelihood: number; consequence: number; count: number; level: RiskLevel };

/** The matrix with a count per cell, likelihood rows from the highest down, as a heat map reads. */
export function heatMap(scale: RiskScale, assessments: Assessment[]): HeatCell[][] {
  const rows: HeatCell[][] = [];
  for (let likelihood = scale.likelihood.length; likelihood >= 1; likelihood--) {
    const row: HeatCell[] = [];
    for (let consequence = 1; consequence <= scale.consequence.length; consequence++) {
      const cell = { likelihood, consequence };
      row.push({
        ...cell,
        count: assessments.filter((a) => a.likelihood === likelihood && a.consequence === consequence).length,
        level: levelOf(scale, cell),
      });
    }
    rows.push(row);
  }
  return rows;
}

/** Up, down or level since the previous assessment, by score. */
export function trendOf(history: Assessment[]): "up" | "down" | "level" | null {
  if (history.length < 2) return null;
  const [latest, previous] = history.map(scoreOf);
  return latest! > previous! ? "up" : latest! < previous! ? "down" : "level";
}
