import canonicalize from "canonicalize";
import { asc, desc, eq } from "drizzle-orm";
import { sha256 } from "@oslojs/crypto/sha2";
import { encodeHexLowerCase } from "@oslojs/encoding";
import type { Db } from "#db/client.ts";
import { trailEvents, users } from "#db/schema/index.ts";

export const GENESIS_HASH = "0".repeat(64);

export type TrailEventInput = {
  actorId: string | null;
  type: string;
  subjectType: string;
  subjectId: string;
  data?: Record<string, unknown>;
  at?: Date;
};

type TrailRow = typeof trailEvents.$inferSelect;

function rowHash(row: Omit<TrailRow, "hash">): string {
  const content = canonicalize({
    seq: row.seq,
    at: row.at.getTime(),
    actorId: row.actorId,
    type: row.type,
    subjectType: row.subjectType,
    subjectId: row.subjectId,
    data: row.data,
    prevHash: row.prevHash,
  });
  return encodeHexLowerCase(sha256(new TextEncoder().encode(content)));
}

/**
 * The only way anything is written to the trail. Call it inside the transaction of the
 * change it records, so that the change and its event land together or not at all.
 */
export function appendTrailEvent(db: Db, event: TrailEventInput): void {
  const last = db.select().from(trailEvents).orderBy(desc(trailEvents.seq)).limit(1).get();
  const row = {
    seq: (last?.seq ?? 0) + 1,
    at: event.at ?? new Date(),
    actorId: event.actorId,
    type: event.type,
    subjectType: event.subjectType,
    subjectId: event.subjectId,
    data: canonicalize(event.data ?? {}) ?? "{}",
    prevHash: last?.hash ?? GENESIS_HASH,
  };
  db.insert(trailEvents)
    .values({ ...row, hash: rowHash(row) })
    .run();
}

export type TrailVerdict =
  { ok: true; checked: number } | { ok: false; checked: number; firstBadSeq: number; reason: string };

/** Recomputes the chain from the start and names the first row that does not hold. */
export function verifyTrail(db: Db): TrailVerdict {
  let prevHash = GENESIS_HASH;
  let expectedSeq = 1;
  let checked = 0;
  for (const row of db.select().from(trailEvents).orderBy(asc(trailEvents.seq)).all()) {
    if (row.seq !== expectedSeq) {
      return { ok: false, checked, firstBadSeq: row.seq, reason: `gap: expected row ${expectedSeq}` };
    }
    if (row.prevHash !== prevHash) {
      return { ok: false, checked, firstBadSeq: row.seq, reason: "previous hash does not match" };
    }
    if (rowHash(row) !== row.hash) {
      return { ok: false, checked, firstBadSeq: row.seq, reason: "content does not match its hash" };
    }
    prevHash = row.hash;
    expectedSeq++;
    checked++;
  }
  return { ok: true, checked };
}

export type TrailEntry = Omit<TrailRow, "prevHash"> & { actorName: string | null };

/** The newest events first, with who did them, for the trail page. */
export function recentTrail(db: Db, limit = 200): TrailEntry[] {
  return db
    .select({
      seq: trailEvents.seq,
      at: trailEvents.at,
      actorId: trailEvents.actorId,
      actorName: users.name,
      type: trailEvents.type,
      subjectType: trailEvents.subjectType,
      subjectId: trailEvents.subjectId,
      data: trailEvents.data,
      hash: trailEvents.hash,
    })
    .from(trailEvents)
    .leftJoin(users, eq(users.id, trailEvents.actorId))
    .orderBy(desc(trailEvents.seq))
    .limit(limit)
    .all();
}
