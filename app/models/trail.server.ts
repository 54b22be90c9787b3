import canonicalize from "canonicalize";
import { asc, desc, eq, inArray } from "drizzle-orm";
import { can, type Actor } from "#app/auth/permissions.server.ts";
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

/** An id, a hash, a state, a date or a version: what the trail may hold besides numbers. */
const TOKEN = /^[A-Za-z0-9_.:+-]{0,100}$/;

/**
 * The trail is append-only and read by auditors from outside, so it never holds free text
 * (titles, reasons, comments, findings, answers) or personal data (names, e-mail addresses):
 * an event refers to its record by id, and the record keeps its text under its own access
 * rules, where it can be corrected or erased as GDPR asks. A string that is not a token is a
 * mistake in the calling code, refused here so that it can never reach the chain.
 */
export function assertTrailData(value: unknown, path = "data"): void {
  if (value === null || typeof value === "number" || typeof value === "boolean") return;
  if (typeof value === "string") {
    if (!TOKEN.test(value)) throw new Error(`trail event ${path} holds free text; refer to the record instead`);
    return;
  }
  if (Array.isArray(value)) return value.forEach((v, i) => assertTrailData(v, `${path}[${i}]`));
  if (typeof value === "object") {
    for (const [key, v] of Object.entries(value)) assertTrailData(v, `${path}.${key}`);
    return;
  }
  throw new Error(`trail event ${path} holds a ${typeof value}`);
}

/**
 * A record's values as the trail may hold them: numbers, flags, ids, states and dates kept,
 * text left out (the record has it). For events that say what changed from what.
 */
export function trailFacts(record: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(record).filter(
      ([, v]) =>
        v === null || typeof v === "number" || typeof v === "boolean" || (typeof v === "string" && TOKEN.test(v)),
    ),
  );
}

/**
 * The only way anything is written to the trail. Call it inside the transaction of the
 * change it records, so that the change and its event land together or not at all.
 */
export function appendTrailEvent(db: Db, event: TrailEventInput): void {
  assertTrailData(event.data ?? {});
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

/**
 * The newest events first, with who did them, for the trail page: only events about records
 * the reader may open (the chain itself is checked whole, whoever asks).
 */
export function recentTrail(db: Db, reader: Actor, limit = 200): TrailEntry[] {
  const visible = db
    .selectDistinct({ subjectType: trailEvents.subjectType })
    .from(trailEvents)
    .all()
    .map((r) => r.subjectType)
    .filter((subjectType) => can(reader, "read", { type: "trailEvent", subjectType }));
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
    .where(inArray(trailEvents.subjectType, visible))
    .orderBy(desc(trailEvents.seq))
    .limit(limit)
    .all();
}
