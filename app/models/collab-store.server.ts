import { and, asc, eq, lte, max, count } from "drizzle-orm";
import * as Y from "yjs";
import type { Db } from "#db/client.ts";
import { yjsStates, yjsUpdates } from "#db/schema/index.ts";

/**
 * The stored form of a live document: one compacted state plus the log of updates accepted
 * since. Appending is the hot path (one small insert per keystroke batch); compaction folds
 * the log into the state so that loading never replays a long history.
 */

export function appendUpdate(db: Db, docName: string, update: Uint8Array): void {
  db.insert(yjsUpdates)
    .values({ docName, update: Buffer.from(update) })
    .run();
}

export function logLength(db: Db, docName: string): number {
  return db.select({ n: count() }).from(yjsUpdates).where(eq(yjsUpdates.docName, docName)).get()?.n ?? 0;
}

/** The whole stored document as one update (state and log merged), or null if it was never written. */
export function readStoredUpdate(db: Db, docName: string): Uint8Array | null {
  const state = db.select({ state: yjsStates.state }).from(yjsStates).where(eq(yjsStates.docName, docName)).get();
  const log = db
    .select({ update: yjsUpdates.update })
    .from(yjsUpdates)
    .where(eq(yjsUpdates.docName, docName))
    .orderBy(asc(yjsUpdates.id))
    .all();
  const parts = [...(state ? [state.state] : []), ...log.map((row) => row.update)].map((b) => new Uint8Array(b));
  if (parts.length === 0) return null;
  return parts.length === 1 ? parts[0]! : Y.mergeUpdates(parts);
}

export function loadYDoc(db: Db, docName: string): Y.Doc {
  const doc = new Y.Doc({ gc: true });
  const stored = readStoredUpdate(db, docName);
  if (stored) Y.applyUpdate(doc, stored);
  return doc;
}

/**
 * Folds the log into one state. `doc` must hold every logged update, which is true for the
 * server's in-memory copy because it appends and applies in the same tick.
 */
export function compact(db: Db, docName: string, doc: Y.Doc, now = new Date()): void {
  db.transaction((tx) => {
    const last = tx
      .select({ id: max(yjsUpdates.id) })
      .from(yjsUpdates)
      .where(eq(yjsUpdates.docName, docName))
      .get()?.id;
    const state = Buffer.from(Y.encodeStateAsUpdate(doc));
    tx.insert(yjsStates)
      .values({ docName, state, updatedAt: now })
      .onConflictDoUpdate({ target: yjsStates.docName, set: { state, updatedAt: now } })
      .run();
    if (last !== null && last !== undefined) {
      tx.delete(yjsUpdates)
        .where(and(eq(yjsUpdates.docName, docName), lte(yjsUpdates.id, last)))
        .run();
    }
  });
}
