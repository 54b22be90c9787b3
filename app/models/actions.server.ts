import { addDays } from "date-fns";
import { and, asc, desc, eq, inArray, type SQL } from "drizzle-orm";
import { alias } from "drizzle-orm/sqlite-core";
import { type Db, writeTransaction } from "#db/client.ts";
import { newId } from "#db/ids.ts";
import { nextNumber } from "#db/numbering.ts";
import { actionEvents, actions, units, users, type ActionSource, type ActionStatus } from "#db/schema/index.ts";
import { can, type Actor } from "#app/auth/permissions.server.ts";
import { allowedMoves, isOpen, nextDeadline, nextStatus, overdue, type ActionMove } from "./action-states.ts";
import { DomainError } from "./errors.ts";
import { notify } from "./notifications.server.ts";
import { dayOf } from "./releases.server.ts";
import { appendTrailEvent } from "./trail.server.ts";
import { assertUnitExists } from "./units.server.ts";

/**
 * The action plan: every action, whatever its source, with its effect check planned from the
 * start. Each change is kept in the action's own history and in the trail.
 */

export class ActionError extends DomainError<
  | "action.notFound"
  | "action.notAllowed"
  | "action.moveNotAllowed"
  | "action.effectResultRequired"
  | "action.ownerNotFound"
  | "action.postponeNeedsLaterDate"
  | "action.closed"
  | "action.checkBeforeDue"
> {}

export type ActionInput = {
  title: string;
  reason: string;
  source: ActionSource;
  ownerId: string;
  unitId: string | null;
  dueOn: string;
  effectPlan: string;
  effectMeasure: string;
  effectCheckOn: string;
};

const owner = alias(users, "owner");

const columns = {
  id: actions.id,
  number: actions.number,
  title: actions.title,
  reason: actions.reason,
  source: actions.source,
  ownerId: actions.ownerId,
  ownerName: owner.name,
  unitId: actions.unitId,
  unitName: units.name,
  dueOn: actions.dueOn,
  status: actions.status,
  effectPlan: actions.effectPlan,
  effectMeasure: actions.effectMeasure,
  effectCheckOn: actions.effectCheckOn,
  effectResult: actions.effectResult,
  effectCheckedAt: actions.effectCheckedAt,
  followUpOf: actions.followUpOf,
  createdBy: actions.createdBy,
  createdAt: actions.createdAt,
  updatedAt: actions.updatedAt,
};

export type ActionSummary = {
  id: string;
  number: number;
  title: string;
  reason: string;
  source: ActionSource;
  ownerId: string;
  ownerName: string;
  unitId: string | null;
  unitName: string | null;
  dueOn: string;
  status: ActionStatus;
  effectPlan: string;
  effectMeasure: string;
  effectCheckOn: string;
  effectResult: string | null;
  effectCheckedAt: Date | null;
  followUpOf: string | null;
  createdBy: string;
  createdAt: Date;
  updatedAt: Date;
};

function selectActions(db: Db) {
  return db
    .select(columns)
    .from(actions)
    .innerJoin(owner, eq(owner.id, actions.ownerId))
    .leftJoin(units, eq(units.id, actions.unitId));
}

export function getAction(db: Db, id: string): ActionSummary | undefined {
  return selectActions(db).where(eq(actions.id, id)).get();
}

function requireAction(db: Db, id: string): ActionSummary {
  const action = getAction(db, id);
  if (!action) throw new ActionError("action.notFound");
  return action;
}

export const actionResource = (action: { ownerId: string; createdBy: string }) =>
  ({ type: "action", ownerId: action.ownerId, createdBy: action.createdBy }) as const;

/** The moves this person may make with the action now: judging its effect is a right of its own. */
export function movesFor(actor: Actor, action: ActionSummary): { move: ActionMove; to: ActionStatus }[] {
  const resource = actionResource(action);
  return allowedMoves(action.status)
    .filter((move) =>
      can(actor, move === "verifyEffect" || move === "markNotEffective" ? "verifyEffect" : "edit", resource),
    )
    .map((move) => ({ move, to: nextStatus(action.status, move)! }));
}

export type ActionFilter = {
  status?: ActionStatus;
  ownerId?: string;
  source?: ActionSource;
  unitId?: string;
  /** Only actions past their due date (or, once done, past their effect check). */
  overdue?: boolean;
  /** Only actions still someone's work. */
  open?: boolean;
};

export function listActions(db: Db, filter: ActionFilter = {}, now = new Date()): ActionSummary[] {
  const conditions: SQL[] = [];
  if (filter.status) conditions.push(eq(actions.status, filter.status));
  if (filter.ownerId) conditions.push(eq(actions.ownerId, filter.ownerId));
  if (filter.source) conditions.push(eq(actions.source, filter.source));
  if (filter.unitId) conditions.push(eq(actions.unitId, filter.unitId));
  const rows = selectActions(db)
    .where(and(...conditions))
    .orderBy(asc(actions.dueOn), asc(actions.number))
    .all();
  const followedUp = new Set(
    db
      .select({ of: actions.followUpOf })
      .from(actions)
      .where(
        inArray(
          actions.followUpOf,
          rows.map((r) => r.id),
        ),
      )
      .all()
      .map((r) => r.of),
  );
  const today = dayOf(now);
  return rows.filter(
    (r) => (!filter.open || isOpen(r.status, followedUp.has(r.id))) && (!filter.overdue || overdue(r, today)),
  );
}

function assertOwner(db: Db, ownerId: string): void {
  const person = db.select({ active: users.active }).from(users).where(eq(users.id, ownerId)).get();
  if (!person?.active) throw new ActionError("action.ownerNotFound");
}

/** The effect can only be checked once the work is due to be done. */
function assertPlan(input: Pick<ActionInput, "dueOn" | "effectCheckOn">): void {
  if (input.effectCheckOn < input.dueOn) throw new ActionError("action.checkBeforeDue");
}

function record(
  tx: Db,
  actor: Actor,
  actionId: string,
  event: Omit<typeof actionEvents.$inferInsert, "actionId" | "actorId" | "at" | "id">,
  now: Date,
): void {
  tx.insert(actionEvents)
    .values({ actionId, actorId: actor.id, at: now, ...event })
    .run();
  appendTrailEvent(tx, {
    actorId: actor.id,
    type: `action.${event.kind === "moved" ? event.toStatus : event.kind}`,
    subjectType: "action",
    subjectId: actionId,
    at: now,
    // The comment stays in the action's own history; the trail keeps the facts.
    data: Object.fromEntries(
      Object.entries(event).filter(([key, v]) => key !== "comment" && v !== null && v !== undefined),
    ),
  });
}

/** A new action; what, why, who, when and the planned effect check are all required. */
export function createAction(
  db: Db,
  actor: Actor,
  input: ActionInput,
  options: { followUpOf?: string } = {},
  now = new Date(),
): string {
  if (!can(actor, "create", { type: "actions" })) throw new ActionError("action.notAllowed");
  assertPlan(input);
  return writeTransaction(db, (tx) => {
    assertOwner(tx, input.ownerId);
    assertUnitExists(tx, input.unitId);
    const number = nextNumber(tx, actions, actions.number);
    const id = newId();
    tx.insert(actions)
      .values({
        id,
        number,
        ...input,
        followUpOf: options.followUpOf ?? null,
        createdBy: actor.id,
        createdAt: now,
        updatedAt: now,
      })
      .run();
    record(tx, actor, id, { kind: "created", toStatus: "planned", newDueOn: input.dueOn, comment: input.title }, now);
    // The owner hears of it at once, unless they wrote it themself.
    notify(
      tx,
      {
        kind: "assigned",
        actorId: actor.id,
        recipients: [input.ownerId],
        link: `/atgarder/${id}`,
        text: `${number}. ${input.title}`,
      },
      now,
    );
    if (options.followUpOf) {
      // Only an action judged not effective is followed up; the old one then hands its work on.
      if (requireAction(tx, options.followUpOf).status !== "not_effective")
        throw new ActionError("action.moveNotAllowed");
      record(tx, actor, options.followUpOf, { kind: "followUp", comment: id }, now);
    }
    return id;
  });
}

/** Moves an action along its life (see action-states.ts); judging the effect needs the result written down. */
export function moveAction(
  db: Db,
  actor: Actor,
  id: string,
  move: ActionMove,
  input: { result?: string; comment?: string } = {},
  now = new Date(),
): void {
  writeTransaction(db, (tx) => {
    const action = requireAction(tx, id);
    const judging = move === "verifyEffect" || move === "markNotEffective";
    if (!can(actor, judging ? "verifyEffect" : "edit", actionResource(action))) {
      throw new ActionError("action.notAllowed");
    }
    const to = nextStatus(action.status, move);
    if (!to) throw new ActionError("action.moveNotAllowed");
    const result = input.result?.trim();
    if (judging && !result) throw new ActionError("action.effectResultRequired");
    tx.update(actions)
      .set({
        status: to,
        updatedAt: now,
        ...(judging ? { effectResult: result, effectCheckedBy: actor.id, effectCheckedAt: now } : {}),
      })
      .where(eq(actions.id, id))
      .run();
    record(
      tx,
      actor,
      id,
      { kind: "moved", fromStatus: action.status, toStatus: to, comment: result || input.comment || null },
      now,
    );
  });
}

/** A new due date; the old one and the reason stay in the history. */
export function postponeAction(
  db: Db,
  actor: Actor,
  id: string,
  input: { dueOn: string; reason: string },
  now = new Date(),
): void {
  writeTransaction(db, (tx) => {
    const action = requireAction(tx, id);
    if (!can(actor, "edit", actionResource(action))) throw new ActionError("action.notAllowed");
    if (input.dueOn <= action.dueOn) throw new ActionError("action.postponeNeedsLaterDate");
    tx.update(actions).set({ dueOn: input.dueOn, updatedAt: now }).where(eq(actions.id, id)).run();
    record(
      tx,
      actor,
      id,
      { kind: "postponed", oldDueOn: action.dueOn, newDueOn: input.dueOn, comment: input.reason },
      now,
    );
  });
}

export const editableActionFields = [
  "title",
  "reason",
  "source",
  "ownerId",
  "unitId",
  "dueOn",
  "effectPlan",
  "effectMeasure",
  "effectCheckOn",
] as const satisfies readonly (keyof ActionInput)[];

/**
 * Corrects an open action (from a sheet brought back from Excel): what changed is named in its
 * history, a new owner hears of it, and a closed action stays as it was closed.
 */
export function updateActionDetails(db: Db, actor: Actor, id: string, input: ActionInput, now = new Date()): void {
  writeTransaction(db, (tx) => {
    const action = requireAction(tx, id);
    if (!can(actor, "edit", actionResource(action))) throw new ActionError("action.notAllowed");
    if (!isOpen(action.status)) throw new ActionError("action.closed");
    const changed = editableActionFields.filter((key) => action[key] !== input[key]);
    if (changed.length === 0) return;
    assertPlan(input);
    assertOwner(tx, input.ownerId);
    assertUnitExists(tx, input.unitId);
    tx.update(actions)
      .set({ ...input, updatedAt: now })
      .where(eq(actions.id, id))
      .run();
    const dueMoved = changed.includes("dueOn");
    record(
      tx,
      actor,
      id,
      {
        kind: "edited",
        oldDueOn: dueMoved ? action.dueOn : null,
        newDueOn: dueMoved ? input.dueOn : null,
        comment: changed.join(","),
      },
      now,
    );
    if (input.ownerId !== action.ownerId) {
      notify(
        tx,
        {
          kind: "assigned",
          actorId: actor.id,
          recipients: [input.ownerId],
          link: `/atgarder/${id}`,
          text: `${action.number}. ${input.title}`,
        },
        now,
      );
    }
  });
}

/** A new owner for an open action (a hand-over): its history names the change. */
export function reassignAction(tx: Db, actor: Actor, id: string, ownerId: string, now = new Date()): void {
  tx.update(actions).set({ ownerId, updatedAt: now }).where(eq(actions.id, id)).run();
  record(tx, actor, id, { kind: "edited", comment: "ownerId" }, now);
}

export type ActionHistoryEntry = typeof actionEvents.$inferSelect & { actorName: string };

export function actionHistory(db: Db, id: string): ActionHistoryEntry[] {
  return db
    .select({
      id: actionEvents.id,
      actionId: actionEvents.actionId,
      at: actionEvents.at,
      actorId: actionEvents.actorId,
      actorName: users.name,
      kind: actionEvents.kind,
      fromStatus: actionEvents.fromStatus,
      toStatus: actionEvents.toStatus,
      oldDueOn: actionEvents.oldDueOn,
      newDueOn: actionEvents.newDueOn,
      comment: actionEvents.comment,
    })
    .from(actionEvents)
    .innerJoin(users, eq(users.id, actionEvents.actorId))
    .where(eq(actionEvents.actionId, id))
    .orderBy(desc(actionEvents.id))
    .all();
}

/** How far ahead Start looks for one's own actions and effect checks. */
const DUE_AHEAD_DAYS = 14;

/** This person's actions due soon or overdue, and effect checks of their done actions. */
export function myActionsDue(db: Db, userId: string, now = new Date()) {
  const today = dayOf(now);
  const horizon = dayOf(addDays(now, DUE_AHEAD_DAYS));
  return listActions(db, { ownerId: userId, open: true }, now).flatMap((a) => {
    const { effectCheck, date } = nextDeadline(a);
    if (a.status === "not_effective" || date > horizon) return [];
    return [{ id: a.id, number: a.number, title: a.title, effectCheck, date, overdue: date < today }];
  });
}
