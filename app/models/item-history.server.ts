import { diffWords } from "diff";
import { and, asc, eq } from "drizzle-orm";
import type { Db } from "#db/client.ts";
import { itemChanges, users, type FieldChange } from "#db/schema/index.ts";

export type { FieldChange };

/** The kinds of register item whose history is kept here. */
export type HistoryKind = "risk";

/** The fields whose values differ, in the order given; values as text, null for none. */
export function changesBetween<T extends object>(
  before: T,
  after: T,
  fields: readonly (keyof T & string)[],
): FieldChange[] {
  const asText = (v: unknown) => (v === null || v === undefined ? null : String(v));
  return fields
    .map((field) => ({ field, from: asText(before[field]), to: asText(after[field]) }))
    .filter((c) => c.from !== c.to);
}

/** One change of one item, appended. */
export function recordChanges(
  db: Db,
  input: { kind: HistoryKind; itemId: string; actorId: string; changes: FieldChange[]; reason?: string; at: Date },
): void {
  db.insert(itemChanges)
    .values({
      kind: input.kind,
      itemId: input.itemId,
      actorId: input.actorId,
      changes: input.changes,
      reason: input.reason ?? null,
      at: input.at,
    })
    .run();
}

/** A word of a changed text: kept, added or removed. */
export type WordPart = { value: string; added?: boolean; removed?: boolean };

export type ShownChange = FieldChange & { words?: WordPart[] };

export type ItemHistoryEntry = { at: Date; actorName: string; changes: ShownChange[]; reason: string | null };

/**
 * An item's changes, oldest first. The fields people write in sentences come with a word diff,
 * so a reader sees what was added and removed rather than two long texts side by side.
 */
export function itemHistory(
  db: Db,
  kind: HistoryKind,
  itemId: string,
  proseFields: readonly string[] = [],
): ItemHistoryEntry[] {
  return recordedChanges(db, kind, itemId).map((entry) => ({
    ...entry,
    changes: entry.changes.map((c) =>
      proseFields.includes(c.field) ? { ...c, words: diffWords(c.from ?? "", c.to ?? "") } : c,
    ),
  }));
}

function recordedChanges(db: Db, kind: HistoryKind, itemId: string) {
  return db
    .select({ at: itemChanges.at, actorName: users.name, changes: itemChanges.changes, reason: itemChanges.reason })
    .from(itemChanges)
    .innerJoin(users, eq(users.id, itemChanges.actorId))
    .where(and(eq(itemChanges.kind, kind), eq(itemChanges.itemId, itemId)))
    .orderBy(asc(itemChanges.id))
    .all();
}
