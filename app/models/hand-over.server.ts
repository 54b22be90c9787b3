import { and, eq, inArray, isNotNull, isNull, ne, notInArray, sql, type SQL } from "drizzle-orm";
import { getTableColumns } from "drizzle-orm";
import type { AnySQLiteColumn, SQLiteTable } from "drizzle-orm/sqlite-core";
import { type Db, writeTransaction } from "#db/client.ts";
import { newId } from "#db/ids.ts";
import {
  actions,
  auditFindings,
  audits,
  changeAnalyses,
  delegations,
  deviations,
  documents,
  kpis,
  legalRequirements,
  objectives,
  processes,
  releases,
  reviewers,
  reviews,
  risks,
  users,
} from "#db/schema/index.ts";
import { itemHref } from "#app/domain/item-refs.ts";
import { can, type Actor } from "#app/auth/permissions.server.ts";
import { reassignAction } from "./actions.server.ts";
import { DomainError } from "./errors.ts";
import { notify } from "./notifications.server.ts";
import { appendTrailEvent } from "./trail.server.ts";

/**
 * What a person answers for, across every register and open review round, and how it passes
 * to a successor when they leave or change job. Each kind names the column that holds the
 * person: tests/unit/hand-over.test.ts fails when a table gains a column naming a person that
 * is neither here nor declared a record of the past.
 */

export const responsibilityKinds = [
  "document",
  "review",
  "reviewer",
  "process",
  "risk",
  "change_analysis",
  "action",
  "objective",
  "kpi",
  "deviation",
  "audit",
  "finding",
  "legal_requirement",
  "delegation",
] as const;
export type ResponsibilityKind = (typeof responsibilityKinds)[number];

export type Responsibility = { kind: ResponsibilityKind; id: string; title: string; href: string };

type Item = Omit<Responsibility, "kind">;

type Holder = {
  /** The column naming the person who answers for it. */
  column: AnySQLiteColumn;
  /** What the person answers for now (open, in use: not what is closed or withdrawn). */
  list(db: Db, userId: string): Item[];
  /** Whether someone may answer for it, by their role. */
  mayHold(person: Actor): boolean;
  /** Passes one item to the successor. */
  pass(tx: Db, item: { id: string; from: string; to: string; actor: Actor; now: Date }): void;
};

const numbered = (n: number, title: string) => `${n}. ${title}`;
/** Anyone who works here; the external auditor is a reading guest and answers for nothing. */
const colleague = (p: Actor) => p.role !== "external_auditor";

/** A plain change of who answers, for registers whose history is the trail. */
function setColumn(table: SQLiteTable, column: AnySQLiteColumn, idColumn: AnySQLiteColumn): Holder["pass"] {
  const key = Object.entries(getTableColumns(table)).find(([, c]) => c === column)![0];
  return (tx, { id, to }) => {
    tx.update(table)
      .set({ [key]: to } as never)
      .where(eq(idColumn, id))
      .run();
  };
}

/**
 * A register whose rows name one person who answers for them: what they hold is the rows
 * naming them while `open` holds, titled (with the row's number where it has one), and
 * passing it is changing that column.
 */
function plainHolder(o: {
  table: SQLiteTable;
  id: AnySQLiteColumn;
  column: AnySQLiteColumn;
  title: AnySQLiteColumn;
  number?: AnySQLiteColumn;
  open?: SQL;
  href: (id: string) => string;
  mayHold?: Holder["mayHold"];
}): Holder {
  return {
    column: o.column,
    list: (db, userId) =>
      db
        .select({ id: o.id, title: o.title, number: o.number ?? sql`null` })
        .from(o.table)
        .where(and(eq(o.column, userId), o.open))
        .all()
        .map((row) => {
          const { id, title, number } = row as { id: string; title: string; number: number | null };
          return { id, title: number === null ? title : numbered(number, title), href: o.href(id) };
        }),
    mayHold: o.mayHold ?? colleague,
    pass: setColumn(o.table, o.column, o.id),
  };
}

const holders: Record<ResponsibilityKind, Holder> = {
  document: plainHolder({
    table: documents,
    id: documents.id,
    column: documents.ownerId,
    title: documents.title,
    open: ne(documents.status, "archived"),
    href: (id) => `/dokument/${id}`,
    mayHold: (p) => can(p, "create", { type: "documents" }),
  }),
  review: {
    column: reviews.approverId,
    list: (db, userId) =>
      db
        .select({ id: reviews.id, title: documents.title, documentId: documents.id })
        .from(reviews)
        .innerJoin(documents, eq(documents.id, reviews.documentId))
        .where(and(eq(reviews.approverId, userId), eq(reviews.status, "open")))
        .all()
        .map((r) => ({ id: r.id, title: r.title, href: `/dokument/${r.documentId}/granskning` })),
    mayHold: (p) => can(p, "approve", { type: "releases" }),
    pass: (tx, { id, to }) => {
      tx.update(reviews).set({ approverId: to }).where(eq(reviews.id, id)).run();
    },
  },
  reviewer: {
    column: reviewers.userId,
    list: (db, userId) =>
      db
        .select({ id: reviews.id, title: documents.title, documentId: documents.id })
        .from(reviewers)
        .innerJoin(reviews, eq(reviews.id, reviewers.reviewId))
        .innerJoin(documents, eq(documents.id, reviews.documentId))
        .where(and(eq(reviewers.userId, userId), eq(reviews.status, "open"), eq(reviewers.verdict, "pending")))
        .all()
        .map((r) => ({ id: r.id, title: r.title, href: `/dokument/${r.documentId}/granskning` })),
    mayHold: (p) => can(p, "view", { type: "documents" }),
    pass: (tx, { id, from, to }) => {
      // The successor may already be asked; then the round keeps one request to them.
      const already = tx
        .select({ userId: reviewers.userId })
        .from(reviewers)
        .where(and(eq(reviewers.reviewId, id), eq(reviewers.userId, to)))
        .get();
      if (already)
        tx.delete(reviewers)
          .where(and(eq(reviewers.reviewId, id), eq(reviewers.userId, from)))
          .run();
      else
        tx.update(reviewers)
          .set({ userId: to })
          .where(and(eq(reviewers.reviewId, id), eq(reviewers.userId, from)))
          .run();
    },
  },
  process: plainHolder({
    table: processes,
    id: processes.id,
    column: processes.ownerId,
    title: processes.title,
    href: (id) => itemHref("process", id),
  }),
  risk: plainHolder({
    table: risks,
    id: risks.id,
    column: risks.ownerId,
    title: risks.title,
    number: risks.number,
    open: isNull(risks.retiredAt),
    href: (id) => itemHref("risk", id),
  }),
  change_analysis: plainHolder({
    table: changeAnalyses,
    id: changeAnalyses.id,
    column: changeAnalyses.ownerId,
    title: changeAnalyses.title,
    number: changeAnalyses.number,
    open: isNull(changeAnalyses.concludedAt),
    href: (id) => itemHref("change_analysis", id),
  }),
  action: {
    column: actions.ownerId,
    list: (db, userId) =>
      db
        .select({ id: actions.id, number: actions.number, title: actions.title })
        .from(actions)
        .where(and(eq(actions.ownerId, userId), notInArray(actions.status, ["effect_verified", "not_effective"])))
        .all()
        .map((a) => ({ id: a.id, title: numbered(a.number, a.title), href: itemHref("action", a.id) })),
    mayHold: colleague,
    pass: (tx, { id, to, actor, now }) => reassignAction(tx, actor, id, to, now),
  },
  objective: plainHolder({
    table: objectives,
    id: objectives.id,
    column: objectives.ownerId,
    title: objectives.title,
    href: (id) => itemHref("objective", id),
  }),
  kpi: plainHolder({
    table: kpis,
    id: kpis.id,
    column: kpis.ownerId,
    title: kpis.name,
    href: (id) => itemHref("kpi", id),
  }),
  deviation: plainHolder({
    table: deviations,
    id: deviations.id,
    column: deviations.responsibleId,
    title: deviations.title,
    number: deviations.number,
    open: ne(deviations.status, "closed"),
    href: (id) => itemHref("deviation", id),
  }),
  audit: {
    column: audits.leadAuditorId,
    list: (db, userId) => {
      // An audit is led until its report is released.
      const released = new Set(
        db
          .select({ documentId: releases.documentId })
          .from(releases)
          .innerJoin(audits, eq(audits.reportDocumentId, releases.documentId))
          .where(and(eq(audits.leadAuditorId, userId), isNotNull(audits.reportDocumentId)))
          .all()
          .map((r) => r.documentId),
      );
      return db
        .select({ id: audits.id, number: audits.number, title: audits.title, report: audits.reportDocumentId })
        .from(audits)
        .where(eq(audits.leadAuditorId, userId))
        .all()
        .filter((a) => !a.report || !released.has(a.report))
        .map((a) => ({ id: a.id, title: numbered(a.number, a.title), href: `/revision/granskningar/${a.id}` }));
    },
    mayHold: (p) => can(p, "edit", { type: "audits" }),
    pass: setColumn(audits, audits.leadAuditorId, audits.id),
  },
  finding: plainHolder({
    table: auditFindings,
    id: auditFindings.id,
    column: auditFindings.responsibleId,
    title: auditFindings.title,
    number: auditFindings.number,
    open: ne(auditFindings.status, "closed"),
    href: (id) => itemHref("finding", id),
  }),
  legal_requirement: plainHolder({
    table: legalRequirements,
    id: legalRequirements.id,
    column: legalRequirements.responsibleId,
    title: legalRequirements.title,
    href: () => "/krav/lagar",
  }),
  delegation: {
    column: delegations.toUserId,
    list: (db, userId) =>
      db
        .select({ id: delegations.id, title: delegations.task })
        .from(delegations)
        .where(and(eq(delegations.toUserId, userId), inArray(delegations.status, ["proposed", "accepted"])))
        .all()
        .map((d) => ({ ...d, href: "/krav/uppgiftsfordelning" })),
    mayHold: colleague,
    // A delegation is accepted in writing by its recipient: the successor is asked anew.
    pass: (tx, { id, to, now }) => {
      const old = tx.select().from(delegations).where(eq(delegations.id, id)).get()!;
      tx.update(delegations)
        .set({ status: "revoked", endedAt: now, endReason: "handedOver" })
        .where(eq(delegations.id, id))
        .run();
      tx.insert(delegations)
        .values({ ...old, id: newId(), toUserId: to, status: "proposed", delegatedAt: now, acceptedAt: null })
        .run();
    },
  },
};

/** The columns naming who answers for something now (for the completeness test). */
export const responsibilityColumns = responsibilityKinds.map((kind) => holders[kind].column);

/** Whether someone's role lets them answer for this kind of thing. */
export const mayHold = (kind: ResponsibilityKind, person: Actor) => holders[kind].mayHold(person);

/** Everything the person answers for now, register by register. */
export function responsibilitiesOf(db: Db, userId: string): Responsibility[] {
  return responsibilityKinds.flatMap((kind) => holders[kind].list(db, userId).map((item) => ({ kind, ...item })));
}

export class HandOverError extends DomainError<"handOver.notAllowed" | "handOver.nothing"> {}

/** What is wrong with one item's successor, as the item's field on the hand-over page. */
export type HandOverProblem = "handOver.noSuccessor" | "handOver.successorInactive" | "handOver.successorNotAllowed";

export const itemKey = (r: { kind: ResponsibilityKind; id: string }) => `${r.kind}:${r.id}`;

/**
 * Passes everything the person answers for to successors: one per item, or one for all.
 * Everything passes or nothing does; every successor hears what came to them, and the trail
 * records each item's new holder (ids only).
 */
export function handOver(
  db: Db,
  actor: Actor,
  fromUserId: string,
  choice: { everything: string | null; items: Record<string, string> },
  now = new Date(),
): { ok: true; passed: number } | { ok: false; problems: Record<string, HandOverProblem> } {
  if (!can(actor, "handOver", { type: "user", id: fromUserId, role: "staff" }))
    throw new HandOverError("handOver.notAllowed");
  return writeTransaction(db, (tx) => {
    const all = responsibilitiesOf(tx, fromUserId);
    if (all.length === 0) throw new HandOverError("handOver.nothing");
    const people = new Map(
      tx
        .select()
        .from(users)
        .all()
        .map((u) => [u.id, u]),
    );
    const problems: Record<string, HandOverProblem> = {};
    const plan = all.map((item) => {
      const to = choice.items[itemKey(item)] || choice.everything || "";
      const successor = people.get(to);
      if (!successor || successor.id === fromUserId) problems[itemKey(item)] = "handOver.noSuccessor";
      else if (!successor.active) problems[itemKey(item)] = "handOver.successorInactive";
      else if (!holders[item.kind].mayHold(successor)) problems[itemKey(item)] = "handOver.successorNotAllowed";
      return { item, to };
    });
    if (Object.keys(problems).length > 0) return { ok: false as const, problems };
    for (const { item, to } of plan) {
      holders[item.kind].pass(tx, { id: item.id, from: fromUserId, to, actor, now });
      appendTrailEvent(tx, {
        actorId: actor.id,
        type: "responsibility.handedOver",
        subjectType: item.kind === "reviewer" ? "review" : item.kind,
        subjectId: item.id,
        at: now,
        data: { kind: item.kind, from: fromUserId, to },
      });
    }
    for (const to of new Set(plan.map((p) => p.to))) {
      const theirs = plan.filter((p) => p.to === to);
      notify(
        tx,
        {
          kind: "handedOver",
          actorId: actor.id,
          recipients: [to],
          link: "/start",
          text: theirs.map((p) => p.item.title).join(", "),
        },
        now,
      );
    }
    return { ok: true as const, passed: plan.length };
  });
}
