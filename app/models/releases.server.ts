import { addMonths, format, parseISO } from "date-fns";
import { and, asc, desc, eq, inArray, lte, sql, type SQL } from "drizzle-orm";
import { alias } from "drizzle-orm/sqlite-core";
import type { Db } from "#db/client.ts";
import { newId } from "#db/ids.ts";
import {
  documents,
  readerGroups,
  releases,
  trailEvents,
  units,
  users,
  type DocumentArea,
  type ControlledType,
  type DocumentType,
  type ReaderGroupKind,
} from "#db/schema/index.ts";
import { contentHash, type FrozenContent } from "./document-content.server.ts";
import { freezeReleaseFiles } from "./document-files.server.ts";
import { DomainError } from "./errors.ts";
import { appendTrailEvent } from "./trail.server.ts";
import { compareVersions, formatVersion, nextVersion, parseVersion, type VersionStep } from "./versions.ts";

export class ReleaseError extends DomainError<"release.notFound" | "release.otherDocument"> {}

/** The calendar day as releases and review dates use it (YYYY-MM-DD). */
export const dayOf = (date: Date) => format(date, "yyyy-MM-dd");

export function addMonthsToDay(day: string, months: number): string {
  return dayOf(addMonths(parseISO(day), months));
}

const approver = alias(users, "approver");

const summaryColumns = {
  id: releases.id,
  documentId: releases.documentId,
  major: releases.major,
  minor: releases.minor,
  title: releases.title,
  effectiveOn: releases.effectiveOn,
  summary: releases.summary,
  approverId: releases.approverId,
  approverName: approver.name,
  approvedAt: releases.approvedAt,
  contentHash: releases.contentHash,
};

export type ReleaseSummary = {
  id: string;
  documentId: string;
  major: number;
  minor: number;
  title: string;
  effectiveOn: string;
  summary: string;
  approverId: string;
  approverName: string;
  approvedAt: Date;
  contentHash: string;
};

export const versionOf = (release: { major: number; minor: number }) => formatVersion(release);

/** A newer release of the same document that is already in effect. */
const supersededBy = (today: string) => sql`exists (
  select 1 from ${releases} as newer
  where newer.document_id = ${releases.documentId} and newer.effective_on <= ${today}
    and (newer.major > ${releases.major} or (newer.major = ${releases.major} and newer.minor > ${releases.minor}))
)`;

/** Releases that apply today: in effect, not superseded, of a document that is in use. */
const inEffect = (today: string): SQL =>
  and(eq(documents.status, "draft"), sql`${releases.effectiveOn} <= ${today}`, sql`not ${supersededBy(today)}`)!;

export function listReleases(db: Db, documentId: string): ReleaseSummary[] {
  return db
    .select(summaryColumns)
    .from(releases)
    .innerJoin(approver, eq(approver.id, releases.approverId))
    .where(eq(releases.documentId, documentId))
    .orderBy(desc(releases.major), desc(releases.minor))
    .all();
}

/** The release in effect today, if the document has one (an approved release may start later). */
export function currentRelease(db: Db, documentId: string, now = new Date()): ReleaseSummary | undefined {
  const today = dayOf(now);
  return listReleases(db, documentId).find((r) => r.effectiveOn <= today);
}

/** Each document's version in effect today, for registers that list many documents at once. */
export function currentVersions(db: Db, now = new Date()): Map<string, string> {
  const versions = new Map<string, string>();
  const inEffect = db
    .select({ documentId: releases.documentId, major: releases.major, minor: releases.minor })
    .from(releases)
    .where(lte(releases.effectiveOn, dayOf(now)))
    .orderBy(desc(releases.major), desc(releases.minor))
    .all();
  for (const r of inEffect) if (!versions.has(r.documentId)) versions.set(r.documentId, versionOf(r));
  return versions;
}

export function findRelease(db: Db, documentId: string, version: string): ReleaseSummary | undefined {
  const parsed = parseVersion(version);
  if (!parsed) return undefined;
  return listReleases(db, documentId).find((r) => compareVersions(r, parsed) === 0);
}

export function requireRelease(db: Db, id: string): ReleaseSummary & { html: string; contentJson: string } {
  const release = db
    .select({ ...summaryColumns, html: releases.html, contentJson: releases.contentJson })
    .from(releases)
    .innerJoin(approver, eq(approver.id, releases.approverId))
    .where(eq(releases.id, id))
    .get();
  if (!release) throw new ReleaseError("release.notFound");
  return release;
}

export type NewRelease = {
  documentId: string;
  title: string;
  reviewId: string;
  approverId: string;
  step: VersionStep;
  effectiveOn: string;
  summary: string;
  content: Pick<FrozenContent, "state" | "jsonText" | "html" | "text" | "hash">;
  readers: { kind: ReaderGroupKind; value: string }[];
  reviewIntervalMonths: number;
  /** When the candidate was frozen: the forms listed with the draft then are the release's. */
  candidateAt: Date;
  /** A file kept beside the release as evidence (the original of one approved outside Lots). */
  evidenceFileId?: string;
};

/**
 * Freezes approved content into a release. Call inside the approval's transaction: the
 * release, its search entry, the next review date and the trail event land together.
 */
export function createRelease(tx: Db, input: NewRelease, now = new Date()): ReleaseSummary {
  const latest = tx
    .select({ major: releases.major, minor: releases.minor })
    .from(releases)
    .where(eq(releases.documentId, input.documentId))
    .orderBy(desc(releases.major), desc(releases.minor))
    .limit(1)
    .get();
  const version = nextVersion(latest, input.step);
  const id = newId();
  tx.insert(releases)
    .values({
      id,
      documentId: input.documentId,
      reviewId: input.reviewId,
      ...version,
      effectiveOn: input.effectiveOn,
      summary: input.summary,
      title: input.title,
      approverId: input.approverId,
      approvedAt: now,
      contentJson: input.content.jsonText,
      html: input.content.html,
      yjsState: Buffer.from(input.content.state),
      contentHash: input.content.hash,
    })
    .run();
  for (const reader of input.readers)
    tx.insert(readerGroups)
      .values({ releaseId: id, ...reader })
      .run();
  tx.run(
    sql`insert into release_search (release_id, title, body) values (${id}, ${input.title}, ${input.content.text})`,
  );
  const files = freezeReleaseFiles(tx, id, input.documentId, JSON.parse(input.content.jsonText), input.candidateAt, [
    ...(input.evidenceFileId ? [input.evidenceFileId] : []),
  ]);
  tx.update(documents)
    .set({ nextReviewOn: addMonthsToDay(input.effectiveOn, input.reviewIntervalMonths), updatedAt: now })
    .where(eq(documents.id, input.documentId))
    .run();
  appendTrailEvent(tx, {
    actorId: input.approverId,
    type: "release.created",
    subjectType: "release",
    subjectId: id,
    at: now,
    data: {
      documentId: input.documentId,
      version: formatVersion(version),
      effectiveOn: input.effectiveOn,
      contentHash: input.content.hash,
      readers: input.readers,
      files,
    },
  });
  return requireRelease(tx, id);
}

export type CurrentFilter = { unitId?: string; area?: DocumentArea; type?: DocumentType; q?: string };

export type CurrentItem = ReleaseSummary & {
  type: ControlledType;
  areas: DocumentArea[];
  unitId: string | null;
  unitName: string | null;
  nextReviewOn: string | null;
  /** With a search: the best passage, hits between \u0001 and \u0002 (escaped by the page, not here). */
  snippet?: string;
};

/**
 * Turns what someone typed into an FTS5 query that cannot be a syntax error: words only,
 * each quoted, each a prefix (Swedish compounds: "avvikelse" finds "avvikelsehantering").
 */
export function searchQuery(input: string): string | null {
  const words = input.match(/[\p{L}\p{N}]+/gu)?.slice(0, 12) ?? [];
  return words.length > 0 ? words.map((w) => `"${w}"*`).join(" ") : null;
}

const HIT_START = "\u0001";
const HIT_END = "\u0002";

/** The staff reading view's list: what applies today, by unit, area and type, or by search. */
export function listCurrent(db: Db, filter: CurrentFilter = {}, now = new Date()): CurrentItem[] {
  const conditions: SQL[] = [inEffect(dayOf(now))];
  if (filter.type) conditions.push(eq(documents.type, filter.type));
  if (filter.unitId) conditions.push(eq(documents.unitId, filter.unitId));
  const columns = {
    ...summaryColumns,
    title: documents.title,
    type: documents.type,
    areas: documents.areas,
    unitId: documents.unitId,
    unitName: units.name,
    nextReviewOn: documents.nextReviewOn,
  };
  const base = () =>
    db
      .select(columns)
      .from(releases)
      .innerJoin(documents, eq(documents.id, releases.documentId))
      .innerJoin(approver, eq(approver.id, releases.approverId))
      .leftJoin(units, eq(units.id, documents.unitId));
  const match = filter.q ? searchQuery(filter.q) : null;
  let rows: CurrentItem[];
  if (match) {
    rows = base()
      .innerJoin(sql`release_search`, sql`release_search.release_id = ${releases.id}`)
      .where(and(...conditions, sql`release_search match ${match}`))
      .orderBy(sql`release_search.rank`)
      .limit(50)
      .all();
    const snippets = new Map(
      db
        .all<{ id: string; snippet: string }>(
          sql`select release_id as id, snippet(release_search, 2, ${HIT_START}, ${HIT_END}, '…', 24) as snippet
              from release_search where release_search match ${match}
              and release_id in (${sql.join(
                rows.map((r) => sql`${r.id}`),
                sql`, `,
              )})`,
        )
        .map((r) => [r.id, r.snippet]),
    );
    rows = rows.map((r) => ({ ...r, snippet: snippets.get(r.id) }));
  } else if (filter.q) {
    rows = [];
  } else {
    rows = base()
      .where(and(...conditions))
      .orderBy(asc(documents.title))
      .all();
  }
  return filter.area ? rows.filter((r) => r.areas.includes(filter.area!)) : rows;
}

export type ReleaseVerdict =
  | { ok: true; checked: number }
  | { ok: false; checked: number; releaseId: string; reason: string; documentTitle: string; version: string };

/**
 * Re-hashes every release's stored content and compares it with its own hash and with the
 * hash the trail recorded when it was approved: a row edited behind the triggers' back,
 * even with a recomputed hash, is named.
 */
export function verifyReleases(db: Db): ReleaseVerdict {
  const recorded = new Map<string, string>();
  for (const event of db
    .select({ subjectId: trailEvents.subjectId, data: trailEvents.data })
    .from(trailEvents)
    .where(eq(trailEvents.type, "release.created"))
    .all()) {
    recorded.set(event.subjectId, (JSON.parse(event.data) as { contentHash?: string }).contentHash ?? "");
  }
  let checked = 0;
  for (const row of db.select().from(releases).orderBy(asc(releases.approvedAt)).all()) {
    const bad = (reason: string): ReleaseVerdict => ({
      ok: false,
      checked,
      releaseId: row.id,
      reason,
      documentTitle: row.title,
      version: versionOf(row),
    });
    if (contentHash(row.contentJson, row.html, new Uint8Array(row.yjsState)) !== row.contentHash) {
      return bad("content does not match its hash");
    }
    if (recorded.get(row.id) !== row.contentHash) return bad("hash differs from the one recorded at approval");
    checked++;
  }
  return { ok: true, checked };
}

/** Releases by id, e.g. for diffing two of them. Refuses a pair from different documents. */
export function releasePair(db: Db, documentId: string, fromId: string, toId: string) {
  const rows = db
    .select({ ...summaryColumns, contentJson: releases.contentJson })
    .from(releases)
    .innerJoin(approver, eq(approver.id, releases.approverId))
    .where(inArray(releases.id, [fromId, toId]))
    .all();
  const from = rows.find((r) => r.id === fromId);
  const to = rows.find((r) => r.id === toId);
  if (!from || !to) throw new ReleaseError("release.notFound");
  if (from.documentId !== documentId || to.documentId !== documentId) throw new ReleaseError("release.otherDocument");
  return { from, to };
}
