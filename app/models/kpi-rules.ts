import type { KpiDirection, KpiFrequency } from "#app/domain/values.ts";

/**
 * The rules of measuring: what a period looks like for each frequency, whether a value is on
 * target, and this year against last year.
 */

export type KpiStatus = "on_target" | "at_risk" | "off_target";
export type KpiTargets = { direction: KpiDirection; target: number; warning: number };

const patterns: Record<KpiFrequency, RegExp> = {
  monthly: /^(\d{4})-(0[1-9]|1[0-2])$/,
  quarterly: /^(\d{4})-Q([1-4])$/,
  yearly: /^(\d{4})$/,
};

/** Normalises what people type ("2026-3", "2026 q1", "2026-03-01") to the period key, or null. */
export function periodKey(frequency: KpiFrequency, input: string): string | null {
  const text = input.trim().toUpperCase().replace(/\s+/g, "-");
  if (frequency === "monthly") {
    const m = /^(\d{4})-(\d{1,2})(?:-\d{1,2})?$/.exec(text);
    const key = m ? `${m[1]}-${m[2]!.padStart(2, "0")}` : text;
    return patterns.monthly.test(key) ? key : null;
  }
  if (frequency === "quarterly") {
    const m = /^(\d{4})-?Q([1-4])$/.exec(text);
    return m ? `${m[1]}-Q${m[2]}` : null;
  }
  return patterns.yearly.test(text) ? text : null;
}

/** "12,5" and "12.5" and "1 250" are numbers; anything else is not. */
export function parseNumber(input: string | number): number | null {
  if (typeof input === "number") return Number.isFinite(input) ? input : null;
  const text = input
    .trim()
    .replace(/[\s\u00a0]/g, "")
    .replace(",", ".");
  if (!/^-?\d+(\.\d+)?$/.test(text)) return null;
  return Number(text);
}

/** On target, at risk (between the warning threshold and the target), or off target. */
export function statusOf(kpi: KpiTargets, value: number): KpiStatus {
  const better = (a: number, b: number) => (kpi.direction === "higher" ? a >= b : a <= b);
  if (better(value, kpi.target)) return "on_target";
  if (better(value, kpi.warning)) return "at_risk";
  return "off_target";
}

/** The warning threshold must lie on the worse side of the target. */
export function thresholdsConsistent(kpi: KpiTargets): boolean {
  return kpi.direction === "higher" ? kpi.warning <= kpi.target : kpi.warning >= kpi.target;
}

export type Measurement = { period: string; value: number };

/** The position within a year: month 1–12, quarter 1–4, or 1 for yearly KPIs. */
function slot(frequency: KpiFrequency, period: string): number {
  if (frequency === "monthly") return Number(period.slice(5, 7));
  if (frequency === "quarterly") return Number(period.slice(6, 7));
  return 1;
}

/** This year against last year, slot by slot, for the chart. */
export function yearOverYear(frequency: KpiFrequency, measurements: Measurement[], year: number) {
  const slots = frequency === "monthly" ? 12 : frequency === "quarterly" ? 4 : 1;
  const value = (y: number, s: number) =>
    measurements.find((m) => Number(m.period.slice(0, 4)) === y && slot(frequency, m.period) === s)?.value ?? null;
  return Array.from({ length: slots }, (_, i) => ({
    slot: i + 1,
    thisYear: value(year, i + 1),
    lastYear: value(year - 1, i + 1),
  }));
}
