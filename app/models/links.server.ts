import { and, eq, or } from "drizzle-orm";
import { type Db, writeTransaction } from "#db/client.ts";
import { newId } from "#db/ids.ts";
import { links, type LinkableKind } from "#db/schema/index.ts";
import { can, type Actor } from "#app/auth/permissions.server.ts";
import { overdue } from "./action-states.ts";
import { actionResource, createAction, getAction, type ActionInput } from "./actions.server.ts";
import { getDocument } from "./documents.server.ts";
import { DomainError } from "./errors.ts";
import { currentRelease, dayOf, versionOf } from "./releases.server.ts";
import { levelOf } from "./risk-scoring.ts";
import { getRisk, riskResource, riskScale } from "./risks.server.ts";
import { appendTrailEvent } from "./trail.server.ts";

/**
 * The one link model (ARCHITECTURE.md wall 6). Each kind of item says how to find one, who
 * may see it, and its live status; kinds join as their registers arrive.
 */

export class LinkError extends DomainError<
  "link.notAllowed" | "link.itemNotFound" | "link.self" | "link.exists" | "link.notFound"
> {}

export type ItemRef = { kind: LinkableKind; id: string };

/** What a "Linked" panel shows of the item at the other end. */
export type LinkedItem = ItemRef & {
  linkId: string;
  title: string;
  href: string;
  /** A status word for the catalogue (`links.status.<status>`), and whether it needs attention. */
  status: string;
  attention: boolean;
};

type Resolver = (db: Db, actor: Actor, id: string, now: Date) => Omit<LinkedItem, "linkId" | "kind" | "id"> | null;

const resolvers: Partial<Record<LinkableKind, Resolver>> = {
  document: (db, actor, id, now) => {
    const document = getDocument(db, id);
    if (!document || !can(actor, "read", { type: "document", status: document.status, ownerId: document.ownerId })) {
      return null;
    }
    const current = currentRelease(db, id, now);
    const seesDrafts = can(actor, "view", { type: "documents" });
    return {
      title: current ? `${document.title} ${versionOf(current)}` : document.title,
      href: seesDrafts ? `/dokument/${id}` : `/gallande/${id}`,
      status: document.status === "archived" ? "withdrawn" : current ? "released" : "draft",
      attention: document.status === "archived" || (document.nextReviewOn ?? "9999") < dayOf(now),
    };
  },
  risk: (db, actor, id) => {
    const risk = getRisk(db, id);
    if (!risk || !can(actor, "read", riskResource(risk))) return null;
    const level = levelOf(riskScale(db), risk.residual);
    return {
      title: `R${risk.number}. ${risk.title}`,
      href: `/risker/${id}`,
      status: `risk_${level}`,
      attention: level === "high" || level === "critical",
    };
  },
  action: (db, actor, id, now) => {
    const action = getAction(db, id);
    if (!action || !can(actor, "read", actionResource(action))) return null;
    return {
      title: `${action.number}. ${action.title}`,
      href: `/atgarder/${id}`,
      status: action.status,
      attention: overdue(action, dayOf(now)),
    };
  },
};

function resolve(db: Db, actor: Actor, ref: ItemRef, now: Date) {
  return resolvers[ref.kind]?.(db, actor, ref.id, now) ?? null;
}

/** Links two items the person can see; a link to anything they may not see is refused as unknown. */
export function linkItems(db: Db, actor: Actor, a: ItemRef, b: ItemRef, now = new Date()): string {
  if (!can(actor, "edit", { type: "links" })) throw new LinkError("link.notAllowed");
  if (a.kind === b.kind && a.id === b.id) throw new LinkError("link.self");
  return writeTransaction(db, (tx) => {
    if (!resolve(tx, actor, a, now) || !resolve(tx, actor, b, now)) throw new LinkError("link.itemNotFound");
    if (findLink(tx, a, b)) throw new LinkError("link.exists");
    const id = newId();
    tx.insert(links)
      .values({ id, fromKind: a.kind, fromId: a.id, toKind: b.kind, toId: b.id, createdBy: actor.id, createdAt: now })
      .run();
    appendTrailEvent(tx, {
      actorId: actor.id,
      type: "link.added",
      subjectType: a.kind,
      subjectId: a.id,
      at: now,
      data: { to: b },
    });
    return id;
  });
}

function findLink(db: Db, a: ItemRef, b: ItemRef) {
  const pair = (x: ItemRef, y: ItemRef) =>
    and(eq(links.fromKind, x.kind), eq(links.fromId, x.id), eq(links.toKind, y.kind), eq(links.toId, y.id));
  return db
    .select()
    .from(links)
    .where(or(pair(a, b), pair(b, a)))
    .get();
}

export function unlinkItems(db: Db, actor: Actor, linkId: string, now = new Date()): void {
  if (!can(actor, "edit", { type: "links" })) throw new LinkError("link.notAllowed");
  writeTransaction(db, (tx) => {
    const link = tx.select().from(links).where(eq(links.id, linkId)).get();
    if (!link) throw new LinkError("link.notFound");
    tx.delete(links).where(eq(links.id, linkId)).run();
    appendTrailEvent(tx, {
      actorId: actor.id,
      type: "link.removed",
      subjectType: link.fromKind,
      subjectId: link.fromId,
      at: now,
      data: { to: { kind: link.toKind, id: link.toId } },
    });
  });
}

/** Everything linked to an item, read from both ends, that this person may see, with live status. */
export function linkedTo(db: Db, actor: Actor, ref: ItemRef, now = new Date()): LinkedItem[] {
  const rows = db
    .select()
    .from(links)
    .where(
      or(
        and(eq(links.fromKind, ref.kind), eq(links.fromId, ref.id)),
        and(eq(links.toKind, ref.kind), eq(links.toId, ref.id)),
      ),
    )
    .all();
  return rows.flatMap((row) => {
    const other: ItemRef =
      row.fromKind === ref.kind && row.fromId === ref.id
        ? { kind: row.toKind, id: row.toId }
        : { kind: row.fromKind, id: row.fromId };
    const item = resolve(db, actor, other, now);
    return item ? [{ ...other, linkId: row.id, ...item }] : [];
  });
}

/** Items of a kind that can be linked, for the panel's picker. */
export const linkableNow = Object.keys(resolvers) as LinkableKind[];

/** A new action born of another item (a risk, a document review): created and linked together, or not at all. */
export function createLinkedAction(db: Db, actor: Actor, input: ActionInput, from: ItemRef, now = new Date()): string {
  return writeTransaction(db, (tx) => {
    const id = createAction(tx, actor, input, {}, now);
    linkItems(tx, actor, from, { kind: "action", id }, now);
    return id;
  });
}
