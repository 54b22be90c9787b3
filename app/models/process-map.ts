import type * as Y from "yjs";
import { z } from "zod";

/**
 * A process map as it lives in its Yjs document (the contract between the map editor, the
 * server's freezing and the exports): three Y.Maps keyed by id. Node positions are React
 * Flow's (top-left corner); lanes are horizontal bands LANE_HEIGHT tall, in `order`.
 */
export const MAP_KEYS = { nodes: "nodes", edges: "edges", lanes: "lanes" } as const;

export const nodeKinds = ["start", "end", "activity", "decision", "document", "subprocess", "note"] as const;
export type NodeKind = (typeof nodeKinds)[number];

export const LANE_HEIGHT = 180;
export const LANE_LABEL_WIDTH = 140;

export const nodeSize: Record<NodeKind, { width: number; height: number }> = {
  start: { width: 48, height: 48 },
  end: { width: 48, height: 48 },
  activity: { width: 170, height: 64 },
  decision: { width: 96, height: 96 },
  document: { width: 160, height: 64 },
  subprocess: { width: 170, height: 64 },
  note: { width: 170, height: 64 },
};

const finite = z.number().finite().min(-100_000).max(100_000);
const nodeSchema = z.object({
  kind: z.enum(nodeKinds),
  label: z.string().max(200).catch(""),
  x: finite,
  y: finite,
  /** For a subprocess: the process it opens. */
  processId: z.string().max(40).nullish(),
});
const edgeSchema = z.object({
  source: z.string().max(40),
  target: z.string().max(40),
  label: z.string().max(100).catch(""),
});
const laneSchema = z.object({ label: z.string().max(100).catch(""), order: z.number().int().min(0).max(100) });

export type MapNode = z.infer<typeof nodeSchema> & { id: string };
export type MapEdge = z.infer<typeof edgeSchema> & { id: string };
export type MapLane = z.infer<typeof laneSchema> & { id: string };
export type ProcessGraph = { nodes: MapNode[]; edges: MapEdge[]; lanes: MapLane[] };

const idPattern = /^[\w-]{1,40}$/;

function entries<T>(map: Y.Map<unknown>, schema: z.ZodType<T>): (T & { id: string })[] {
  const out: (T & { id: string })[] = [];
  for (const [id, value] of map.entries()) {
    const parsed = schema.safeParse(value);
    if (idPattern.test(id) && parsed.success) out.push({ ...parsed.data, id });
  }
  return out.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

/**
 * The graph as stored, made whole: anything malformed that a client wrote is left out, and
 * so is an edge whose end is missing. What is released is always a consistent map.
 */
export function readGraph(doc: Y.Doc): ProcessGraph {
  const nodes = entries(doc.getMap(MAP_KEYS.nodes), nodeSchema);
  const known = new Set(nodes.map((n) => n.id));
  const edges = entries(doc.getMap(MAP_KEYS.edges), edgeSchema).filter(
    (e) => known.has(e.source) && known.has(e.target) && e.source !== e.target,
  );
  const lanes = entries(doc.getMap(MAP_KEYS.lanes), laneSchema).sort((a, b) => a.order - b.order);
  return { nodes, edges, lanes };
}

/** The lane a node sits in: the band that holds its centre, if there is one. */
export function laneOf(graph: { lanes: MapLane[] }, node: Pick<MapNode, "kind" | "y">): MapLane | undefined {
  const centre = node.y + nodeSize[node.kind].height / 2;
  const index = Math.floor(centre / LANE_HEIGHT);
  return graph.lanes[index];
}

/** The id the link model knows an activity of a map by; every step of a map shares the prefix. */
export const activityRef = (mapDocumentId: string, nodeId: string) => `${mapDocumentId}_${nodeId}`;
export const activityPrefix = (mapDocumentId: string) => activityRef(mapDocumentId, "");
export function parseActivityRef(ref: string): { mapDocumentId: string; nodeId: string } | null {
  const at = ref.indexOf("_");
  return at > 0 ? { mapDocumentId: ref.slice(0, at), nodeId: ref.slice(at + 1) } : null;
}
