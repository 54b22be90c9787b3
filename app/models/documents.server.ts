import { and, desc, eq, type SQL } from "drizzle-orm";
import { contains } from "#db/contains.ts";
import { alias } from "drizzle-orm/sqlite-core";
import { type Db, writeTransaction } from "#db/client.ts";
import { newId } from "#db/ids.ts";
import { format } from "date-fns";
import {
  documentParticipants,
  documents,
  units,
  users,
  type DocumentArea,
  type DocumentDetails,
  type DocumentStatus,
  type ControlledType,
  type DocumentType,
  type ParticipantRole,
} from "#db/schema/index.ts";
import { can, type Actor } from "#app/auth/permissions.server.ts";
import { confirmPassword } from "#app/auth/sign-in.server.ts";
import { WITHDRAWAL_REASON_MIN } from "./document-rules.ts";
import { DomainError } from "./errors.ts";
import { appendTrailEvent } from "./trail.server.ts";
import { assertUnitExists } from "./units.server.ts";
import { UserError } from "./users.server.ts";

export class DocumentError extends DomainError<
  | "document.notFound"
  | "document.archived"
  | "document.notAllowed"
  | "document.reasonTooShort"
  | "document.badReplacement"
  | "document.wrongPassword"
  | "document.throttled"
> {}

export type DocumentInput = DocumentDetails;

export type DocumentFilter = {
  type?: DocumentType;
  unitId?: string;
  area?: DocumentArea;
  ownerId?: string;
  /** In use unless asked: archived ones, or all. */
  status?: DocumentStatus | "all";
  q?: string;
};

const owner = alias(users, "owner");

const listColumns = {
  id: documents.id,
  title: documents.title,
  reference: documents.reference,
  type: documents.type,
  status: documents.status,
  ownerId: documents.ownerId,
  ownerName: owner.name,
  unitId: documents.unitId,
  unitName: units.name,
  areas: documents.areas,
  tags: documents.tags,
  reviewIntervalMonths: documents.reviewIntervalMonths,
  nextReviewOn: documents.nextReviewOn,
  withdrawnReason: documents.withdrawnReason,
  withdrawnAt: documents.withdrawnAt,
  replacedBy: documents.replacedBy,
  updatedAt: documents.updatedAt,
  createdAt: documents.createdAt,
};

export type DocumentSummary = {
  id: string;
  title: string;
  reference: string | null;
  type: ControlledType;
  status: DocumentStatus;
  ownerId: string;
  ownerName: string;
  unitId: string | null;
  unitName: string | null;
  areas: DocumentArea[];
  tags: string[];
  reviewIntervalMonths: number;
  nextReviewOn: string | null;
  withdrawnReason: string | null;
  withdrawnAt: Date | null;
  replacedBy: string | null;
  updatedAt: Date;
  createdAt: Date;
};

function selectDocuments(db: Db) {
  return db
    .select(listColumns)
    .from(documents)
    .innerJoin(owner, eq(owner.id, documents.ownerId))
    .leftJoin(units, eq(units.id, documents.unitId));
}

export function listDocuments(db: Db, filter: DocumentFilter = {}): DocumentSummary[] {
  const conditions: SQL[] = [];
  if (filter.type) conditions.push(eq(documents.type, filter.type));
  if (filter.unitId) conditions.push(eq(documents.unitId, filter.unitId));
  if (filter.ownerId) conditions.push(eq(documents.ownerId, filter.ownerId));
  if (filter.status !== "all") conditions.push(eq(documents.status, filter.status ?? "draft"));
  if (filter.q) conditions.push(contains(documents.title, filter.q));
  const rows = selectDocuments(db)
    .where(and(...conditions))
    .orderBy(desc(documents.updatedAt))
    .all();
  // Areas are a JSON list; a handful of documents per organisation makes filtering here cheap.
  return filter.area ? rows.filter((d) => d.areas.includes(filter.area!)) : rows;
}

/**
 * The document as the one `can()` knows it. What the draft names the person as matters only to
 * those who do not keep documents; pass it (participationOf) wherever the draft is opened.
 */
export const documentResource = (
  document: { status: DocumentStatus; ownerId: string },
  participation: ParticipantRole | null = null,
) => ({ type: "document", status: document.status, ownerId: document.ownerId, participation }) as const;

/** The document as `can()` judges it for this person, with what the draft names them as. */
export function documentResourceFor(
  db: Db,
  document: { id: string; status: DocumentStatus; ownerId: string },
  actor: Actor,
  now = new Date(),
) {
  return documentResource(document, participationOf(db, document.id, actor.id, now));
}

/** What a draft names a person as today, if anything: an end date past is no participation. */
export function participationOf(db: Db, documentId: string, userId: string, now = new Date()): ParticipantRole | null {
  const row = db
    .select({ role: documentParticipants.role, endsOn: documentParticipants.endsOn })
    .from(documentParticipants)
    .where(and(eq(documentParticipants.documentId, documentId), eq(documentParticipants.userId, userId)))
    .get();
  if (!row || (row.endsOn !== null && row.endsOn < format(now, "yyyy-MM-dd"))) return null;
  return row.role;
}

export function getDocument(db: Db, id: string): DocumentSummary | undefined {
  return selectDocuments(db).where(eq(documents.id, id)).get();
}

export function requireDocument(db: Db, id: string): DocumentSummary {
  const document = getDocument(db, id);
  if (!document) throw new DocumentError("document.notFound");
  return document;
}

function assertOwner(db: Db, ownerId: string): void {
  if (!db.select({ id: users.id }).from(users).where(eq(users.id, ownerId)).get()) {
    throw new UserError("user.notFound");
  }
}

export function createDocument(db: Db, actor: Actor, input: DocumentInput, now = new Date()): string {
  if (!can(actor, "create", { type: "documents" })) throw new DocumentError("document.notAllowed");
  return writeTransaction(db, (tx) => {
    assertUnitExists(tx, input.unitId);
    assertOwner(tx, input.ownerId);
    const id = newId();
    tx.insert(documents)
      .values({ id, ...input, status: "draft", createdBy: actor.id, createdAt: now, updatedAt: now })
      .run();
    appendTrailEvent(tx, {
      actorId: actor.id,
      type: "document.created",
      subjectType: "document",
      subjectId: id,
      data: { type: input.type, ownerId: input.ownerId },
    });
    return id;
  });
}

export function updateDocumentDetails(db: Db, actor: Actor, id: string, input: DocumentInput, now = new Date()): void {
  writeTransaction(db, (tx) => {
    const before = requireDocument(tx, id);
    if (!can(actor, "manage", documentResource(before))) throw new DocumentError("document.notAllowed");
    if (before.status === "archived") throw new DocumentError("document.archived");
    assertUnitExists(tx, input.unitId);
    assertOwner(tx, input.ownerId);
    tx.update(documents)
      .set({ ...input, updatedAt: now })
      .where(eq(documents.id, id))
      .run();
    appendTrailEvent(tx, {
      actorId: actor.id,
      type: "document.detailsChanged",
      subjectType: "document",
      subjectId: id,
      data: { type: input.type, ownerId: input.ownerId, unitId: input.unitId, areas: input.areas },
    });
  });
}

/**
 * Withdrawing takes a document out of use: its releases leave the current lists and the
 * reading view, and everything stays in the archive with the reason. Restoring brings it back.
 */
export type Withdrawal = {
  reason: string;
  /** The signature: the person's password again, as for an approval. */
  password: string;
  ip?: string;
  /** The document that replaces this one, if any. */
  replacedBy: string | null;
};

/**
 * Takes a document out of use: as weighty as approving it. Signed with the password (through
 * the sign-in throttle), with a real reason, and optionally the document that replaces it, to
 * which its readers are sent. Its releases stay, marked withdrawn; the trail says who and when.
 */
export async function withdrawDocument(
  db: Db,
  actor: Actor,
  id: string,
  input: Withdrawal,
  now = new Date(),
): Promise<void> {
  const document = requireDocument(db, id);
  if (!can(actor, "manage", documentResource(document))) throw new DocumentError("document.notAllowed");
  if (document.status === "archived") throw new DocumentError("document.archived");
  if (input.reason.trim().length < WITHDRAWAL_REASON_MIN) throw new DocumentError("document.reasonTooShort");
  if (input.replacedBy !== null) {
    const successor = getDocument(db, input.replacedBy);
    if (!successor || successor.id === id || successor.status === "archived")
      throw new DocumentError("document.badReplacement");
  }
  const signer = db.select().from(users).where(eq(users.id, actor.id)).get();
  const check = await confirmPassword(db, signer, { password: input.password, ip: input.ip }, now);
  if (!check.ok)
    throw new DocumentError(check.reason === "throttled" ? "document.throttled" : "document.wrongPassword");
  writeTransaction(db, (tx) => {
    // Checked again inside the transaction: someone may have withdrawn it while the hash was checked.
    if (requireDocument(tx, id).status === "archived") throw new DocumentError("document.archived");
    tx.update(documents)
      .set({
        status: "archived",
        withdrawnReason: input.reason.trim(),
        withdrawnAt: now,
        withdrawnBy: actor.id,
        replacedBy: input.replacedBy,
        updatedAt: now,
      })
      .where(eq(documents.id, id))
      .run();
    appendTrailEvent(tx, {
      actorId: actor.id,
      type: "document.withdrawn",
      subjectType: "document",
      subjectId: id,
      at: now,
      data: { replacedBy: input.replacedBy, signature: "password" },
    });
  });
}

/** Brings a withdrawn document back as a draft; its releases say again what they said before. */
export function restoreDocument(db: Db, actor: Actor, id: string, now = new Date()): void {
  writeTransaction(db, (tx) => {
    const document = requireDocument(tx, id);
    if (!can(actor, "manage", documentResource(document))) throw new DocumentError("document.notAllowed");
    tx.update(documents)
      .set({
        status: "draft",
        withdrawnReason: null,
        withdrawnAt: null,
        withdrawnBy: null,
        replacedBy: null,
        updatedAt: now,
      })
      .where(eq(documents.id, id))
      .run();
    appendTrailEvent(tx, {
      actorId: actor.id,
      type: "document.restored",
      subjectType: "document",
      subjectId: id,
      at: now,
    });
  });
}

/** Marks a document as edited now, so lists show what moved (called as edits arrive, at most once a minute). */
export function touchDocument(db: Db, id: string, now = new Date()): void {
  db.update(documents).set({ updatedAt: now }).where(eq(documents.id, id)).run();
}

export type Access = "write" | "comment" | "read" | "none" | "missing";

/**
 * What a person may do with a live document (its working draft): the collab endpoint asks this
 * at every connect, and again whenever access may have changed.
 */
export function documentAccess(db: Db, user: Actor, documentId: string, now = new Date()): Access {
  const document = db
    .select({ status: documents.status, ownerId: documents.ownerId })
    .from(documents)
    .where(eq(documents.id, documentId))
    .get();
  if (!document) return "missing";
  const resource = documentResourceFor(db, { id: documentId, ...document }, user, now);
  if (can(user, "edit", resource)) return "write";
  if (can(user, "comment", resource)) return "comment";
  return can(user, "readDraft", resource) ? "read" : "none";
}
