import { LANE_HEIGHT, nodeSize, type MapNode, type NodeKind } from "./process-map.ts";

/**
 * Where steps go on a process map so that none hides another: new steps in free space in their
 * lane, and automatic layout with at least a gap between neighbours. Pure rules, shared by the
 * editor and its tests.
 */

/** The least room kept between two steps, so each stays visible and its handles reachable. */
export const STEP_GAP = 40;

type Placed = Pick<MapNode, "kind" | "x" | "y">;
type Box = { left: number; top: number; right: number; bottom: number };

const boxOf = (node: Placed): Box => ({
  left: node.x,
  top: node.y,
  right: node.x + nodeSize[node.kind].width,
  bottom: node.y + nodeSize[node.kind].height,
});

/** Whether two steps come closer than the gap (or cover each other). */
export function tooClose(a: Placed, b: Placed, gap = STEP_GAP): boolean {
  const p = boxOf(a);
  const q = boxOf(b);
  return p.left < q.right + gap && q.left < p.right + gap && p.top < q.bottom + gap && q.top < p.bottom + gap;
}

/** The top of a step of this kind centred in the lane that holds `y` (lanes: their count). */
export function laneTop(kind: NodeKind, y: number, lanes: number): number {
  if (lanes === 0) return Math.round(y);
  const height = nodeSize[kind].height;
  const index = Math.max(0, Math.min(lanes - 1, Math.floor((y + height / 2) / LANE_HEIGHT)));
  return index * LANE_HEIGHT + (LANE_HEIGHT - height) / 2;
}

/**
 * The first free place for a new step at or to the right of `at`, in the lane that holds it
 * (or on its row, without lanes): it moves right past every step it would come too close to.
 */
export function freeSpot(
  nodes: readonly Placed[],
  kind: NodeKind,
  at: { x: number; y: number },
  lanes: number,
): { x: number; y: number } {
  const y = laneTop(kind, at.y, lanes);
  let x = Math.round(at.x);
  for (;;) {
    const candidate = { kind, x, y };
    const blocking = nodes.filter((n) => tooClose(candidate, n));
    if (blocking.length === 0) return { x, y };
    x = Math.max(...blocking.map((n) => boxOf(n).right)) + STEP_GAP;
  }
}

/**
 * Positions with no two steps too close: within each row (a lane, or steps whose rows cross
 * without lanes), left to right, a step that would touch the one before moves right.
 */
export function separate(
  nodes: readonly (Placed & { id: string })[],
  positions: Map<string, { x: number; y: number }>,
): Map<string, { x: number; y: number }> {
  const placed = nodes
    .map((n) => ({ id: n.id, kind: n.kind, ...(positions.get(n.id) ?? { x: n.x, y: n.y }) }))
    .sort((a, b) => a.x - b.x || a.y - b.y);
  const done: typeof placed = [];
  for (const node of placed) {
    const spot = freeSpot(done, node.kind, node, 0);
    done.push({ ...node, x: spot.x });
  }
  return new Map(done.map((n) => [n.id, { x: n.x, y: n.y }]));
}
