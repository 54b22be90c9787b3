import * as Y from "yjs";
import { MAP_KEYS, readGraph, type MapNode, type NodeKind } from "#app/models/process-map.ts";
import { laneTop } from "#app/models/map-placement.ts";

/**
 * Edits of a map's Yjs document, each in one transaction marked as this person's, so that
 * their undo takes back only their own steps (decision 006: per-person undo).
 */
export const LOCAL = Symbol("local map edit");

export function mapParts(doc: Y.Doc) {
  return {
    nodes: doc.getMap<Omit<MapNode, "id">>(MAP_KEYS.nodes),
    edges: doc.getMap<{ source: string; target: string; label: string }>(MAP_KEYS.edges),
    lanes: doc.getMap<{ label: string; order: number }>(MAP_KEYS.lanes),
  };
}

export function newMapId(): string {
  return crypto.randomUUID().replaceAll("-", "").slice(0, 12);
}

export function undoManager(doc: Y.Doc) {
  const { nodes, edges, lanes } = mapParts(doc);
  return new Y.UndoManager([nodes, edges, lanes], { trackedOrigins: new Set([LOCAL]) });
}

const edit = (doc: Y.Doc, fn: () => void) => doc.transact(fn, LOCAL);

/** A node dropped in a lane sits in the middle of it, so lanes read cleanly. */
export function snapToLane(doc: Y.Doc, kind: NodeKind, y: number): number {
  return laneTop(kind, y, mapParts(doc).lanes.size);
}

export function addNode(doc: Y.Doc, kind: NodeKind, label: string, at: { x: number; y: number }): string {
  const id = newMapId();
  edit(doc, () => mapParts(doc).nodes.set(id, { kind, label, x: Math.round(at.x), y: snapToLane(doc, kind, at.y) }));
  return id;
}

export function updateNode(doc: Y.Doc, id: string, change: Partial<Omit<MapNode, "id">>) {
  const { nodes } = mapParts(doc);
  const current = nodes.get(id);
  if (!current) return;
  edit(doc, () => nodes.set(id, { ...current, ...change }));
}

export function moveNode(doc: Y.Doc, id: string, to: { x: number; y: number }) {
  const current = mapParts(doc).nodes.get(id);
  if (current) updateNode(doc, id, { x: Math.round(to.x), y: snapToLane(doc, current.kind, to.y) });
}

/** Removes steps and every connection that touched them, as one undoable change. */
export function removeNodes(doc: Y.Doc, ids: string[]) {
  const { nodes, edges } = mapParts(doc);
  edit(doc, () => {
    for (const id of ids) nodes.delete(id);
    for (const [edgeId, edge] of edges.entries()) {
      if (ids.includes(edge.source) || ids.includes(edge.target)) edges.delete(edgeId);
    }
  });
}

export function connect(doc: Y.Doc, source: string, target: string, label = ""): string | null {
  const { nodes, edges } = mapParts(doc);
  if (source === target || !nodes.has(source) || !nodes.has(target)) return null;
  for (const edge of edges.values()) if (edge.source === source && edge.target === target) return null;
  const id = newMapId();
  edit(doc, () => edges.set(id, { source, target, label }));
  return id;
}

export function updateEdge(doc: Y.Doc, id: string, label: string) {
  const { edges } = mapParts(doc);
  const current = edges.get(id);
  if (current) edit(doc, () => edges.set(id, { ...current, label }));
}

export function removeEdges(doc: Y.Doc, ids: string[]) {
  const { edges } = mapParts(doc);
  edit(doc, () => ids.forEach((id) => edges.delete(id)));
}

export function addLane(doc: Y.Doc, label: string) {
  const { lanes } = mapParts(doc);
  edit(doc, () => lanes.set(newMapId(), { label, order: lanes.size }));
}

export function renameLane(doc: Y.Doc, id: string, label: string) {
  const { lanes } = mapParts(doc);
  const current = lanes.get(id);
  if (current) edit(doc, () => lanes.set(id, { ...current, label }));
}

/** Removes a lane and closes the gap; steps keep their places on the canvas. */
export function removeLane(doc: Y.Doc, id: string) {
  const { lanes } = mapParts(doc);
  edit(doc, () => {
    lanes.delete(id);
    readGraph(doc).lanes.forEach((lane, order) => lanes.set(lane.id, { label: lane.label, order }));
  });
}

/** Writes many positions at once (automatic layout) as one undoable change. */
export function placeNodes(doc: Y.Doc, positions: Map<string, { x: number; y: number }>) {
  const { nodes } = mapParts(doc);
  edit(doc, () => {
    for (const [id, at] of positions) {
      const current = nodes.get(id);
      if (current) nodes.set(id, { ...current, x: Math.round(at.x), y: Math.round(at.y) });
    }
  });
}
