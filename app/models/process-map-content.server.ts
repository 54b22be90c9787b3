import { and, asc, eq, like, or } from "drizzle-orm";
import * as Y from "yjs";
import type { Db } from "#db/client.ts";
import { links } from "#db/schema/index.ts";
import { itemHref } from "#app/domain/item-refs.ts";
import { compact } from "./collab-store.server.ts";
import { activityPrefix, MAP_KEYS, readGraph, type MapNode, type ProcessGraph } from "./process-map.ts";
import { mapToSvg } from "./process-map-svg.ts";
import { subprocessAllowed } from "./process-tree.ts";
import { parentMap, processOfMap } from "./processes.server.ts";

/** A stored release's JSON is a process graph when it has nodes and edges, not ProseMirror content. */
export function isGraph(json: unknown): json is ProcessGraph {
  return typeof json === "object" && json !== null && Array.isArray((json as ProcessGraph).nodes);
}

/** Gives a map its first content (the demo's, or one imported from BPMN) as a stored state. */
export function writeMapContent(db: Db, mapDocumentId: string, graph: ProcessGraph): void {
  const doc = new Y.Doc();
  doc.transact(() => {
    for (const { id, ...lane } of graph.lanes) doc.getMap(MAP_KEYS.lanes).set(id, lane);
    for (const { id, ...node } of graph.nodes) doc.getMap(MAP_KEYS.nodes).set(id, node);
    for (const { id, ...edge } of graph.edges) doc.getMap(MAP_KEYS.edges).set(id, edge);
  });
  compact(db, mapDocumentId, doc);
  doc.destroy();
}

/** The step labels, for search. */
export const graphText = (graph: ProcessGraph) =>
  graph.nodes
    .map((n) => n.label)
    .filter(Boolean)
    .join("\n");

/** Each step's first linked document, read from both ends of the map's links in one query. */
function routinesOfSteps(db: Db, mapDocumentId: string): Map<string, string> {
  const prefix = activityPrefix(mapDocumentId);
  const rows = db
    .select()
    .from(links)
    .where(
      or(
        and(eq(links.fromKind, "activity"), like(links.fromId, `${prefix}%`), eq(links.toKind, "document")),
        and(eq(links.toKind, "activity"), like(links.toId, `${prefix}%`), eq(links.fromKind, "document")),
      ),
    )
    .orderBy(asc(links.createdAt))
    .all();
  const out = new Map<string, string>();
  for (const row of rows) {
    const fromStep = row.fromKind === "activity";
    const step = (fromStep ? row.fromId : row.toId).slice(prefix.length);
    if (!out.has(step)) out.set(step, fromStep ? row.toId : row.fromId);
  }
  return out;
}

/**
 * Where each step leads: an activity to its routine (the first document it is linked to, read
 * where it applies today), a subprocess to its process, unless that would lead back up the tree.
 */
function stepLinks(db: Db, mapDocumentId: string, graph: ProcessGraph): Map<string, string> {
  const out = new Map<string, string>();
  const self = processOfMap(db, mapDocumentId);
  const parents = parentMap(db);
  const routines = routinesOfSteps(db, mapDocumentId);
  for (const node of graph.nodes) {
    if (node.kind === "subprocess" && node.processId && self && parents.has(node.processId)) {
      if (subprocessAllowed(parents, self.id, node.processId)) out.set(node.id, itemHref("process", node.processId));
      continue;
    }
    if (node.kind !== "activity") continue;
    const documentId = routines.get(node.id);
    if (documentId) out.set(node.id, itemHref("document", documentId));
  }
  return out;
}

/** The map as people read it: the drawing, each linked step opening its routine. */
export function renderMap(db: Db, mapDocumentId: string, graph: ProcessGraph, title: string): string {
  const hrefs = stepLinks(db, mapDocumentId, graph);
  const svg = mapToSvg(graph, { title, inline: true, hrefFor: (node: MapNode) => hrefs.get(node.id) ?? null });
  return `<figure class="process-map">${svg}</figure>`;
}

export function freezeMap(db: Db, mapDocumentId: string, doc: Y.Doc, title: string) {
  const graph = readGraph(doc);
  return { json: graph, html: renderMap(db, mapDocumentId, graph, title), text: graphText(graph) };
}

const escapes: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" };
const esc = (text: string) => text.replace(/[&<>"']/g, (c) => escapes[c]!);

/**
 * What changed between two versions of a map, step by step: added and removed steps and
 * connections as insertions and deletions, a renamed step as both.
 */
export function mapDiffHtml(before: ProcessGraph, after: ProcessGraph) {
  const old = new Map(before.nodes.map((n) => [n.id, n]));
  const now = new Map(after.nodes.map((n) => [n.id, n]));
  const name = (graph: Map<string, MapNode>, id: string) => esc(graph.get(id)?.label || "…");
  const rows: string[] = [];
  for (const node of after.nodes) {
    const was = old.get(node.id);
    if (!was) rows.push(`<li><ins>${esc(node.label)}</ins></li>`);
    else if (was.label !== node.label) rows.push(`<li><del>${esc(was.label)}</del> <ins>${esc(node.label)}</ins></li>`);
  }
  for (const node of before.nodes) if (!now.has(node.id)) rows.push(`<li><del>${esc(node.label)}</del></li>`);
  const key = (e: { source: string; target: string }) => `${e.source}>${e.target}`;
  const oldEdges = new Set(before.edges.map(key));
  const newEdges = new Set(after.edges.map(key));
  for (const e of after.edges)
    if (!oldEdges.has(key(e))) rows.push(`<li><ins>${name(now, e.source)} → ${name(now, e.target)}</ins></li>`);
  for (const e of before.edges)
    if (!newEdges.has(key(e))) rows.push(`<li><del>${name(old, e.source)} → ${name(old, e.target)}</del></li>`);
  return { html: rows.length ? `<ul class="map-diff">${rows.join("")}</ul>` : "", changed: rows.length > 0 };
}
