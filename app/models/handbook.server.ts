import type { JSONContent } from "@tiptap/core";
import { and, eq, inArray, or } from "drizzle-orm";
import type { Db } from "#db/client.ts";
import { controlledTypes, documents, links, processKinds, releases } from "#db/schema/index.ts";
import { releaseImages } from "./document-files.server.ts";
import { graphText, isGraph } from "./process-map-content.server.ts";
import type { ProcessGraph } from "./process-map.ts";
import { listProcesses, type Process } from "./processes.server.ts";
import { listCurrent, versionOf, type CurrentFilter, type CurrentItem } from "./releases.server.ts";

/**
 * "Your management system" as one file for customers, certification bodies and authorities:
 * every release in effect that the list's filters choose, in process order (each process's
 * map, then the documents linked to it, down the process tree), then the rest by type.
 */

export type HandbookFilter = Omit<CurrentFilter, "q"> & { processId?: string };

export type HandbookEntry = {
  releaseId: string;
  documentId: string;
  title: string;
  reference: string | null;
  type: CurrentItem["type"];
  version: string;
  approverName: string;
  approvedAt: Date;
  effectiveOn: string;
  process: string | null;
  /** Written content, or a process map's graph. */
  content: JSONContent | ProcessGraph;
  images: ReturnType<typeof releaseImages>;
};

/** Processes down the tree: management, core, support at each level, by title within a kind. */
function processOrder(all: Process[]): Process[] {
  const children = (parentId: string | null) =>
    all
      .filter((p) => p.parentId === parentId)
      .sort(
        (a, b) => processKinds.indexOf(a.kind) - processKinds.indexOf(b.kind) || a.title.localeCompare(b.title, "sv"),
      );
  const walk = (parentId: string | null): Process[] => children(parentId).flatMap((p) => [p, ...walk(p.id)]);
  return walk(null);
}

/** Each document's process: the one whose map it is, or the first linked to it in process order. */
function processOfDocuments(db: Db, ordered: Process[], documentIds: string[]): Map<string, Process> {
  const owner = new Map<string, Process>();
  if (documentIds.length === 0) return owner;
  const rank = new Map(ordered.map((p, i) => [p.id, i]));
  for (const process of ordered)
    if (documentIds.includes(process.mapDocumentId)) owner.set(process.mapDocumentId, process);
  const linked = db
    .select()
    .from(links)
    .where(
      or(
        and(eq(links.fromKind, "process"), eq(links.toKind, "document"), inArray(links.toId, documentIds)),
        and(eq(links.toKind, "process"), eq(links.fromKind, "document"), inArray(links.fromId, documentIds)),
      ),
    )
    .all()
    .map((l) =>
      l.fromKind === "process"
        ? { processId: l.fromId, documentId: l.toId }
        : { processId: l.toId, documentId: l.fromId },
    )
    .sort((a, b) => (rank.get(a.processId) ?? Infinity) - (rank.get(b.processId) ?? Infinity));
  for (const link of linked) {
    const process = ordered[rank.get(link.processId) ?? -1];
    if (process && !owner.has(link.documentId)) owner.set(link.documentId, process);
  }
  return owner;
}

export function handbookEntries(db: Db, dataDir: string, filter: HandbookFilter, now = new Date()): HandbookEntry[] {
  const items = listCurrent(db, { type: filter.type, unitId: filter.unitId, area: filter.area }, now);
  const ordered = processOrder(listProcesses(db));
  const processOf = processOfDocuments(
    db,
    ordered,
    items.map((i) => i.documentId),
  );
  const within = filter.processId ? subtree(ordered, filter.processId) : null;
  const chosen = items.filter((item) => !within || within.has(processOf.get(item.documentId)?.id ?? ""));
  const rank = (item: CurrentItem) => {
    const process = processOf.get(item.documentId);
    return process ? ordered.indexOf(process) : ordered.length;
  };
  const sorted = chosen.sort(
    (a, b) =>
      rank(a) - rank(b) ||
      // A process's own map comes before the documents linked to it.
      Number(b.type === "process_map") - Number(a.type === "process_map") ||
      controlledTypes.indexOf(a.type) - controlledTypes.indexOf(b.type) ||
      a.title.localeCompare(b.title, "sv"),
  );
  if (sorted.length === 0) return [];
  const stored = new Map(
    db
      .select({ id: releases.id, contentJson: releases.contentJson, reference: documents.reference })
      .from(releases)
      .innerJoin(documents, eq(documents.id, releases.documentId))
      .where(
        inArray(
          releases.id,
          sorted.map((s) => s.id),
        ),
      )
      .all()
      .map((r) => [r.id, r]),
  );
  return sorted.map((item) => ({
    releaseId: item.id,
    documentId: item.documentId,
    title: item.title,
    reference: stored.get(item.id)?.reference ?? null,
    type: item.type,
    version: versionOf(item),
    approverName: item.approverName,
    approvedAt: item.approvedAt,
    effectiveOn: item.effectiveOn,
    process: processOf.get(item.documentId)?.title ?? null,
    content: JSON.parse(stored.get(item.id)!.contentJson) as JSONContent | ProcessGraph,
    images: releaseImages(db, dataDir, item.id),
  }));
}

function subtree(ordered: Process[], rootId: string): Set<string> {
  const ids = new Set([rootId]);
  for (const process of ordered) if (process.parentId && ids.has(process.parentId)) ids.add(process.id);
  return ids;
}

/** The words of a process map, for formats that cannot draw it. */
export function mapSteps(content: JSONContent | ProcessGraph): string[] {
  return isGraph(content) ? graphText(content).split("\n").filter(Boolean) : [];
}
