import type { ActionStatus } from "#db/schema/values.ts";

/**
 * The action's life as a state machine. The one rule that matters most to an auditor: there
 * is no way to "closed" except through a recorded effect verification.
 */
export type ActionMove = "start" | "complete" | "verifyEffect" | "markNotEffective" | "reopen";

const moves: Record<ActionMove, { from: readonly ActionStatus[]; to: ActionStatus }> = {
  start: { from: ["planned"], to: "in_progress" },
  complete: { from: ["planned", "in_progress"], to: "done" },
  // The effect can only be judged once the work is done.
  verifyEffect: { from: ["done"], to: "effect_verified" },
  markNotEffective: { from: ["done"], to: "not_effective" },
  // Not effective, or done too early: back to work, with the history kept.
  reopen: { from: ["done", "not_effective"], to: "in_progress" },
};

export function canMove(status: ActionStatus, move: ActionMove): boolean {
  return moves[move].from.includes(status);
}

/** The status after a move, or null when the move is not allowed from here. */
export function nextStatus(status: ActionStatus, move: ActionMove): ActionStatus | null {
  return canMove(status, move) ? moves[move].to : null;
}

export function allowedMoves(status: ActionStatus): ActionMove[] {
  return (Object.keys(moves) as ActionMove[]).filter((move) => canMove(status, move));
}

/** Closed means the effect is verified; nothing else counts. */
export const isClosed = (status: ActionStatus) => status === "effect_verified";

/** Still someone's work: not closed, and not handed on to a follow-up. */
export const isOpen = (status: ActionStatus, hasFollowUp = false) =>
  !isClosed(status) && !(status === "not_effective" && hasFollowUp);

/** Overdue: open past its due date; an effect check overdue: done, past its check date. */
export function overdue(action: { status: ActionStatus; dueOn: string; effectCheckOn: string }, today: string) {
  if (action.status === "planned" || action.status === "in_progress") return action.dueOn < today;
  if (action.status === "done") return action.effectCheckOn < today;
  return false;
}
