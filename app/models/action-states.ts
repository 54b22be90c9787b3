import type { ActionStatus } from "#app/domain/values.ts";
import { stateMachine } from "./state-machine.ts";

/**
 * The action's life as a state machine. The one rule that matters most to an auditor: there
 * is no way to "closed" except through a recorded effect verification.
 */
export type ActionMove = "start" | "complete" | "verifyEffect" | "markNotEffective" | "reopen";

const machine = stateMachine<ActionStatus, ActionMove>({
  start: { from: ["planned"], to: "in_progress" },
  complete: { from: ["planned", "in_progress"], to: "done" },
  // The effect can only be judged once the work is done.
  verifyEffect: { from: ["done"], to: "effect_verified" },
  markNotEffective: { from: ["done"], to: "not_effective" },
  // Not effective, or done too early: back to work, with the history kept.
  reopen: { from: ["done", "not_effective"], to: "in_progress" },
});

export const { canMove, nextStatus, allowedMoves } = machine;

/** Closed means the effect is verified; nothing else counts. */
export const isClosed = (status: ActionStatus) => status === "effect_verified";

/** Still someone's work: not closed, and not handed on to a follow-up. */
export const isOpen = (status: ActionStatus, hasFollowUp = false) =>
  !isClosed(status) && !(status === "not_effective" && hasFollowUp);

/** What the action waits for next: its work by the due date, or, once done, its effect check. */
export function nextDeadline(action: { status: ActionStatus; dueOn: string; effectCheckOn: string }) {
  const effectCheck = action.status === "done";
  return { effectCheck, date: effectCheck ? action.effectCheckOn : action.dueOn };
}

/** Overdue: open past its due date; an effect check overdue: done, past its check date. */
export function overdue(action: { status: ActionStatus; dueOn: string; effectCheckOn: string }, today: string) {
  if (action.status === "planned" || action.status === "in_progress") return action.dueOn < today;
  if (action.status === "done") return action.effectCheckOn < today;
  return false;
}
