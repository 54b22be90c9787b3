import { BpmnModdle } from "bpmn-moddle";
import {
  LANE_HEIGHT,
  LANE_LABEL_WIDTH,
  nodeSize,
  type MapEdge,
  type MapNode,
  type ProcessGraph,
} from "./process-map.ts";

/**
 * BPMN 2.0 XML of a process map, with its diagram, so that other process tools draw it as
 * Lots does: the process as a pool (a collaboration's participant) with its lanes as shapes,
 * and every flow leaving and entering its shapes at their borders, at right angles. Written
 * through bpmn-moddle, which knows the meta-model.
 */

const typeOf: Record<MapNode["kind"], string> = {
  start: "bpmn:StartEvent",
  end: "bpmn:EndEvent",
  activity: "bpmn:Task",
  decision: "bpmn:ExclusiveGateway",
  document: "bpmn:DataObjectReference",
  subprocess: "bpmn:CallActivity",
  note: "bpmn:TextAnnotation",
};

/** BPMN ids are XML names: they may not start with a digit. */
const xmlId = (prefix: string, id: string) => `${prefix}_${id.replace(/[^\w-]/g, "_")}`;

/** The band a pool's name is written in, left of its lanes. */
const POOL_LABEL_WIDTH = 30;

export class EmptyMapError extends Error {}

type Point = { x: number; y: number };
type Box = { x: number; y: number; width: number; height: number };

const boxOf = (node: MapNode): Box => ({ x: node.x, y: node.y, ...nodeSize[node.kind] });

/**
 * A right-angled route from one shape's border to another's: out of the side that faces the
 * target, and in at the side that faces the source. Sides' midpoints lie on the border of
 * boxes, circles and diamonds alike.
 */
export function route(from: Box, to: Box): Point[] {
  const centre = (b: Box) => ({ x: b.x + b.width / 2, y: b.y + b.height / 2 });
  const a = centre(from);
  const b = centre(to);
  const beside = to.x >= from.x + from.width || to.x + to.width <= from.x;
  const below = to.y >= from.y + from.height;
  const above = to.y + to.height <= from.y;
  if (beside && (below || above)) {
    // Diagonally apart, as into another lane: down (or up) out of the source, then across.
    const start = { x: a.x, y: below ? from.y + from.height : from.y };
    const end = { x: b.x > a.x ? to.x : to.x + to.width, y: b.y };
    return [start, { x: start.x, y: end.y }, end];
  }
  if (beside) {
    const rightwards = to.x >= from.x + from.width;
    const start = { x: rightwards ? from.x + from.width : from.x, y: a.y };
    const end = { x: rightwards ? to.x : to.x + to.width, y: b.y };
    if (start.y === end.y) return [start, end];
    const middle = Math.round((start.x + end.x) / 2);
    return [start, { x: middle, y: start.y }, { x: middle, y: end.y }, end];
  }
  const downwards = b.y >= a.y;
  const start = { x: a.x, y: downwards ? from.y + from.height : from.y };
  const end = { x: b.x, y: downwards ? to.y : to.y + to.height };
  if (start.x === end.x) return [start, end];
  const middle = Math.round((start.y + end.y) / 2);
  return [start, { x: start.x, y: middle }, { x: end.x, y: middle }, end];
}

/** The pool around every shape and lane, and each lane as a band across it. */
function poolGeometry(graph: ProcessGraph): { pool: Box; lanes: Box[] } {
  const boxes = graph.nodes.map(boxOf);
  const left = Math.min(0, ...boxes.map((b) => b.x)) - LANE_LABEL_WIDTH - 20;
  const right = Math.max(...boxes.map((b) => b.x + b.width)) + 40;
  const top = Math.min(0, ...boxes.map((b) => b.y - 20));
  const bottom = Math.max(graph.lanes.length * LANE_HEIGHT, ...boxes.map((b) => b.y + b.height + 40));
  const pool = { x: left, y: top, width: right - left, height: bottom - top };
  // Lanes tile the pool: the first reaches its top, the last its bottom.
  const lanes = graph.lanes.map((_, i) => {
    const y = i === 0 ? top : i * LANE_HEIGHT;
    const end = i === graph.lanes.length - 1 ? bottom : (i + 1) * LANE_HEIGHT;
    return { x: left + POOL_LABEL_WIDTH, y, width: pool.width - POOL_LABEL_WIDTH, height: end - y };
  });
  return { pool, lanes };
}

/** The lane a node is drawn in (the nearest, for one placed above or below them all). */
function laneIndex(graph: ProcessGraph, node: MapNode): number {
  const centre = node.y + nodeSize[node.kind].height / 2;
  return Math.min(Math.max(Math.floor(centre / LANE_HEIGHT), 0), graph.lanes.length - 1);
}

const activities = new Set<MapNode["kind"]>(["activity", "subprocess"]);

export async function mapToBpmn(graph: ProcessGraph, process: { id: string; name: string }): Promise<string> {
  if (graph.nodes.length === 0) throw new EmptyMapError("process.emptyMap");
  const moddle = new BpmnModdle();
  type Element = ReturnType<typeof moddle.create>;
  const elements = new Map<string, Element>();
  const flowElements: Element[] = [];
  const artifacts: Element[] = [];
  for (const node of graph.nodes) {
    if (node.kind === "note") {
      const note = moddle.create(typeOf.note, { id: xmlId("Note", node.id), text: node.label });
      elements.set(node.id, note);
      artifacts.push(note);
      continue;
    }
    if (node.kind === "document") {
      const object = moddle.create("bpmn:DataObject", { id: xmlId("DataObject", node.id) });
      const reference = moddle.create(typeOf.document, {
        id: xmlId("Node", node.id),
        name: node.label,
        dataObjectRef: object,
      });
      elements.set(node.id, reference);
      flowElements.push(object, reference);
      continue;
    }
    const element = moddle.create(typeOf[node.kind], { id: xmlId("Node", node.id), name: node.label });
    elements.set(node.id, element);
    flowElements.push(element);
  }

  const nodeOf = (id: string) => graph.nodes.find((n) => n.id === id)!;
  // Each line of the map becomes what BPMN has for it: a sequence flow between steps, an
  // association to a note, a data association between an activity and a document.
  const connections: { edge: MapEdge; element: Element }[] = [];
  for (const edge of graph.edges) {
    const [from, to] = [nodeOf(edge.source), nodeOf(edge.target)];
    const source = elements.get(from.id)!;
    const target = elements.get(to.id)!;
    const id = xmlId("Flow", edge.id);
    if (from.kind === "note" || to.kind === "note") {
      const association = moddle.create("bpmn:Association", { id, sourceRef: source, targetRef: target });
      artifacts.push(association);
      connections.push({ edge, element: association });
    } else if (to.kind === "document" && activities.has(from.kind)) {
      const association = moddle.create("bpmn:DataOutputAssociation", { id, targetRef: target });
      source.get("dataOutputAssociations").push(association);
      connections.push({ edge, element: association });
    } else if (from.kind === "document" && activities.has(to.kind)) {
      const association = moddle.create("bpmn:DataInputAssociation", { id, sourceRef: [source] });
      target.get("dataInputAssociations").push(association);
      connections.push({ edge, element: association });
    } else if (from.kind !== "document" && to.kind !== "document") {
      const flow = moddle.create("bpmn:SequenceFlow", {
        id,
        name: edge.label || undefined,
        sourceRef: source,
        targetRef: target,
      });
      source.get("outgoing").push(flow);
      target.get("incoming").push(flow);
      flowElements.push(flow);
      connections.push({ edge, element: flow });
    }
  }

  const laneElements = graph.lanes.map((lane, i) =>
    moddle.create("bpmn:Lane", {
      id: xmlId("Lane", lane.id),
      name: lane.label,
      flowNodeRef: graph.nodes
        .filter((n) => n.kind !== "note" && n.kind !== "document" && laneIndex(graph, n) === i)
        .map((n) => elements.get(n.id)!),
    }),
  );
  const bpmnProcess = moddle.create("bpmn:Process", {
    id: xmlId("Process", process.id),
    name: process.name,
    isExecutable: false,
    flowElements,
    artifacts,
    laneSets: laneElements.length
      ? [moddle.create("bpmn:LaneSet", { id: xmlId("LaneSet", process.id), lanes: laneElements })]
      : [],
  });
  const participant = moddle.create("bpmn:Participant", {
    id: xmlId("Pool", process.id),
    name: process.name,
    processRef: bpmnProcess,
  });
  const collaboration = moddle.create("bpmn:Collaboration", {
    id: xmlId("Collaboration", process.id),
    participants: [participant],
  });

  const bounds = (box: Box) => moddle.create("dc:Bounds", box);
  const geometry = poolGeometry(graph);
  const poolShapes = [
    moddle.create("bpmndi:BPMNShape", {
      id: xmlId("Shape", `pool_${process.id}`),
      bpmnElement: participant,
      isHorizontal: true,
      bounds: bounds(geometry.pool),
    }),
    ...laneElements.map((lane, i) =>
      moddle.create("bpmndi:BPMNShape", {
        id: xmlId("Shape", `lane_${graph.lanes[i]!.id}`),
        bpmnElement: lane,
        isHorizontal: true,
        bounds: bounds(geometry.lanes[i]!),
      }),
    ),
  ];
  const shapes = graph.nodes.map((node) =>
    moddle.create("bpmndi:BPMNShape", {
      id: xmlId("Shape", node.id),
      bpmnElement: elements.get(node.id),
      bounds: bounds(boxOf(node)),
    }),
  );
  const edges = connections.map(({ edge, element }) =>
    moddle.create("bpmndi:BPMNEdge", {
      id: xmlId("Edge", edge.id),
      bpmnElement: element,
      waypoint: route(boxOf(nodeOf(edge.source)), boxOf(nodeOf(edge.target))).map((p) => moddle.create("dc:Point", p)),
    }),
  );
  const plane = moddle.create("bpmndi:BPMNPlane", {
    id: xmlId("Plane", process.id),
    bpmnElement: collaboration,
    planeElement: [...poolShapes, ...shapes, ...edges],
  });
  const definitions = moddle.create("bpmn:Definitions", {
    id: xmlId("Definitions", process.id),
    targetNamespace: "https://lots.se/bpmn",
    exporter: "Lots",
    rootElements: [collaboration, bpmnProcess],
    diagrams: [moddle.create("bpmndi:BPMNDiagram", { id: xmlId("Diagram", process.id), plane })],
  });
  const { xml } = await moddle.toXML(definitions, { format: true });
  return xml;
}
