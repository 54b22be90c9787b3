import { asc, eq, inArray } from "drizzle-orm";
import { alias } from "drizzle-orm/sqlite-core";
import { type Db, writeTransaction } from "#db/client.ts";
import { newId } from "#db/ids.ts";
import { actions, auditFindings, audits, users, type ActionStatus, type FindingKind } from "#db/schema/index.ts";
import { can, type Actor } from "#app/auth/permissions.server.ts";
import { closeBlocker, nextStatus } from "./audit-rules.ts";
import { AuditError, auditResource, getAudit } from "./audits.server.ts";
import { linkEnds } from "./link-ends.server.ts";
import { notify } from "./notifications.server.ts";
import { appendTrailEvent } from "./trail.server.ts";

/**
 * An audit's findings (ISO 10.2): recorded by the team, answered by the person responsible
 * with a root cause and actions, verified and closed by the lead auditor.
 */

export type FindingInput = {
  kind: FindingKind;
  title: string;
  requirement: string;
  evidence: string;
  responsibleId: string;
};

export function addFinding(db: Db, actor: Actor, auditId: string, input: FindingInput, now = new Date()): string {
  return writeTransaction(db, (tx) => {
    const audit = getAudit(tx, auditId, now);
    if (!audit) throw new AuditError("audit.notFound");
    if (!can(actor, "edit", auditResource(audit))) throw new AuditError("audit.notAllowed");
    if (!input.title.trim() || !input.requirement.trim() || !input.evidence.trim())
      throw new AuditError("finding.incomplete");
    const responsible = tx.select().from(users).where(eq(users.id, input.responsibleId)).get();
    if (!responsible?.active || !can(responsible, "edit", { type: "audits" }))
      throw new AuditError("finding.responsibleCannotSee");
    const id = newId();
    const number =
      tx.select({ id: auditFindings.id }).from(auditFindings).where(eq(auditFindings.auditId, auditId)).all().length +
      1;
    tx.insert(auditFindings)
      .values({
        id,
        auditId,
        number,
        kind: input.kind,
        title: input.title.trim(),
        requirement: input.requirement.trim(),
        evidence: input.evidence.trim(),
        responsibleId: responsible.id,
        status: "open",
        createdBy: actor.id,
        createdAt: now,
      })
      .run();
    appendTrailEvent(tx, {
      actorId: actor.id,
      type: "finding.created",
      subjectType: "audit",
      subjectId: auditId,
      at: now,
      data: { findingId: id, kind: input.kind, responsibleId: responsible.id },
    });
    notify(
      tx,
      {
        kind: "findingAssigned",
        actorId: actor.id,
        recipients: [responsible.id],
        link: findingHref(auditId, id),
        text: `${audit.number}.${number} ${input.title.trim()}`,
      },
      now,
    );
    return id;
  });
}

export const findingHref = (auditId: string, findingId: string) =>
  `/revision/granskningar/${auditId}#finding-${findingId}`;

const responsible = alias(users, "responsible");

export function findingsOf(db: Db, auditId: string) {
  return db
    .select({
      id: auditFindings.id,
      number: auditFindings.number,
      kind: auditFindings.kind,
      title: auditFindings.title,
      requirement: auditFindings.requirement,
      evidence: auditFindings.evidence,
      responsibleId: auditFindings.responsibleId,
      responsibleName: responsible.name,
      status: auditFindings.status,
      rootCause: auditFindings.rootCause,
      closingNote: auditFindings.closingNote,
      closedAt: auditFindings.closedAt,
    })
    .from(auditFindings)
    .innerJoin(responsible, eq(responsible.id, auditFindings.responsibleId))
    .where(eq(auditFindings.auditId, auditId))
    .orderBy(asc(auditFindings.number))
    .all();
}

export function getFinding(db: Db, id: string) {
  const finding = db.select().from(auditFindings).where(eq(auditFindings.id, id)).get();
  if (!finding) return undefined;
  const audit = db.select({ number: audits.number }).from(audits).where(eq(audits.id, finding.auditId)).get()!;
  return { ...finding, auditNumber: audit.number };
}

/** The statuses of the actions linked to a finding: what closing a nonconformity waits for. */
function actionStatusesOf(db: Db, findingId: string): ActionStatus[] {
  const ids = linkEnds(db, { kind: "finding", id: findingId }, "action").map((end) => end.id);
  if (ids.length === 0) return [];
  return db
    .select({ status: actions.status })
    .from(actions)
    .where(inArray(actions.id, ids))
    .all()
    .map((a) => a.status);
}

type Move = "answer" | "return" | "close" | "reopen";

function moveFinding(
  db: Db,
  actor: Actor,
  findingId: string,
  move: Move,
  change: Partial<typeof auditFindings.$inferInsert>,
  now: Date,
) {
  return writeTransaction(db, (tx) => {
    const finding = tx.select().from(auditFindings).where(eq(auditFindings.id, findingId)).get();
    if (!finding) throw new AuditError("finding.notFound");
    const audit = getAudit(tx, finding.auditId, now)!;
    const allowed =
      move === "answer"
        ? can(actor, "handle", { type: "finding", responsibleId: finding.responsibleId })
        : can(actor, "approve", auditResource(audit));
    if (!allowed) throw new AuditError("finding.notAllowed");
    const to = nextStatus(finding.status, move);
    if (!to) throw new AuditError("finding.notAllowed");
    if (move === "answer" && actionStatusesOf(tx, findingId).length === 0) throw new AuditError("finding.needsAction");
    if (move === "close") {
      const blocker = closeBlocker(finding.kind, finding.status, actionStatusesOf(tx, findingId));
      if (blocker) throw new AuditError(blocker);
    }
    tx.update(auditFindings)
      .set({ ...change, status: to })
      .where(eq(auditFindings.id, findingId))
      .run();
    appendTrailEvent(tx, {
      actorId: actor.id,
      type: `finding.${move}`,
      subjectType: "audit",
      subjectId: finding.auditId,
      at: now,
      data: { findingId, from: finding.status, to },
    });
    if (move === "answer") {
      notify(
        tx,
        {
          kind: "findingAnswered",
          actorId: actor.id,
          recipients: [audit.leadAuditorId],
          link: findingHref(audit.id, findingId),
          text: `${audit.number}.${finding.number} ${finding.title}`,
        },
        now,
      );
    }
  });
}

/** The person responsible answers a nonconformity: its root cause, with actions already in the plan. */
export function answerFinding(db: Db, actor: Actor, findingId: string, rootCause: string, now = new Date()) {
  if (!rootCause.trim()) throw new AuditError("finding.incomplete");
  moveFinding(
    db,
    actor,
    findingId,
    "answer",
    { rootCause: rootCause.trim().slice(0, 4000), answeredBy: actor.id, answeredAt: now },
    now,
  );
}

/** The lead auditor sends an answer back for more work. */
export function returnFinding(db: Db, actor: Actor, findingId: string, note: string, now = new Date()) {
  moveFinding(db, actor, findingId, "return", { closingNote: note.trim().slice(0, 2000) || null }, now);
}

/** The lead auditor verifies and closes: a nonconformity only once its actions' effect is verified. */
export function closeFinding(db: Db, actor: Actor, findingId: string, note: string, now = new Date()) {
  moveFinding(
    db,
    actor,
    findingId,
    "close",
    { closingNote: note.trim().slice(0, 2000) || null, closedBy: actor.id, closedAt: now },
    now,
  );
}

export function reopenFinding(db: Db, actor: Actor, findingId: string, note: string, now = new Date()) {
  moveFinding(
    db,
    actor,
    findingId,
    "reopen",
    { closingNote: note.trim().slice(0, 2000) || null, closedBy: null, closedAt: null },
    now,
  );
}
