import ELK from "elkjs/lib/elk.bundled.js";
import { LANE_HEIGHT, nodeSize, type ProcessGraph } from "#app/models/process-map.ts";

const elk = new ELK();

/**
 * Positions for every step, left to right in the order of the flow (ELK's layered layout).
 * With lanes, each step stays in its lane: ELK decides the columns, the lane the row.
 */
export async function autoLayout(graph: ProcessGraph): Promise<Map<string, { x: number; y: number }>> {
  const laid = await elk.layout({
    id: "map",
    layoutOptions: {
      "elk.algorithm": "layered",
      "elk.direction": "RIGHT",
      "elk.spacing.nodeNode": "40",
      "elk.layered.spacing.nodeNodeBetweenLayers": "70",
    },
    children: graph.nodes.map((n) => ({ id: n.id, ...nodeSize[n.kind] })),
    edges: graph.edges.map((e) => ({ id: e.id, sources: [e.source], targets: [e.target] })),
  });
  const positions = new Map<string, { x: number; y: number }>();
  const taken = new Map<string, number>();
  for (const child of laid.children ?? []) {
    const node = graph.nodes.find((n) => n.id === child.id)!;
    const x = (child.x ?? 0) + 40;
    if (graph.lanes.length === 0) {
      positions.set(node.id, { x, y: (child.y ?? 0) + 40 });
      continue;
    }
    const lane = Math.max(
      0,
      Math.min(graph.lanes.length - 1, Math.floor((node.y + nodeSize[node.kind].height / 2) / LANE_HEIGHT)),
    );
    // Two steps of one lane in one column are set apart rather than on top of each other.
    const slot = `${lane}:${Math.round(x)}`;
    const stacked = taken.get(slot) ?? 0;
    taken.set(slot, stacked + 1);
    const y = lane * LANE_HEIGHT + (LANE_HEIGHT - nodeSize[node.kind].height) / 2 + stacked * 24;
    positions.set(node.id, { x: x + stacked * 24, y });
  }
  return positions;
}
