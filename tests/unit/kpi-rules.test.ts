import { describe, expect, it } from "vitest";
import { parseNumber, periodKey, statusOf, thresholdsConsistent, yearOverYear } from "#app/models/kpi-rules.ts";

describe("KPI rules", () => {
  it("reads periods the way people write them, and refuses the rest", () => {
    expect(periodKey("monthly", "2026-3")).toBe("2026-03");
    expect(periodKey("monthly", "2026-03-01")).toBe("2026-03");
    expect(periodKey("monthly", "2026-13")).toBeNull();
    expect(periodKey("quarterly", "2026 q2")).toBe("2026-Q2");
    expect(periodKey("quarterly", "2026-Q5")).toBeNull();
    expect(periodKey("yearly", "2026")).toBe("2026");
    expect(periodKey("yearly", "mars")).toBeNull();
  });

  it("reads Swedish and English decimals", () => {
    expect(parseNumber("12,5")).toBe(12.5);
    expect(parseNumber("1 250")).toBe(1250);
    expect(parseNumber("-3.25")).toBe(-3.25);
    for (const bad of ["", "12 %", "abc", "1,2,3"]) expect(parseNumber(bad), bad).toBeNull();
  });

  it("judges a value on, near or off target, whichever way is better", () => {
    const precision = { direction: "higher", target: 95, warning: 90 } as const;
    expect(statusOf(precision, 96)).toBe("on_target");
    expect(statusOf(precision, 92)).toBe("at_risk");
    expect(statusOf(precision, 80)).toBe("off_target");
    const complaints = { direction: "lower", target: 5, warning: 8 } as const;
    expect(statusOf(complaints, 5)).toBe("on_target");
    expect(statusOf(complaints, 7)).toBe("at_risk");
    expect(statusOf(complaints, 9)).toBe("off_target");
    expect(thresholdsConsistent(precision)).toBe(true);
    expect(thresholdsConsistent({ ...complaints, warning: 3 })).toBe(false);
  });

  it("sets this year against last year month by month", () => {
    const series = yearOverYear(
      "monthly",
      [
        { period: "2025-01", value: 90 },
        { period: "2026-01", value: 94 },
        { period: "2026-02", value: 96 },
      ],
      2026,
    );
    expect(series).toHaveLength(12);
    expect(series[0]).toEqual({ slot: 1, thisYear: 94, lastYear: 90 });
    expect(series[1]).toEqual({ slot: 2, thisYear: 96, lastYear: null });
  });
});
