import ELK from "elkjs/lib/elk.bundled.js";
import { laneTop, separate } from "#app/models/map-placement.ts";
import { nodeSize, type ProcessGraph } from "#app/models/process-map.ts";

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
  for (const child of laid.children ?? []) {
    const node = graph.nodes.find((n) => n.id === child.id)!;
    const x = (child.x ?? 0) + 40;
    positions.set(
      node.id,
      graph.lanes.length === 0
        ? { x, y: (child.y ?? 0) + 40 }
        : { x, y: laneTop(node.kind, node.y, graph.lanes.length) },
    );
  }
  // ELK spaces the columns; in a lane two steps of one column would meet, so they move apart.
  return separate(graph.nodes, positions);
}
