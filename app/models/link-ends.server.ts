import { and, eq, or } from "drizzle-orm";
import type { Db } from "#db/client.ts";
import { links, type LinkableKind } from "#db/schema/index.ts";

export type ItemRef = { kind: LinkableKind; id: string };

/**
 * What an item is linked to, read from both ends of the one link table, without resolving
 * anything. The registers that check their own links (a finding's actions, a follow-up's
 * actions) read them here; the Linked panels go on to resolve each end for the person asking.
 */
export function linkEnds(db: Db, ref: ItemRef, kind?: LinkableKind): (ItemRef & { linkId: string })[] {
  return db
    .select()
    .from(links)
    .where(
      or(
        and(eq(links.fromKind, ref.kind), eq(links.fromId, ref.id)),
        and(eq(links.toKind, ref.kind), eq(links.toId, ref.id)),
      ),
    )
    .all()
    .map((row) =>
      row.fromKind === ref.kind && row.fromId === ref.id
        ? { linkId: row.id, kind: row.toKind, id: row.toId }
        : { linkId: row.id, kind: row.fromKind, id: row.fromId },
    )
    .filter((end) => !kind || end.kind === kind);
}
