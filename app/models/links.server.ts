import { and, desc, eq, like, or } from "drizzle-orm";
import { contains } from "#db/contains.ts";
import { type Db, writeTransaction } from "#db/client.ts";
import { newId } from "#db/ids.ts";
import {
  actions,
  changeAnalyses,
  documents,
  frameworks,
  kpis,
  links,
  objectives,
  processes,
  deviations,
  requirements,
  risks,
  type LinkableKind,
} from "#db/schema/index.ts";
import { can, type Actor } from "#app/auth/permissions.server.ts";
import { overdue } from "./action-states.ts";
import { actionResource, getAction } from "./actions.server.ts";
import { changeAnalysisResource, getChangeAnalysis } from "./change-analyses.server.ts";
import { loadYDoc } from "./collab-store.server.ts";
import { getDocument, documentResource, documentResourceFor } from "./documents.server.ts";
import { activityPrefix, parseActivityRef, readGraph, type ProcessGraph } from "./process-map.ts";
import { getProcess, processOfMap, processResource } from "./processes.server.ts";
import { getDeviation, deviationResource } from "./deviations.server.ts";
import { followUpTitle, getFollowUp } from "./sam.server.ts";
import { getFinding } from "./audit-findings.server.ts";
import { linkEnds, type ItemRef } from "./link-ends.server.ts";
import { getManagementReview } from "./management-reviews.server.ts";
import { getMeeting } from "./context.server.ts";
import { itemHref } from "#app/domain/item-refs.ts";
import { getKpi, kpiResource, listObjectives } from "./kpis.server.ts";
import { DomainError } from "./errors.ts";
import { currentRelease, dayOf, requireRelease, versionOf } from "./releases.server.ts";
import { levelOf } from "./risk-scoring.ts";
import { getRisk, riskResource, riskScale } from "./risks.server.ts";
import { appendTrailEvent } from "./trail.server.ts";

/**
 * The one link model (docs/ARCHITECTURE.md, wall 9). Each kind of item says how to find one, who
 * may see it, and its live status; kinds join as their registers arrive.
 */

export class LinkError extends DomainError<
  "link.notAllowed" | "link.itemNotFound" | "link.self" | "link.exists" | "link.notFound"
> {}

export type { ItemRef };

/** What a "Linked" panel shows of the item at the other end. */
export type LinkedItem = ItemRef & {
  linkId: string;
  title: string;
  href: string;
  /** A status word for the catalogue (`links.status.<status>`), and whether it needs attention. */
  status: string;
  attention: boolean;
};

type Resolver = (db: Db, actor: Actor, id: string, now: Date) => Omit<LinkedItem, "linkId" | "kind" | "id"> | null;

const resolvers: Record<LinkableKind, Resolver> = {
  document: (db, actor, id, now) => {
    const document = getDocument(db, id);
    if (!document) return null;
    // A withdrawn document stays a link, to the page that says it is withdrawn and what replaces it.
    const withdrawn = document.status === "archived";
    if (!withdrawn && !can(actor, "read", documentResource(document))) return null;
    const current = currentRelease(db, id, now);
    const seesDraft = can(actor, "readDraft", documentResourceFor(db, document, actor, now));
    // Those who read only releases know a document by its release, and not at all before one
    // (for a withdrawn one, by its last release in effect).
    if (!seesDraft && !current) return null;
    return {
      title: current ? `${seesDraft ? document.title : current.title} ${versionOf(current)}` : document.title,
      href: seesDraft ? `/dokument/${id}` : itemHref("document", id),
      status: withdrawn ? "withdrawn" : current ? "released" : "draft",
      attention: withdrawn || (document.nextReviewOn ?? "9999") < dayOf(now),
    };
  },
  risk: (db, actor, id) => {
    const risk = getRisk(db, id);
    if (!risk || !can(actor, "read", riskResource(risk))) return null;
    const level = levelOf(riskScale(db), risk.residual);
    return {
      title: `R${risk.number}. ${risk.title}`,
      href: itemHref("risk", id),
      status: `risk_${level}`,
      attention: level === "high" || level === "critical",
    };
  },
  action: (db, actor, id, now) => {
    const action = getAction(db, id);
    if (!action || !can(actor, "read", actionResource(action))) return null;
    return {
      title: `${action.number}. ${action.title}`,
      href: itemHref("action", id),
      status: action.status,
      attention: overdue(action, dayOf(now)),
    };
  },
  process: (db, actor, id) => {
    const process = getProcess(db, id);
    if (!process || !can(actor, "read", processResource(process))) return null;
    return { title: process.title, href: itemHref("process", id), status: `process_${process.kind}`, attention: false };
  },
  activity: (db, actor, id, now) => {
    const ref = parseActivityRef(id);
    const process = ref && processOfMap(db, ref.mapDocumentId);
    if (!ref || !process || !can(actor, "read", processResource(process))) return null;
    const map = getDocument(db, ref.mapDocumentId);
    if (!map) return null;
    // A step is named as the draft has it for those who may read the draft, else as released.
    let graph: ProcessGraph;
    if (can(actor, "readDraft", documentResourceFor(db, map, actor, now))) {
      const doc = loadYDoc(db, ref.mapDocumentId);
      graph = readGraph(doc);
      doc.destroy();
    } else {
      const current = currentRelease(db, ref.mapDocumentId, now);
      if (!current) return null;
      graph = JSON.parse(requireRelease(db, current.id).contentJson) as ProcessGraph;
    }
    const node = graph.nodes.find((n) => n.id === ref.nodeId);
    if (!node) return null;
    return {
      title: `${process.title}: ${node.label}`,
      href: itemHref("process", process.id),
      status: "step",
      attention: false,
    };
  },
  change_analysis: (db, actor, id, now) => {
    const analysis = getChangeAnalysis(db, id);
    if (!analysis || !can(actor, "read", changeAnalysisResource(analysis))) return null;
    return {
      title: `Ä${analysis.number}. ${analysis.title}`,
      href: itemHref("change_analysis", id),
      status: analysis.concludedAt ? "change_concluded" : "change_open",
      attention: !analysis.concludedAt && analysis.plannedOn < dayOf(now),
    };
  },
  objective: (db, actor, id, now) => {
    const objective = listObjectives(db).find((o) => o.id === id);
    if (!objective || !can(actor, "view", { type: "kpis" })) return null;
    const ended = objective.periodEnd < dayOf(now);
    return {
      title: objective.title,
      href: itemHref("objective", id),
      status: ended ? "objective_ended" : "objective_active",
      attention: false,
    };
  },
  deviation: (db, actor, id, now) => {
    const report = getDeviation(db, id);
    if (!report || !can(actor, "read", deviationResource(report))) return null;
    return {
      title: `${report.number}. ${report.title}`,
      href: itemHref("deviation", id),
      status: `deviation_${report.status}`,
      attention: report.status !== "closed" && (report.dueOn ?? "9999") < dayOf(now),
    };
  },
  finding: (db, actor, id) => {
    const finding = getFinding(db, id);
    if (!finding || !can(actor, "view", { type: "audits" })) return null;
    return {
      title: `${finding.auditNumber}.${finding.number} ${finding.title}`,
      href: itemHref("finding", id),
      status: `finding_${finding.status}`,
      attention: finding.status === "open" && (finding.kind === "major_nc" || finding.kind === "minor_nc"),
    };
  },
  meeting: (db, actor, id) => {
    const meeting = getMeeting(db, id);
    if (!meeting || !can(actor, "view", { type: "requirements" })) return null;
    return {
      title: `${meeting.heldOn} ${meeting.raised.split("\n")[0]!.slice(0, 80)}`,
      href: itemHref("meeting", id),
      status: `meeting_${meeting.kind}`,
      attention: false,
    };
  },
  requirement: (db, actor, id) => {
    const row = db
      .select({
        code: requirements.code,
        title: requirements.title,
        framework: frameworks.name,
        applicable: requirements.applicable,
      })
      .from(requirements)
      .innerJoin(frameworks, eq(frameworks.id, requirements.frameworkId))
      .where(eq(requirements.id, id))
      .get();
    if (!row || !can(actor, "view", { type: "requirements" })) return null;
    return {
      title: [row.framework, row.code, row.title].filter(Boolean).join(" "),
      href: itemHref("requirement", id),
      status: row.applicable ? "requirement" : "requirement_excluded",
      attention: false,
    };
  },
  management_review: (db, actor, id, now) => {
    const review = getManagementReview(db, id);
    if (!review || !can(actor, "view", { type: "managementReviews" })) return null;
    const released = currentRelease(db, review.documentId, now);
    return {
      title: review.title,
      href: itemHref("management_review", id),
      status: released ? "released" : "draft",
      attention: false,
    };
  },
  sam_follow_up: (db, actor, id) => {
    const followUp = getFollowUp(db, id);
    if (!followUp || !can(actor, "view", { type: "sam" })) return null;
    return {
      title: followUpTitle(followUp),
      href: itemHref("sam_follow_up", id),
      status: followUp.completedAt ? "sam_completed" : "sam_open",
      attention: false,
    };
  },
  kpi: (db, actor, id) => {
    const kpi = getKpi(db, id);
    if (!kpi || !can(actor, "read", kpiResource(kpi))) return null;
    const status = kpi.latest?.status ?? "no_data";
    return { title: kpi.name, href: itemHref("kpi", id), status: `kpi_${status}`, attention: status !== "on_target" };
  },
};

/** An item as the person may see it (title, page, live status), or null if they may not. */
export function describeItem(db: Db, actor: Actor, ref: ItemRef, now = new Date()) {
  return resolvers[ref.kind]?.(db, actor, ref.id, now) ?? null;
}

/** Links two items the person can see; a link to anything they may not see is refused as unknown. */
export function linkItems(db: Db, actor: Actor, a: ItemRef, b: ItemRef, now = new Date()): string {
  if (!can(actor, "edit", { type: "links" })) throw new LinkError("link.notAllowed");
  if (a.kind === b.kind && a.id === b.id) throw new LinkError("link.self");
  return writeTransaction(db, (tx) => {
    if (!describeItem(tx, actor, a, now) || !describeItem(tx, actor, b, now)) throw new LinkError("link.itemNotFound");
    if (findLink(tx, a, b)) throw new LinkError("link.exists");
    const id = newId();
    tx.insert(links)
      .values({ id, fromKind: a.kind, fromId: a.id, toKind: b.kind, toId: b.id, createdBy: actor.id, createdAt: now })
      .run();
    appendTrailEvent(tx, {
      actorId: actor.id,
      type: "link.added",
      subjectType: a.kind,
      subjectId: a.id,
      at: now,
      data: { to: b },
    });
    return id;
  });
}

function findLink(db: Db, a: ItemRef, b: ItemRef) {
  const pair = (x: ItemRef, y: ItemRef) =>
    and(eq(links.fromKind, x.kind), eq(links.fromId, x.id), eq(links.toKind, y.kind), eq(links.toId, y.id));
  return db
    .select()
    .from(links)
    .where(or(pair(a, b), pair(b, a)))
    .get();
}

export function unlinkItems(db: Db, actor: Actor, linkId: string, now = new Date()): void {
  if (!can(actor, "edit", { type: "links" })) throw new LinkError("link.notAllowed");
  writeTransaction(db, (tx) => {
    const link = tx.select().from(links).where(eq(links.id, linkId)).get();
    if (!link) throw new LinkError("link.notFound");
    tx.delete(links).where(eq(links.id, linkId)).run();
    appendTrailEvent(tx, {
      actorId: actor.id,
      type: "link.removed",
      subjectType: link.fromKind,
      subjectId: link.fromId,
      at: now,
      data: { to: { kind: link.toKind, id: link.toId } },
    });
  });
}

/** Everything linked to an item, read from both ends, that this person may see, with live status. */
export function linkedTo(db: Db, actor: Actor, ref: ItemRef, now = new Date()): LinkedItem[] {
  return linkEnds(db, ref).flatMap(({ linkId, ...other }) => {
    const item = describeItem(db, actor, other, now);
    return item ? [{ ...other, linkId, ...item }] : [];
  });
}

/** The live status of items named by reference (chips in a document), in the order asked; unseen ones are left out. */
export function itemStatuses(db: Db, actor: Actor, refs: ItemRef[], now = new Date()) {
  return refs.flatMap((ref) => {
    const item = describeItem(db, actor, ref, now);
    return item ? [{ ...ref, ...item }] : [];
  });
}

/** "R3", "Ä2", "#12" or "12" finds an item by its number as well as by words in its title. */
const numberIn = (query: string) => {
  const match = /^[#rRäÄ]?(\d{1,6})$/.exec(query.trim());
  return match ? Number(match[1]) : -1;
};

type Finder = (db: Db, query: string, limit: number) => string[];

const finders: Partial<Record<LinkableKind, Finder>> = {
  risk: (db, query, limit) =>
    db
      .select({ id: risks.id })
      .from(risks)
      .where(or(contains(risks.title, query), eq(risks.number, numberIn(query))))
      .orderBy(desc(risks.number))
      .limit(limit)
      .all()
      .map((r) => r.id),
  action: (db, query, limit) =>
    db
      .select({ id: actions.id })
      .from(actions)
      .where(or(contains(actions.title, query), eq(actions.number, numberIn(query))))
      .orderBy(desc(actions.number))
      .limit(limit)
      .all()
      .map((r) => r.id),
  objective: (db, query, limit) =>
    db
      .select({ id: objectives.id })
      .from(objectives)
      .where(contains(objectives.title, query))
      .orderBy(objectives.title)
      .limit(limit)
      .all()
      .map((r) => r.id),
  kpi: (db, query, limit) =>
    db
      .select({ id: kpis.id })
      .from(kpis)
      .where(contains(kpis.name, query))
      .orderBy(kpis.name)
      .limit(limit)
      .all()
      .map((r) => r.id),
  change_analysis: (db, query, limit) =>
    db
      .select({ id: changeAnalyses.id })
      .from(changeAnalyses)
      .where(or(contains(changeAnalyses.title, query), eq(changeAnalyses.number, numberIn(query))))
      .orderBy(desc(changeAnalyses.number))
      .limit(limit)
      .all()
      .map((r) => r.id),
  process: (db, query, limit) =>
    db
      .select({ id: processes.id })
      .from(processes)
      .where(contains(processes.title, query))
      .orderBy(processes.title)
      .limit(limit)
      .all()
      .map((r) => r.id),
  deviation: (db, query, limit) =>
    db
      .select({ id: deviations.id })
      .from(deviations)
      .where(or(contains(deviations.title, query), eq(deviations.number, numberIn(query))))
      .orderBy(desc(deviations.number))
      .limit(limit)
      .all()
      .map((r) => r.id),
  document: (db, query, limit) =>
    db
      .select({ id: documents.id })
      .from(documents)
      .where(contains(documents.title, query))
      .orderBy(documents.title)
      .limit(limit)
      .all()
      .map((r) => r.id),
};

/** Kinds that can be linked today, for a Linked panel's search. */
export const linkableNow = Object.keys(finders) as LinkableKind[];

/**
 * Items of the given kinds whose title (or number) matches, each with live status, for the
 * Linked panel and the editor's `#` search. Items the person may not see are never offered.
 */
export function searchItems(
  db: Db,
  actor: Actor,
  query: string,
  kinds: readonly LinkableKind[] = linkableNow,
  now = new Date(),
  limit = 8,
): (ItemRef & Omit<LinkedItem, "linkId" | "kind" | "id">)[] {
  const refs = kinds.flatMap((kind) => (finders[kind]?.(db, query.trim(), limit) ?? []).map((id) => ({ kind, id })));
  return itemStatuses(db, actor, refs, now).slice(0, limit);
}

/**
 * A new item born of another (an action of a risk, a risk of a change analysis): created and
 * linked together, or not at all.
 */
export function createLinked(db: Db, actor: Actor, from: ItemRef, create: (tx: Db) => ItemRef, now = new Date()) {
  return writeTransaction(db, (tx) => {
    const made = create(tx);
    linkItems(tx, actor, from, made, now);
    return made.id;
  });
}

/**
 * What each step of a map is linked to, by node id: the routines, risks and KPIs the map shows
 * on its steps. One query for the map's links, then each other end resolved for this person.
 */
export function stepLinksOf(db: Db, actor: Actor, mapDocumentId: string, now = new Date()) {
  const prefix = activityPrefix(mapDocumentId);
  const rows = db
    .select()
    .from(links)
    .where(
      or(
        and(eq(links.fromKind, "activity"), like(links.fromId, `${prefix}%`)),
        and(eq(links.toKind, "activity"), like(links.toId, `${prefix}%`)),
      ),
    )
    .all();
  const out: Record<string, LinkedItem[]> = {};
  for (const row of rows) {
    const fromStep = row.fromKind === "activity" && row.fromId.startsWith(prefix);
    const step = (fromStep ? row.fromId : row.toId).slice(prefix.length);
    const other: ItemRef = fromStep ? { kind: row.toKind, id: row.toId } : { kind: row.fromKind, id: row.fromId };
    const item = describeItem(db, actor, other, now);
    if (item) (out[step] ??= []).push({ ...other, linkId: row.id, ...item });
  }
  return out;
}
