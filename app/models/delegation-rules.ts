import type { DelegationStatus } from "#app/domain/values.ts";
import { stateMachine } from "./state-machine.ts";

/**
 * The rules of delegating work-environment tasks: a delegation is accepted in writing or
 * returned by its recipient, revoked by whoever gave it; a task for a unit should be held by
 * exactly one person.
 */
export type DelegationMove = "accept" | "return" | "revoke";

export const { canMove, nextStatus } = stateMachine<DelegationStatus, DelegationMove>({
  accept: { from: ["proposed"], to: "accepted" },
  return: { from: ["proposed", "accepted"], to: "returned" },
  revoke: { from: ["proposed", "accepted"], to: "revoked" },
});

type Held = { task: string; unitId: string | null; status: DelegationStatus; delegatedAt: Date };

export type ChainProblem = { kind: "overlap" | "gap"; task: string; unitId: string | null };

/**
 * Where the chain does not hold: a task held by two people at once for the same unit
 * (overlap), or a task handed back or taken back and not delegated again (gap).
 */
export function chainProblems(delegations: readonly Held[]): ChainProblem[] {
  const groups = new Map<string, Held[]>();
  for (const d of delegations) {
    const key = `${d.task.trim().toLowerCase()}\u0000${d.unitId ?? ""}`;
    groups.set(key, [...(groups.get(key) ?? []), d]);
  }
  const problems: ChainProblem[] = [];
  for (const group of groups.values()) {
    const { task, unitId } = group[0]!;
    if (group.filter((d) => d.status === "accepted").length > 1) problems.push({ kind: "overlap", task, unitId });
    const latest = [...group].sort((a, b) => b.delegatedAt.getTime() - a.delegatedAt.getTime())[0]!;
    if (latest.status === "returned" || latest.status === "revoked") problems.push({ kind: "gap", task, unitId });
  }
  return problems;
}
