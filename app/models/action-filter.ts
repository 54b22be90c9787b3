import { z } from "zod";
import { actionSources, actionStatuses } from "#app/domain/values.ts";
import type { ActionFilter } from "./actions.server.ts";

/** The action plan's views and filters as its address carries them: its page and its sheet read the same. */
export const actionViews = ["oppna", "mina", "forsenade", "alla"] as const;

// Anything unknown in the address is ignored rather than refused.
export const actionListQuery = z.object({
  visa: z.enum(actionViews).catch("oppna"),
  vy: z.enum(["tabell", "tavla"]).catch("tabell"),
  status: z.enum(actionStatuses).optional().catch(undefined),
  kalla: z.enum(actionSources).optional().catch(undefined),
});

export type ActionListQuery = z.output<typeof actionListQuery>;

export function actionFilterOf(query: ActionListQuery, userId: string): ActionFilter {
  return {
    status: query.status,
    source: query.kalla,
    ownerId: query.visa === "mina" ? userId : undefined,
    open: query.visa !== "alla",
    overdue: query.visa === "forsenade",
  };
}
