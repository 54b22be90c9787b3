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
import { DomainError } from "./errors.ts";
import { appendTrailEvent } from "./trail.server.ts";
import { assertUnitExists } from "./units.server.ts";
import { UserError } from "./users.server.ts";

export class DocumentError extends DomainError<"document.notFound" | "document.archived"> {}

export type DocumentInput = DocumentDetails;

export type DocumentFilter = {
  type?: DocumentType;
  unitId?: string;
  area?: DocumentArea;
  ownerId?: string;
  status?: DocumentStatus;
  q?: string;
};

const owner = alias(users, "owner");

const listColumns = {
  id: documents.id,
  title: documents.title,
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
  updatedAt: documents.updatedAt,
  createdAt: documents.createdAt,
};

export type DocumentSummary = {
  id: string;
  title: string;
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
  conditions.push(eq(documents.status, filter.status ?? "draft"));
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

export function createDocument(db: Db, actorId: string, input: DocumentInput, now = new Date()): string {
  return writeTransaction(db, (tx) => {
    assertUnitExists(tx, input.unitId);
    assertOwner(tx, input.ownerId);
    const id = newId();
    tx.insert(documents)
      .values({ id, ...input, status: "draft", createdBy: actorId, createdAt: now, updatedAt: now })
      .run();
    appendTrailEvent(tx, {
      actorId,
      type: "document.created",
      subjectType: "document",
      subjectId: id,
      data: { type: input.type, ownerId: input.ownerId },
    });
    return id;
  });
}

export function updateDocumentDetails(
  db: Db,
  actorId: string,
  id: string,
  input: DocumentInput,
  now = new Date(),
): void {
  writeTransaction(db, (tx) => {
    const before = requireDocument(tx, id);
    if (before.status === "archived") throw new DocumentError("document.archived");
    assertUnitExists(tx, input.unitId);
    assertOwner(tx, input.ownerId);
    tx.update(documents)
      .set({ ...input, updatedAt: now })
      .where(eq(documents.id, id))
      .run();
    appendTrailEvent(tx, {
      actorId,
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
export function setDocumentArchived(
  db: Db,
  actorId: string,
  id: string,
  change: { archived: true; reason: string } | { archived: false },
  now = new Date(),
): void {
  writeTransaction(db, (tx) => {
    requireDocument(tx, id);
    tx.update(documents)
      .set({
        status: change.archived ? "archived" : "draft",
        withdrawnReason: change.archived ? change.reason : null,
        updatedAt: now,
      })
      .where(eq(documents.id, id))
      .run();
    appendTrailEvent(tx, {
      actorId,
      type: change.archived ? "document.withdrawn" : "document.restored",
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
