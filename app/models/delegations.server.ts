import { desc, eq } from "drizzle-orm";
import { alias } from "drizzle-orm/sqlite-core";
import { type Db, writeTransaction } from "#db/client.ts";
import { newId } from "#db/ids.ts";
import { delegations, units, users } from "#db/schema/index.ts";
import { can, type Actor } from "#app/auth/permissions.server.ts";
import { chainProblems, nextStatus, type DelegationMove } from "./delegation-rules.ts";
import { DomainError } from "./errors.ts";
import { notify } from "./notifications.server.ts";
import { appendTrailEvent, trailFacts } from "./trail.server.ts";

/** Delegation of work-environment tasks: given, accepted in writing, returned or revoked, with its history kept. */

export class DelegationError extends DomainError<
  | "delegation.notAllowed"
  | "delegation.notFound"
  | "delegation.incomplete"
  | "delegation.self"
  | "delegation.recipient"
  | "delegation.moveNotAllowed"
> {}

export type DelegationInput = {
  task: string;
  unitId: string | null;
  toUserId: string;
  authority: string;
  resources: string;
  knowledge: string;
};

const LINK = "/krav/uppgiftsfordelning";

export function delegate(db: Db, actor: Actor, input: DelegationInput, now = new Date()): string {
  if (!can(actor, "manage", { type: "delegations" })) throw new DelegationError("delegation.notAllowed");
  const fields = [input.task, input.authority, input.resources, input.knowledge];
  if (fields.some((f) => !f.trim())) throw new DelegationError("delegation.incomplete");
  if (input.toUserId === actor.id) throw new DelegationError("delegation.self");
  return writeTransaction(db, (tx) => {
    const recipient = tx.select().from(users).where(eq(users.id, input.toUserId)).get();
    // The recipient must be able to open the register to accept in writing: a manager, not a guest.
    if (!recipient?.active || recipient.role === "external_auditor" || !can(recipient, "view", { type: "delegations" }))
      throw new DelegationError("delegation.recipient");
    if (input.unitId && !tx.select().from(units).where(eq(units.id, input.unitId)).get())
      throw new DelegationError("delegation.notFound");
    const id = newId();
    const values = {
      task: input.task.trim().slice(0, 300),
      unitId: input.unitId,
      fromUserId: actor.id,
      toUserId: recipient.id,
      authority: input.authority.trim().slice(0, 2000),
      resources: input.resources.trim().slice(0, 2000),
      knowledge: input.knowledge.trim().slice(0, 2000),
    };
    tx.insert(delegations)
      .values({ id, ...values, status: "proposed", delegatedAt: now })
      .run();
    appendTrailEvent(tx, {
      actorId: actor.id,
      type: "delegation.proposed",
      subjectType: "delegation",
      subjectId: id,
      at: now,
      data: trailFacts(values),
    });
    notify(
      tx,
      { kind: "delegationProposed", actorId: actor.id, recipients: [recipient.id], link: LINK, text: values.task },
      now,
    );
    return id;
  });
}

/**
 * The recipient accepts in writing or hands the task back; the one who gave it (or the quality
 * manager) revokes it. Handing back and revoking need a reason.
 */
export function moveDelegation(
  db: Db,
  actor: Actor,
  id: string,
  move: DelegationMove,
  reason = "",
  now = new Date(),
): void {
  writeTransaction(db, (tx) => {
    const d = tx.select().from(delegations).where(eq(delegations.id, id)).get();
    if (!d) throw new DelegationError("delegation.notFound");
    const allowed =
      move === "revoke"
        ? d.fromUserId === actor.id || can(actor, "manage", { type: "requirements" })
        : d.toUserId === actor.id;
    if (!allowed) throw new DelegationError("delegation.notAllowed");
    const to = nextStatus(d.status, move);
    if (!to) throw new DelegationError("delegation.moveNotAllowed");
    if (move !== "accept" && !reason.trim()) throw new DelegationError("delegation.incomplete");
    tx.update(delegations)
      .set(
        move === "accept"
          ? { status: to, acceptedAt: now }
          : { status: to, endedAt: now, endReason: reason.trim().slice(0, 2000) },
      )
      .where(eq(delegations.id, id))
      .run();
    appendTrailEvent(tx, {
      actorId: actor.id,
      type: `delegation.${to}`,
      subjectType: "delegation",
      subjectId: id,
      at: now,
      data: { from: d.status, to },
    });
    notify(
      tx,
      {
        kind: to === "accepted" ? "delegationAccepted" : to === "returned" ? "delegationReturned" : "delegationRevoked",
        actorId: actor.id,
        recipients: [d.fromUserId, d.toUserId],
        link: LINK,
        text: d.task,
      },
      now,
    );
  });
}

const giver = alias(users, "giver");
const holder = alias(users, "holder");

/** Every delegation, newest first, with names, and where the chain does not hold. */
export function delegationRegister(db: Db) {
  const rows = db
    .select({
      delegation: delegations,
      fromName: giver.name,
      toName: holder.name,
      unitName: units.name,
    })
    .from(delegations)
    .innerJoin(giver, eq(giver.id, delegations.fromUserId))
    .innerJoin(holder, eq(holder.id, delegations.toUserId))
    .leftJoin(units, eq(units.id, delegations.unitId))
    .orderBy(desc(delegations.delegatedAt))
    .all()
    .map((r) => ({ ...r.delegation, fromName: r.fromName, toName: r.toName, unitName: r.unitName }));
  const unitName = new Map(rows.map((r) => [r.unitId, r.unitName]));
  return {
    delegations: rows,
    problems: chainProblems(rows).map((p) => ({ ...p, unitName: unitName.get(p.unitId) ?? null })),
  };
}
