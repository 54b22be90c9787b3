import { type Db, writeTransaction } from "#db/client.ts";
import { newId } from "#db/ids.ts";
import { organisations } from "#db/schema/index.ts";
import { appendTrailEvent, trailFacts } from "./trail.server.ts";

export type Organisation = typeof organisations.$inferSelect;

export function getOrganisation(db: Db): Organisation | undefined {
  return db.select().from(organisations).limit(1).get();
}

/** One organisation per installation: created on first start if missing. */
export function ensureOrganisation(db: Db, name: string): Organisation {
  const existing = getOrganisation(db);
  if (existing) return existing;
  return db.insert(organisations).values({ id: newId(), name }).returning().get();
}

export function updateOrganisation(db: Db, actorId: string, input: { name: string; orgNumber: string | null }): void {
  writeTransaction(db, (tx) => {
    const org = getOrganisation(tx);
    if (!org) throw new Error("No organisation");
    tx.update(organisations).set(input).run();
    appendTrailEvent(tx, {
      actorId,
      type: "organisation.updated",
      subjectType: "organisation",
      subjectId: org.id,
      data: trailFacts(input),
    });
  });
}
