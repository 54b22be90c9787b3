import {
  endOfISOWeek,
  endOfMonth,
  endOfQuarter,
  endOfYear,
  format,
  getISOWeek,
  getISOWeekYear,
  getQuarter,
  subMonths,
  subQuarters,
  subWeeks,
  subYears,
} from "date-fns";
import type { ChecklistFrequency } from "#app/domain/values.ts";

/**
 * When checks are due. A round belongs to a period (a week, month, quarter or year) and is
 * due on its last day; a period that ended without an answer is a missed check.
 */
export function periodOf(frequency: ChecklistFrequency, date: Date): string {
  switch (frequency) {
    case "weekly":
      return `${getISOWeekYear(date)}-W${String(getISOWeek(date)).padStart(2, "0")}`;
    case "monthly":
      return format(date, "yyyy-MM");
    case "quarterly":
      return `${date.getFullYear()}-Q${getQuarter(date)}`;
    case "yearly":
      return String(date.getFullYear());
  }
}

/** The last day of the period that holds `date`: the day its check is due. */
export function dueDayOf(frequency: ChecklistFrequency, date: Date): string {
  const end = { weekly: endOfISOWeek, monthly: endOfMonth, quarterly: endOfQuarter, yearly: endOfYear }[frequency];
  return format(end(date), "yyyy-MM-dd");
}

/** A day in the period before the one that holds `date`. */
export function previousPeriodDate(frequency: ChecklistFrequency, date: Date): Date {
  const back = { weekly: subWeeks, monthly: subMonths, quarterly: subQuarters, yearly: subYears }[frequency];
  return back(date, 1);
}

export type CheckState = { period: string; dueOn: string; answered: boolean; missed: { period: string } | null };

/**
 * The state of one check for one subject today: this period's round (answered or due), and the
 * previous period if it ended unanswered after the checklist existed.
 */
export function checkState(
  frequency: ChecklistFrequency,
  answeredPeriods: ReadonlySet<string>,
  createdAt: Date,
  today: Date,
): CheckState {
  const period = periodOf(frequency, today);
  const before = previousPeriodDate(frequency, today);
  const previous = periodOf(frequency, before);
  const existedThen = dueDayOf(frequency, before) >= format(createdAt, "yyyy-MM-dd");
  return {
    period,
    dueOn: dueDayOf(frequency, today),
    answered: answeredPeriods.has(period),
    missed: existedThen && !answeredPeriods.has(previous) ? { period: previous } : null,
  };
}
