import { describe, expect, it } from "vitest";
import { checkState, dueDayOf, periodOf } from "#app/models/checklist-schedule.ts";

describe("checklist scheduling", () => {
  const day = new Date(2026, 10, 22); // Sunday 22 November 2026
  it("names each period and its due day", () => {
    expect(periodOf("weekly", day)).toBe("2026-W47");
    expect(dueDayOf("weekly", day)).toBe("2026-11-22");
    expect(periodOf("monthly", day)).toBe("2026-11");
    expect(dueDayOf("monthly", day)).toBe("2026-11-30");
    expect(periodOf("quarterly", day)).toBe("2026-Q4");
    expect(dueDayOf("quarterly", day)).toBe("2026-12-31");
    expect(periodOf("yearly", day)).toBe("2026");
    // ISO weeks: 1 January 2027 is a Friday in week 53 of 2026.
    expect(periodOf("weekly", new Date(2027, 0, 1))).toBe("2026-W53");
  });

  it("shows this period's check as due, and a previous period left unanswered as missed", () => {
    const created = new Date(2026, 8, 1);
    expect(checkState("monthly", new Set(), created, day)).toEqual({
      period: "2026-11",
      dueOn: "2026-11-30",
      answered: false,
      missed: { period: "2026-10" },
    });
    expect(checkState("monthly", new Set(["2026-10", "2026-11"]), created, day)).toMatchObject({
      answered: true,
      missed: null,
    });
    // A checklist made this month has missed nothing yet.
    expect(checkState("monthly", new Set(), new Date(2026, 10, 5), day).missed).toBeNull();
  });
});
