import { type Db, writeTransaction } from "#db/client.ts";
import { newId } from "#db/ids.ts";
import { organisations } from "#db/schema/index.ts";
import { can, type Actor } from "#app/auth/permissions.server.ts";
import { DomainError } from "./errors.ts";
import { appendTrailEvent, trailFacts } from "./trail.server.ts";

export type Organisation = typeof organisations.$inferSelect;

export function getOrganisation(db: Db): Organisation | undefined {
  return db.select().from(organisations).limit(1).get();
}

/** The installation's organisation, as events about it all (sign-in among them) name it. */
export const organisationId = (db: Db): string => getOrganisation(db)?.id ?? "organisation";

/** One organisation per installation: created on first start if missing. */
export function ensureOrganisation(db: Db, name: string): Organisation {
  const existing = getOrganisation(db);
  if (existing) return existing;
  return db.insert(organisations).values({ id: newId(), name }).returning().get();
}

export class OrganisationError extends DomainError<"organisation.notAllowed"> {}

export function updateOrganisation(db: Db, actor: Actor, input: { name: string; orgNumber: string | null }): void {
  if (!can(actor, "manage", { type: "organisation" })) throw new OrganisationError("organisation.notAllowed");
  writeTransaction(db, (tx) => {
    const org = getOrganisation(tx);
    if (!org) throw new Error("No organisation");
    tx.update(organisations).set(input).run();
    appendTrailEvent(tx, {
      actorId: actor.id,
      type: "organisation.updated",
      subjectType: "organisation",
      subjectId: org.id,
      data: trailFacts(input),
    });
  });
}

/** A full copy of the organisation's records was taken out: who and when, for the trail. */
export function recordExport(db: Db, actor: Actor, now = new Date()): void {
  if (!can(actor, "manage", { type: "organisation" })) throw new OrganisationError("organisation.notAllowed");
  const org = getOrganisation(db);
  appendTrailEvent(db, {
    actorId: actor.id,
    type: "organisation.exported",
    subjectType: "organisation",
    subjectId: org?.id ?? "",
    at: now,
  });
}
