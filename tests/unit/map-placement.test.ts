import { describe, expect, it } from "vitest";
import { freeSpot, separate, tooClose } from "#app/models/map-placement.ts";
import { LANE_HEIGHT, type MapNode } from "#app/models/process-map.ts";

const step = (id: string, x: number, y: number): MapNode => ({ id, kind: "activity", label: id, x, y });
const noTwoTooClose = (nodes: MapNode[]) => {
  for (let i = 0; i < nodes.length; i++)
    for (let j = i + 1; j < nodes.length; j++) expect(tooClose(nodes[i]!, nodes[j]!), `${i} and ${j}`).toBe(false);
};

describe("placing steps on a process map", () => {
  it("puts five new steps in one lane side by side, none over another, all in that lane", () => {
    const nodes: MapNode[] = [step("a", 100, 58)];
    for (let i = 0; i < 5; i++) {
      // Each asks for the same place, where the view is.
      const at = freeSpot(nodes, "activity", { x: 100, y: LANE_HEIGHT + 60 }, 3);
      nodes.push(step(`n${i}`, at.x, at.y));
    }
    noTwoTooClose(nodes);
    for (const n of nodes.slice(1)) expect(Math.floor((n.y + 32) / LANE_HEIGHT)).toBe(1);
  });

  it("keeps a new step in its lane even when a step of another lane is beside it", () => {
    const nodes = [step("a", 100, 58)];
    expect(freeSpot(nodes, "activity", { x: 100, y: LANE_HEIGHT + 10 }, 2)).toEqual({ x: 100, y: LANE_HEIGHT + 58 });
  });

  it("moves steps of a column apart after automatic layout, leaving no overlaps", () => {
    const nodes = [step("a", 0, 58), step("b", 0, 58), step("c", 10, 58), step("d", 400, 58)];
    const laid = separate(nodes, new Map(nodes.map((n) => [n.id, { x: n.x, y: n.y }])));
    noTwoTooClose(nodes.map((n) => ({ ...n, ...laid.get(n.id)! })));
    expect(laid.get("a")).toEqual({ x: 0, y: 58 });
  });
});
