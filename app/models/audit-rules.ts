import type { ActionStatus, FindingKind, FindingStatus } from "#app/domain/values.ts";
import { stateMachine } from "./state-machine.ts";

/**
 * The rules of internal audit (ISO 9.2): a finding's life, what a programme covers, and when
 * an auditor is too close to what they audit.
 */

export type FindingMove = "answer" | "return" | "close" | "reopen";

/**
 * A nonconformity is answered by the person responsible (root cause and actions), may be
 * returned by the lead auditor for a better answer, and is closed only after its actions'
 * effect is verified. Observations and improvement opportunities are closed when noted.
 */
export const { canMove, nextStatus, allowedMoves } = stateMachine<FindingStatus, FindingMove>({
  answer: { from: ["open"], to: "answered" },
  return: { from: ["answered"], to: "open" },
  close: { from: ["open", "answered"], to: "closed" },
  reopen: { from: ["closed"], to: "open" },
});

export const isNonconformity = (kind: FindingKind) => kind === "major_nc" || kind === "minor_nc";

/**
 * Why a finding may not be closed yet, or null when it may: a nonconformity needs an answer
 * and at least one action, every one of them with its effect verified.
 */
export function closeBlocker(
  kind: FindingKind,
  status: FindingStatus,
  actionStatuses: readonly ActionStatus[],
): "finding.notAnswered" | "finding.needsAction" | "finding.effectNotVerified" | "finding.notAllowed" | null {
  if (!canMove(status, "close")) return "finding.notAllowed";
  if (!isNonconformity(kind)) return null;
  if (status !== "answered") return "finding.notAnswered";
  if (actionStatuses.length === 0) return "finding.needsAction";
  return actionStatuses.every((s) => s === "effect_verified") ? null : "finding.effectNotVerified";
}

type PlannedAudit = { processId: string | null; unitId: string | null; clauses: readonly string[] };

export type Coverage<T> = { covered: T[]; uncovered: T[] };

/** Which processes and clauses a programme's audits reach this cycle, and which they do not. */
export function programmeCoverage(
  audits: readonly PlannedAudit[],
  processIds: readonly string[],
  clauses: readonly string[],
): { processes: Coverage<string>; clauses: Coverage<string> } {
  const audited = new Set(audits.map((a) => a.processId).filter((id): id is string => id !== null));
  const reached = new Set(audits.flatMap((a) => a.clauses));
  return {
    processes: {
      covered: processIds.filter((id) => audited.has(id)),
      uncovered: processIds.filter((id) => !audited.has(id)),
    },
    clauses: { covered: clauses.filter((c) => reached.has(c)), uncovered: clauses.filter((c) => !reached.has(c)) },
  };
}

/**
 * Auditors may not audit their own work (ISO 9.2.2 b, objectivity): who in the team owns the
 * audited process or works in the audited unit.
 */
export function independenceConflicts(
  team: readonly { id: string; unitId: string | null }[],
  audited: { processOwnerId: string | null; unitId: string | null },
): string[] {
  return team
    .filter((p) => p.id === audited.processOwnerId || (audited.unitId !== null && p.unitId === audited.unitId))
    .map((p) => p.id);
}

/**
 * ISO 9001's clauses down to the level audits are planned at, by number. Only numbers are
 * stored; our own short titles are in the message catalogues (the standard's text is not ours).
 */
export const iso9001Clauses = [
  "4.1",
  "4.2",
  "4.3",
  "4.4",
  "5.1",
  "5.2",
  "5.3",
  "6.1",
  "6.2",
  "6.3",
  "7.1",
  "7.2",
  "7.3",
  "7.4",
  "7.5",
  "8.1",
  "8.2",
  "8.3",
  "8.4",
  "8.5",
  "8.6",
  "8.7",
  "9.1",
  "9.2",
  "9.3",
  "10.1",
  "10.2",
  "10.3",
] as const;
