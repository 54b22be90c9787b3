import { and, asc, eq, lte, max, count } from "drizzle-orm";
import * as Y from "yjs";
import { type Db, type DbConnection, writeTransaction } from "#db/client.ts";
import { yjsStates, yjsUpdates } from "#db/schema/index.ts";

/**
 * The stored form of a live document: one compacted state plus the log of updates accepted
 * since. Appending is the hot path (one small insert per keystroke batch); compaction folds
 * the log into the state so that loading never replays a long history.
 */

export type UpdateAppender = (docName: string, update: Uint8Array) => void;

/**
 * Appends accepted updates to the log: one prepared statement, because building the query
 * through Drizzle costs three times the insert itself on this hot path (see bench:collab).
 * SQLite-specific on purpose; a PostgreSQL store would bring its own appender.
 */
export function updateAppender(db: DbConnection): UpdateAppender {
  const insert = db.$client.prepare(`insert into yjs_updates (doc_name, "update") values (?, ?)`);
  return (docName, update) => {
    insert.run(docName, update);
  };
}

export function logLength(db: Db, docName: string): number {
  return db.select({ n: count() }).from(yjsUpdates).where(eq(yjsUpdates.docName, docName)).get()?.n ?? 0;
}

function storedParts(db: Db, docName: string): Uint8Array[] {
  const state = db.select({ state: yjsStates.state }).from(yjsStates).where(eq(yjsStates.docName, docName)).get();
  const log = db
    .select({ update: yjsUpdates.update })
    .from(yjsUpdates)
    .where(eq(yjsUpdates.docName, docName))
    .orderBy(asc(yjsUpdates.id))
    .all();
  return [...(state ? [state.state] : []), ...log.map((row) => row.update)].map((b) => new Uint8Array(b));
}

/** The stored document in memory: the state, then the log applied in order, in one transaction. */
export function loadYDoc(db: Db, docName: string): Y.Doc {
  const doc = new Y.Doc({ gc: true });
  const parts = storedParts(db, docName);
  // Applying one by one is linear; Y.mergeUpdates over a long log is not (13 s for 20,000).
  doc.transact(() => {
    for (const part of parts) Y.applyUpdate(doc, part);
  });
  return doc;
}

/**
 * Folds the log into one state. `doc` must hold every logged update, which is true for the
 * server's in-memory copy because it appends and applies in the same tick.
 */
export function compact(db: Db, docName: string, doc: Y.Doc, now = new Date()): void {
  writeTransaction(db, (tx) => {
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
