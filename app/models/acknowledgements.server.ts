import { and, desc, eq, inArray } from "drizzle-orm";
import { type Db, writeTransaction } from "#db/client.ts";
import { acknowledgements, readerGroups, releases, users, type Role } from "#db/schema/index.ts";
import type { Mailer } from "./mail.server.ts";
import { DomainError } from "./errors.ts";
import { notify } from "./notifications.server.ts";
import { currentRelease, listCurrent, requireRelease, versionOf, type ReleaseSummary } from "./releases.server.ts";
import { appendTrailEvent } from "./trail.server.ts";
import { unitAncestry } from "./units.server.ts";

/**
 * Read acknowledgements (läskvittens): a release may require that the people of some units
 * or roles confirm they have read it. What each person still has to read follows from the
 * current releases, their groups and the acknowledgements given; nothing else is stored.
 */

export class AcknowledgementError extends DomainError<"acknowledgement.notCurrent"> {}

type Reader = { id: string; role: Role; unitId: string | null };

export type ReaderGroup = { kind: "unit" | "role"; value: string };

export function readerGroupsOf(db: Db, releaseId: string): ReaderGroup[] {
  return db
    .select({ kind: readerGroups.kind, value: readerGroups.value })
    .from(readerGroups)
    .where(eq(readerGroups.releaseId, releaseId))
    .all();
}

type Ancestry = (unitId: string | null) => string[];

function belongs(ancestry: Ancestry, reader: Reader, groups: ReaderGroup[]): boolean {
  const units = ancestry(reader.unitId);
  return groups.some((g) => (g.kind === "role" ? g.value === reader.role : units.includes(g.value)));
}

export function mustAcknowledge(db: Db, reader: Reader, releaseId: string): boolean {
  return belongs(unitAncestry(db), reader, readerGroupsOf(db, releaseId));
}

export function hasAcknowledged(db: Db, userId: string, releaseId: string): Date | null {
  return (
    db
      .select({ at: acknowledgements.at })
      .from(acknowledgements)
      .where(and(eq(acknowledgements.userId, userId), eq(acknowledgements.releaseId, releaseId)))
      .get()?.at ?? null
  );
}

/** The person's latest acknowledged release of a document, to show what changed since. */
export function lastAcknowledged(db: Db, userId: string, documentId: string): ReleaseSummary | undefined {
  const row = db
    .select({ id: releases.id })
    .from(acknowledgements)
    .innerJoin(releases, eq(releases.id, acknowledgements.releaseId))
    .where(and(eq(acknowledgements.userId, userId), eq(releases.documentId, documentId)))
    .orderBy(desc(releases.major), desc(releases.minor))
    .limit(1)
    .get();
  return row ? requireRelease(db, row.id) : undefined;
}

/** Current releases this person must acknowledge and has not. */
export function toRead(db: Db, reader: Reader, now = new Date()): ReleaseSummary[] {
  const current = listCurrent(db, {}, now);
  if (current.length === 0) return [];
  const ids = current.map((r) => r.id);
  const groups = db.select().from(readerGroups).where(inArray(readerGroups.releaseId, ids)).all();
  const done = new Set(
    db
      .select({ releaseId: acknowledgements.releaseId })
      .from(acknowledgements)
      .where(and(eq(acknowledgements.userId, reader.id), inArray(acknowledgements.releaseId, ids)))
      .all()
      .map((a) => a.releaseId),
  );
  const ancestry = unitAncestry(db);
  return current.filter(
    (r) =>
      !done.has(r.id) &&
      belongs(
        ancestry,
        reader,
        groups.filter((g) => g.releaseId === r.id),
      ),
  );
}

/** Acknowledging is for the release that applies now: an old version is not what staff must follow. */
export function acknowledge(db: Db, reader: Reader, releaseId: string, now = new Date()): void {
  writeTransaction(db, (tx) => {
    const release = requireRelease(tx, releaseId);
    if (currentRelease(tx, release.documentId, now)?.id !== releaseId) {
      throw new AcknowledgementError("acknowledgement.notCurrent");
    }
    if (hasAcknowledged(tx, reader.id, releaseId)) return;
    tx.insert(acknowledgements).values({ releaseId, userId: reader.id, at: now }).run();
    appendTrailEvent(tx, {
      actorId: reader.id,
      type: "release.acknowledged",
      subjectType: "release",
      subjectId: releaseId,
      at: now,
      data: { documentId: release.documentId, version: versionOf(release) },
    });
  });
}

export type AcknowledgementProgress = {
  groups: ReaderGroup[];
  readers: { id: string; name: string; email: string; at: Date | null }[];
  done: number;
};

/** Who must acknowledge a release, and who has. */
export function acknowledgementProgress(db: Db, releaseId: string): AcknowledgementProgress {
  const groups = readerGroupsOf(db, releaseId);
  if (groups.length === 0) return { groups, readers: [], done: 0 };
  const given = new Map(
    db
      .select({ userId: acknowledgements.userId, at: acknowledgements.at })
      .from(acknowledgements)
      .where(eq(acknowledgements.releaseId, releaseId))
      .all()
      .map((a) => [a.userId, a.at]),
  );
  const ancestry = unitAncestry(db);
  const readers = db
    .select({ id: users.id, name: users.name, email: users.email, role: users.role, unitId: users.unitId })
    .from(users)
    .where(eq(users.active, true))
    .all()
    .filter((u) => belongs(ancestry, u, groups) || given.has(u.id))
    .map((u) => ({ id: u.id, name: u.name, email: u.email, at: given.get(u.id) ?? null }))
    .sort((a, b) => Number(a.at !== null) - Number(b.at !== null) || a.name.localeCompare(b.name, "sv"));
  return { groups, readers, done: readers.filter((r) => r.at).length };
}

/** Reminds everyone who has not yet acknowledged: in the app, and by mail when SMTP is set up. */
export async function remindReaders(
  db: Db,
  mailer: Mailer,
  actorId: string,
  releaseId: string,
  mail: { subject: string; text: (name: string) => string; origin: string },
): Promise<number> {
  const release = requireRelease(db, releaseId);
  const pending = acknowledgementProgress(db, releaseId).readers.filter((r) => !r.at);
  const link = `/gallande/${release.documentId}`;
  notify(db, {
    kind: "toRead",
    actorId,
    recipients: pending.map((r) => r.id),
    link,
    text: `${release.title} ${versionOf(release)}`,
  });
  if (mailer.enabled) {
    for (const reader of pending) {
      await mailer.send({
        to: reader.email,
        subject: mail.subject,
        text: `${mail.text(reader.name)}\n\n${mail.origin}${link}`,
      });
    }
  }
  return pending.length;
}
