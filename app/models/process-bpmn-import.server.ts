import { BpmnModdle } from "bpmn-moddle";
import { type BpmnLostKind, type BpmnReport } from "./bpmn-report.ts";
import { separate } from "./map-placement.ts";
import {
  LANE_HEIGHT,
  nodeSize,
  type MapEdge,
  type MapLane,
  type MapNode,
  type NodeKind,
  type ProcessGraph,
} from "./process-map.ts";

/**
 * A BPMN 2.0 file from another tool (Camunda Modeler, bpmn.io, Signavio, Visio) as a Lots
 * process map: lanes, steps, gateways, events, flows, notes and their labels, placed where the
 * other tool drew them. Lots' lanes are equal bands, so each step keeps its lane and its place
 * along the lane, and its height within the lane in proportion. What Lots cannot hold is
 * counted in the report.
 */

export const MAX_BPMN_BYTES = 5 * 1024 * 1024;
const MAX_NODES = 500;

export class BpmnImportRefusal extends Error {
  constructor(public readonly reason: "notBpmn" | "tooLarge" | "empty" | "tooManySteps") {
    super(`bpmn import refused: ${reason}`);
  }
}

type El = { $type: string; id: string; name?: string; text?: string; [key: string]: unknown };
type Bounds = { x: number; y: number; width: number; height: number };

const kindOf = (type: string): NodeKind | "intermediate" | null => {
  if (type === "bpmn:StartEvent") return "start";
  if (type === "bpmn:EndEvent") return "end";
  if (/^bpmn:(\w+)?Task$/.test(type)) return "activity";
  if (/Gateway$/.test(type)) return "decision";
  if (type === "bpmn:SubProcess" || type === "bpmn:CallActivity" || type === "bpmn:Transaction") return "subprocess";
  if (type === "bpmn:DataObjectReference" || type === "bpmn:DataStoreReference") return "document";
  if (type === "bpmn:TextAnnotation") return "note";
  if (type === "bpmn:IntermediateCatchEvent" || type === "bpmn:IntermediateThrowEvent") return "intermediate";
  return null;
};

const list = <T = El>(value: unknown): T[] => (Array.isArray(value) ? (value as T[]) : []);

export async function bpmnToMap(
  xml: string,
  fallbackTitle: string,
): Promise<{ title: string; graph: ProcessGraph; report: BpmnReport }> {
  if (Buffer.byteLength(xml) > MAX_BPMN_BYTES) throw new BpmnImportRefusal("tooLarge");
  // An XML file that declares a document type could ask for entities; BPMN never needs one.
  if (/<!DOCTYPE/i.test(xml)) throw new BpmnImportRefusal("notBpmn");
  let definitions: El;
  try {
    definitions = (await new BpmnModdle().fromXML(xml)).rootElement as unknown as El;
  } catch {
    throw new BpmnImportRefusal("notBpmn");
  }
  if (definitions.$type !== "bpmn:Definitions") throw new BpmnImportRefusal("notBpmn");
  const roots = list(definitions.rootElements);
  const processes = roots.filter((r) => r.$type === "bpmn:Process");
  const collaboration = roots.find((r) => r.$type === "bpmn:Collaboration");
  const participants = list(collaboration?.participants);
  const size = (p: El) => list(p.flowElements).length + list(p.artifacts).length;
  const process = [...processes].sort((a, b) => size(b) - size(a))[0];
  if (!process || size(process) === 0) throw new BpmnImportRefusal("empty");
  const participant = participants.find((p) => p.processRef === process);
  const lost: Partial<Record<BpmnLostKind, number>> = {};
  const count = (kind: BpmnLostKind, n = 1) => {
    if (n > 0) lost[kind] = (lost[kind] ?? 0) + n;
  };
  count("otherPools", processes.filter((p) => p !== process && size(p) > 0).length);
  count("messageFlows", list(collaboration?.messageFlows).length);

  // Where the other tool drew each element.
  const shapes = new Map<string, Bounds>();
  for (const diagram of list(definitions.diagrams)) {
    const plane = diagram.plane as El | undefined;
    for (const element of list(plane?.planeElement)) {
      const target = element.bpmnElement as El | undefined;
      if (target && element.bounds) shapes.set(target.id, element.bounds as Bounds);
    }
  }

  const laneSet = list(process.laneSets)[0];
  const bpmnLanes = list(laneSet?.lanes);
  count("nestedLanes", bpmnLanes.filter((l) => list((l.childLaneSet as El | undefined)?.lanes).length > 0).length);
  const orderedLanes = [...bpmnLanes].sort((a, b) => (shapes.get(a.id)?.y ?? 0) - (shapes.get(b.id)?.y ?? 0));
  const lanes: MapLane[] = orderedLanes.map((lane, order) => ({
    id: `lane${order + 1}`,
    label: (lane.name ?? "").slice(0, 100),
    order,
  }));
  const laneOfElement = new Map<string, number>();
  orderedLanes.forEach((lane, i) => {
    for (const ref of list(lane.flowNodeRef)) laneOfElement.set(ref.id, i);
  });

  const nodes: MapNode[] = [];
  const idOf = new Map<string, string>();
  // Notes drawn on a pool are the collaboration's artifacts (bpmn-js puts them there).
  const elements = [...list(process.flowElements), ...list(process.artifacts), ...list(collaboration?.artifacts)];
  for (const element of elements) {
    const kind = kindOf(element.$type);
    if (element.$type === "bpmn:BoundaryEvent") count("boundaryEvents");
    if (element.$type === "bpmn:Group") count("groups");
    if (kind === null) continue;
    if (kind === "intermediate") count("intermediateEvents");
    if (element.$type === "bpmn:SubProcess") count("subProcessContents", list(element.flowElements).length);
    if (/Gateway$/.test(element.$type) && element.$type !== "bpmn:ExclusiveGateway") count("otherGateways");
    const mapped: NodeKind = kind === "intermediate" ? "activity" : kind;
    const id = `n${nodes.length + 1}`;
    idOf.set(element.id, id);
    const label = (kind === "note" ? String(element.text ?? "") : (element.name ?? "")).replace(/\s+/g, " ").trim();
    nodes.push({ id, kind: mapped, label: label.slice(0, 200), x: 0, y: 0, processId: null });
  }
  if (nodes.length > MAX_NODES) throw new BpmnImportRefusal("tooManySteps");

  const edges: MapEdge[] = [];
  const connect = (source: El | undefined, target: El | undefined, label = "") => {
    const from = source && idOf.get(source.id);
    const to = target && idOf.get(target.id);
    if (from && to && from !== to)
      edges.push({ id: `f${edges.length + 1}`, source: from, target: to, label: label.slice(0, 100) });
  };
  for (const element of elements) {
    if (element.$type === "bpmn:SequenceFlow" || element.$type === "bpmn:Association") {
      connect(element.sourceRef as El, element.targetRef as El, element.name ?? "");
    }
    for (const output of list(element.dataOutputAssociations)) connect(element, output.targetRef as El);
    for (const input of list(element.dataInputAssociations)) connect(list(input.sourceRef)[0], element);
  }

  const layout = place(
    nodes,
    elements,
    idOf,
    shapes,
    laneOfElement,
    orderedLanes.map((l) => shapes.get(l.id)),
  );
  // Lanes of equal height can bring steps closer than the other tool drew them: move apart.
  const apart = separate(nodes, new Map());
  for (const node of nodes) node.x = apart.get(node.id)!.x;
  const title = (participant?.name ?? process.name ?? "").trim() || fallbackTitle;
  const steps = nodes.filter((n) => n.kind !== "note").length;
  return {
    title: title.slice(0, 200),
    graph: { nodes, edges, lanes },
    report: {
      kind: "bpmn",
      kept: { lanes: lanes.length, steps, flows: edges.length, notes: nodes.length - steps },
      lost,
      layout,
    },
  };
}

/**
 * Positions in Lots' coordinates. A step keeps its place along its lane and its height within
 * the lane in proportion; the leftmost step starts a little right of the lane labels.
 */
function place(
  nodes: MapNode[],
  elements: El[],
  idOf: Map<string, string>,
  shapes: Map<string, Bounds>,
  laneOfElement: Map<string, number>,
  laneBounds: (Bounds | undefined)[],
): "kept" | "arranged" {
  const byId = new Map(nodes.map((n) => [n.id, n]));
  const drawn = elements.filter((e) => idOf.has(e.id));
  if (!drawn.every((e) => shapes.has(e.id))) {
    // No diagram: steps in the file's order, in their lanes.
    drawn.forEach((element, i) => {
      const node = byId.get(idOf.get(element.id)!)!;
      const lane = laneOfElement.get(element.id) ?? 0;
      node.x = 40 + i * 220;
      node.y = lane * LANE_HEIGHT + (LANE_HEIGHT - nodeSize[node.kind].height) / 2;
    });
    return "arranged";
  }
  const centres = drawn.map((element) => {
    const b = shapes.get(element.id)!;
    return { element, x: b.x + b.width / 2, y: b.y + b.height / 2 };
  });
  const left = Math.min(...centres.map((c) => c.x));
  for (const { element, x, y } of centres) {
    const node = byId.get(idOf.get(element.id)!)!;
    const size = nodeSize[node.kind];
    const laneIndex = laneOfElement.get(element.id) ?? nearestLane(laneBounds, y);
    const lane = laneIndex === undefined ? undefined : laneBounds[laneIndex];
    let centreY = y;
    if (lane && laneIndex !== undefined) {
      const share = Math.min(Math.max((y - lane.y) / lane.height, 0), 1);
      const margin = size.height / 2 + 8;
      centreY = laneIndex * LANE_HEIGHT + Math.min(Math.max(share * LANE_HEIGHT, margin), LANE_HEIGHT - margin);
    }
    node.x = Math.round(40 + (x - left) - size.width / 2 + nodeSize.activity.width / 2);
    node.y = Math.round(centreY - size.height / 2);
  }
  return "kept";
}

function nearestLane(lanes: (Bounds | undefined)[], y: number): number | undefined {
  let best: number | undefined;
  let distance = Infinity;
  lanes.forEach((lane, i) => {
    if (!lane) return;
    const d = y < lane.y ? lane.y - y : y > lane.y + lane.height ? y - lane.y - lane.height : 0;
    if (d < distance) [best, distance] = [i, d];
  });
  return best;
}
