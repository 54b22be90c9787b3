import { and, asc, eq, lt, isNotNull } from "drizzle-orm";
import { type Db, writeTransaction } from "#db/client.ts";
import { documentParticipants, documents, users, type ParticipantRole } from "#db/schema/index.ts";
import { can, type Actor } from "#app/auth/permissions.server.ts";
import { documentResource, requireDocument } from "./documents.server.ts";
import { DomainError } from "./errors.ts";
import { notify } from "./notifications.server.ts";
import { dayOf } from "./releases.server.ts";
import { appendTrailEvent } from "./trail.server.ts";

/**
 * Participation: a document's keeper names people (a staff member, the safety representative,
 * a union representative in a policy workshop) to one draft, as editor or commenter, until an
 * end date, until the next release, or until removed. They get the live editor of that draft
 * and nothing else of the register; every way participation ends takes effect at once.
 */

export class ParticipantError extends DomainError<
  | "participant.notAllowed"
  | "participant.unknownPerson"
  | "participant.guest"
  | "participant.alreadyKeeps"
  | "participant.pastEnd"
> {}

export type ParticipantInput = {
  userId: string;
  role: ParticipantRole;
  /** YYYY-MM-DD, the last day; null for none. */
  endsOn: string | null;
  untilRelease: boolean;
};

export type Participant = ParticipantInput & { name: string; invitedByName: string | null; createdAt: Date };

function assertKeeper(db: Db, actor: Actor, documentId: string) {
  const document = requireDocument(db, documentId);
  if (!can(actor, "manage", documentResource(document)) || document.status === "archived")
    throw new ParticipantError("participant.notAllowed");
  return document;
}

/** Names a person on a draft, or changes how; they are told in the app. */
export function addParticipant(
  db: Db,
  actor: Actor,
  documentId: string,
  input: ParticipantInput,
  now = new Date(),
): void {
  writeTransaction(db, (tx) => {
    const document = assertKeeper(tx, actor, documentId);
    const person = tx
      .select({ id: users.id, role: users.role, active: users.active })
      .from(users)
      .where(eq(users.id, input.userId))
      .get();
    if (!person?.active) throw new ParticipantError("participant.unknownPerson");
    // An external auditor reads evidence; a working draft is not evidence.
    if (person.role === "external_auditor") throw new ParticipantError("participant.guest");
    // Those who keep documents write every draft already; naming them would mean nothing.
    if (can({ id: person.id, role: person.role }, "edit", documentResource(document)))
      throw new ParticipantError("participant.alreadyKeeps");
    if (input.endsOn !== null && input.endsOn < dayOf(now)) throw new ParticipantError("participant.pastEnd");
    const values = { ...input, invitedBy: actor.id, createdAt: now };
    tx.insert(documentParticipants)
      .values({ documentId, ...values })
      .onConflictDoUpdate({ target: [documentParticipants.documentId, documentParticipants.userId], set: values })
      .run();
    appendTrailEvent(tx, {
      actorId: actor.id,
      type: "document.participantAdded",
      subjectType: "document",
      subjectId: documentId,
      at: now,
      data: { userId: input.userId, role: input.role, endsOn: input.endsOn, untilRelease: input.untilRelease },
    });
    notify(
      tx,
      {
        kind: "participation",
        actorId: actor.id,
        recipients: [input.userId],
        link: `/dokument/${documentId}`,
        text: document.title,
      },
      now,
    );
  });
}

/** Takes a person off a draft. The caller closes their open editor (collab.accessChanged). */
export function removeParticipant(db: Db, actor: Actor, documentId: string, userId: string, now = new Date()): void {
  writeTransaction(db, (tx) => {
    assertKeeper(tx, actor, documentId);
    const removed = tx
      .delete(documentParticipants)
      .where(and(eq(documentParticipants.documentId, documentId), eq(documentParticipants.userId, userId)))
      .run();
    if (removed.changes === 0) return;
    appendTrailEvent(tx, {
      actorId: actor.id,
      type: "document.participantRemoved",
      subjectType: "document",
      subjectId: documentId,
      at: now,
      data: { userId, why: "removed" },
    });
  });
}

/** At a release, participation "until release" ends. Runs in the release's own transaction. */
export function endParticipationAtRelease(tx: Db, documentId: string, now: Date): string[] {
  const ended = tx
    .delete(documentParticipants)
    .where(and(eq(documentParticipants.documentId, documentId), eq(documentParticipants.untilRelease, true)))
    .returning({ userId: documentParticipants.userId })
    .all()
    .map((r) => r.userId);
  for (const userId of ended) {
    appendTrailEvent(tx, {
      actorId: null,
      type: "document.participantRemoved",
      subjectType: "document",
      subjectId: documentId,
      at: now,
      data: { userId, why: "released" },
    });
  }
  return ended;
}

/**
 * Participation past its end date is already no access (participationOf); this clears the
 * rows and records the end in the trail, once.
 */
export function endExpiredParticipation(db: Db, now = new Date()): number {
  return writeTransaction(db, (tx) => {
    const ended = tx
      .delete(documentParticipants)
      .where(and(isNotNull(documentParticipants.endsOn), lt(documentParticipants.endsOn, dayOf(now))))
      .returning({ documentId: documentParticipants.documentId, userId: documentParticipants.userId })
      .all();
    for (const { documentId, userId } of ended) {
      appendTrailEvent(tx, {
        actorId: null,
        type: "document.participantRemoved",
        subjectType: "document",
        subjectId: documentId,
        at: now,
        data: { userId, why: "ended" },
      });
    }
    return ended.length;
  });
}

export function listParticipants(db: Db, documentId: string): Participant[] {
  const inviter = users;
  return db
    .select({
      userId: documentParticipants.userId,
      role: documentParticipants.role,
      endsOn: documentParticipants.endsOn,
      untilRelease: documentParticipants.untilRelease,
      createdAt: documentParticipants.createdAt,
      name: inviter.name,
    })
    .from(documentParticipants)
    .innerJoin(inviter, eq(inviter.id, documentParticipants.userId))
    .where(eq(documentParticipants.documentId, documentId))
    .orderBy(asc(inviter.name))
    .all()
    .map((row) => ({ ...row, invitedByName: null }));
}

/** Who a draft may name: people who do not write drafts already; never a guest. */
export function participantCandidates(db: Db): { id: string; name: string }[] {
  return db
    .select({ id: users.id, name: users.name })
    .from(users)
    .where(and(eq(users.active, true), eq(users.role, "staff")))
    .orderBy(asc(users.name))
    .all();
}

export type MyDraft = {
  id: string;
  title: string;
  role: ParticipantRole;
  endsOn: string | null;
  untilRelease: boolean;
};

/** "Mina utkast": the drafts a person is named on today. */
export function draftsNaming(db: Db, userId: string, now = new Date()): MyDraft[] {
  const today = dayOf(now);
  return db
    .select({
      id: documents.id,
      title: documents.title,
      role: documentParticipants.role,
      endsOn: documentParticipants.endsOn,
      untilRelease: documentParticipants.untilRelease,
    })
    .from(documentParticipants)
    .innerJoin(documents, eq(documents.id, documentParticipants.documentId))
    .where(and(eq(documentParticipants.userId, userId), eq(documents.status, "draft")))
    .orderBy(asc(documents.title))
    .all()
    .filter((d) => d.endsOn === null || d.endsOn >= today);
}
