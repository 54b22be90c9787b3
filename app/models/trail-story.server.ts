import { eq } from "drizzle-orm";
import type { Actor } from "#app/auth/permissions.server.ts";
import type { Db } from "#db/client.ts";
import {
  auditProgrammes,
  audits,
  checklistTemplates,
  competences,
  contextItems,
  delegations,
  documents,
  frameworks,
  invitations,
  legalRequirements,
  organisations,
  releases,
  reviews,
  units,
  users,
  type LinkableKind,
  linkableKinds,
} from "#db/schema/index.ts";
import { getDocument } from "./documents.server.ts";
import { describeItem } from "./links.server.ts";
import { versionOf } from "./releases.server.ts";
import { recentTrail, type TrailEntry } from "./trail.server.ts";

/**
 * The trail as people read it: each event a sentence about who did what to which record, with
 * a link where the reader may open it. The chain holds ids only (no free text, no personal
 * data), so the names here are looked up from the records as they are now.
 */

export type TrailSubject = { title: string; href: string | null; version?: string };

export type TrailStoryEntry = {
  seq: number;
  at: string;
  type: string;
  actorName: string | null;
  /** Null when the record is gone (a removed context item, say); the sentence then says so. */
  subject: TrailSubject | null;
  data: string;
  hash: string;
};

type Lookup = (db: Db, id: string) => TrailSubject | undefined;

/**
 * Records that are not linkable items. The reader already passed the trail's rule for the
 * kind (`trailEvent` in can()), which is the same section rule that guards these pages.
 */
const lookups: Record<string, Lookup> = {
  release: (db, id) => {
    const release = db
      .select({ documentId: releases.documentId, title: releases.title, major: releases.major, minor: releases.minor })
      .from(releases)
      .where(eq(releases.id, id))
      .get();
    if (!release) return undefined;
    const version = versionOf(release);
    return {
      title: release.title,
      version,
      href: `/gallande/${encodeURIComponent(release.documentId)}/${encodeURIComponent(version)}`,
    };
  },
  review: (db, id) => {
    const review = db
      .select({ documentId: reviews.documentId, title: documents.title })
      .from(reviews)
      .innerJoin(documents, eq(documents.id, reviews.documentId))
      .where(eq(reviews.id, id))
      .get();
    return review && { title: review.title, href: `/dokument/${encodeURIComponent(review.documentId)}/granskning` };
  },
  user: (db, id) => {
    const user = db.select({ name: users.name }).from(users).where(eq(users.id, id)).get();
    return user && { title: user.name, href: `/admin/anvandare/${encodeURIComponent(id)}` };
  },
  invitation: (db, id) => {
    const invitation = db.select({ name: invitations.name }).from(invitations).where(eq(invitations.id, id)).get();
    return invitation && { title: invitation.name, href: "/admin/anvandare" };
  },
  unit: (db, id) => {
    const unit = db.select({ name: units.name }).from(units).where(eq(units.id, id)).get();
    return unit && { title: unit.name, href: "/admin/enheter" };
  },
  organisation: (db, id) => {
    const organisation = db
      .select({ name: organisations.name })
      .from(organisations)
      .where(eq(organisations.id, id))
      .get();
    return organisation && { title: organisation.name, href: "/admin/organisation" };
  },
  audit: (db, id) => {
    const audit = db.select({ number: audits.number, title: audits.title }).from(audits).where(eq(audits.id, id)).get();
    return (
      audit && { title: `${audit.number}. ${audit.title}`, href: `/revision/granskningar/${encodeURIComponent(id)}` }
    );
  },
  audit_programme: (db, id) => {
    const programme = db
      .select({ year: auditProgrammes.year })
      .from(auditProgrammes)
      .where(eq(auditProgrammes.id, id))
      .get();
    return programme && { title: String(programme.year), href: "/revision" };
  },
  checklist: (db, id) => {
    const template = db
      .select({ title: checklistTemplates.title })
      .from(checklistTemplates)
      .where(eq(checklistTemplates.id, id))
      .get();
    return template && { title: template.title, href: "/avvikelser/egenkontroller" };
  },
  context: (db, id) => {
    const item = db.select({ title: contextItems.title }).from(contextItems).where(eq(contextItems.id, id)).get();
    return item && { title: item.title, href: "/krav/sammanhang" };
  },
  legal_requirement: (db, id) => {
    const law = db
      .select({ title: legalRequirements.title })
      .from(legalRequirements)
      .where(eq(legalRequirements.id, id))
      .get();
    return law && { title: law.title, href: "/krav/lagar" };
  },
  delegation: (db, id) => {
    const delegation = db.select({ task: delegations.task }).from(delegations).where(eq(delegations.id, id)).get();
    return delegation && { title: delegation.task, href: "/krav/uppgiftsfordelning" };
  },
  competence: (db, id) => {
    const competence = db.select({ name: competences.name }).from(competences).where(eq(competences.id, id)).get();
    return competence && { title: competence.name, href: "/krav/kompetens" };
  },
  framework: (db, id) => {
    const framework = db.select({ name: frameworks.name }).from(frameworks).where(eq(frameworks.id, id)).get();
    return framework && { title: framework.name, href: `/krav/${encodeURIComponent(id)}` };
  },
};

const isLinkable = (kind: string): kind is LinkableKind => (linkableKinds as readonly string[]).includes(kind);

/**
 * The trail keeps the subject names it was written with (it is append-only and hash-chained):
 * a deviation's events say "report", the name the link model has since given up.
 */
const linkKindOf = (subjectType: string) => (subjectType === "report" ? "deviation" : subjectType);

/** The record an event is about, as this reader may see it: linked if they may open it. */
function subjectOf(db: Db, reader: Actor, event: TrailEntry, now: Date): TrailSubject | null {
  const lookup = lookups[event.subjectType];
  if (lookup) return lookup(db, event.subjectId) ?? null;
  const kind = linkKindOf(event.subjectType);
  if (!isLinkable(kind)) return null;
  const item = describeItem(db, reader, { kind, id: event.subjectId }, now);
  if (item) return { title: item.title, href: item.href };
  // Some records the reader may hear of but not open (a draft, for one who reads releases only).
  const document = event.subjectType === "document" ? getDocument(db, event.subjectId) : undefined;
  return document ? { title: document.title, href: null } : null;
}

/** The newest events the reader may see, each with its subject resolved once. */
export function trailStory(db: Db, reader: Actor, now = new Date(), limit = 200): TrailStoryEntry[] {
  const subjects = new Map<string, TrailSubject | null>();
  return recentTrail(db, reader, limit).map((event) => {
    const key = `${event.subjectType}:${event.subjectId}`;
    if (!subjects.has(key)) subjects.set(key, subjectOf(db, reader, event, now));
    return {
      seq: event.seq,
      at: event.at.toISOString(),
      type: event.type,
      actorName: event.actorName,
      subject: subjects.get(key)!,
      data: event.data,
      hash: event.hash,
    };
  });
}
