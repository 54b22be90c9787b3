import { describe, expect, it } from "vitest";
import { allowedMoves, isClosed, isOpen, nextStatus, overdue, type ActionMove } from "#app/models/action-states.ts";
import { actionStatuses, type ActionStatus } from "#app/domain/values.ts";

const allMoves: ActionMove[] = ["start", "complete", "verifyEffect", "markNotEffective", "reopen"];

describe("the action state machine", () => {
  it("reaches closed only through an effect verification", () => {
    // Every status reachable from "planned", and how: no path may reach effect_verified
    // except the verifyEffect move.
    const seen = new Set<ActionStatus>(["planned"]);
    const queue: ActionStatus[] = ["planned"];
    while (queue.length) {
      const status = queue.shift()!;
      for (const move of allMoves) {
        const to = nextStatus(status, move);
        if (!to) continue;
        if (isClosed(to)) expect(move).toBe("verifyEffect");
        if (!seen.has(to)) {
          seen.add(to);
          queue.push(to);
        }
      }
    }
    expect([...seen].sort()).toEqual([...actionStatuses].sort());
  });

  it("judges the effect only of work that is done", () => {
    for (const status of ["planned", "in_progress", "effect_verified", "not_effective"] as const) {
      expect(nextStatus(status, "verifyEffect"), status).toBeNull();
      expect(nextStatus(status, "markNotEffective"), status).toBeNull();
    }
  });

  it("sends a not-effective action back to work, and a verified one nowhere", () => {
    expect(nextStatus("not_effective", "reopen")).toBe("in_progress");
    expect(allowedMoves("effect_verified")).toEqual([]);
  });

  it("counts done as open until the effect is verified, and a not-effective action with a follow-up as handed on", () => {
    expect(isOpen("done")).toBe(true);
    expect(isClosed("done")).toBe(false);
    expect(isOpen("not_effective")).toBe(true);
    expect(isOpen("not_effective", true)).toBe(false);
  });

  it("is overdue past its due date while in work, and past its check date once done", () => {
    const action = { dueOn: "2026-03-01", effectCheckOn: "2026-06-01" };
    expect(overdue({ ...action, status: "in_progress" }, "2026-03-02")).toBe(true);
    expect(overdue({ ...action, status: "in_progress" }, "2026-03-01")).toBe(false);
    expect(overdue({ ...action, status: "done" }, "2026-03-02")).toBe(false);
    expect(overdue({ ...action, status: "done" }, "2026-06-02")).toBe(true);
    expect(overdue({ ...action, status: "effect_verified" }, "2030-01-01")).toBe(false);
  });
});
