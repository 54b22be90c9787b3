import { BpmnModdle } from "bpmn-moddle";
import { laneOf, nodeSize, type MapNode, type ProcessGraph } from "./process-map.ts";

/**
 * BPMN 2.0 XML of a process map, with its diagram (shapes, edges, lanes), so that it opens in
 * other process tools. Written through bpmn-moddle, which knows the meta-model.
 */

const typeOf: Record<MapNode["kind"], string | null> = {
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

export class EmptyMapError extends Error {}

export async function mapToBpmn(graph: ProcessGraph, process: { id: string; name: string }): Promise<string> {
  if (graph.nodes.length === 0) throw new EmptyMapError("process.emptyMap");
  const moddle = new BpmnModdle();
  const elements = new Map<string, ReturnType<typeof moddle.create>>();
  const flowElements: ReturnType<typeof moddle.create>[] = [];
  const artifacts: ReturnType<typeof moddle.create>[] = [];
  for (const node of graph.nodes) {
    const type = typeOf[node.kind]!;
    const element =
      node.kind === "note"
        ? moddle.create(type, { id: xmlId("Note", node.id), text: node.label })
        : moddle.create(type, { id: xmlId("Node", node.id), name: node.label });
    elements.set(node.id, element);
    (node.kind === "note" ? artifacts : flowElements).push(element);
  }
  const flows = graph.edges
    .filter((e) => {
      const kinds = [e.source, e.target].map((id) => graph.nodes.find((n) => n.id === id)!.kind);
      // Notes and documents are not steps of the flow; they are left out of sequence flows.
      return kinds.every((k) => k !== "note" && k !== "document");
    })
    .map((edge) => {
      const source = elements.get(edge.source)!;
      const target = elements.get(edge.target)!;
      const flow = moddle.create("bpmn:SequenceFlow", {
        id: xmlId("Flow", edge.id),
        name: edge.label || undefined,
        sourceRef: source,
        targetRef: target,
      });
      source.get("outgoing").push(flow);
      target.get("incoming").push(flow);
      return { edge, flow };
    });
  flowElements.push(...flows.map((f) => f.flow));

  const lanes = graph.lanes.map((lane) =>
    moddle.create("bpmn:Lane", {
      id: xmlId("Lane", lane.id),
      name: lane.label,
      flowNodeRef: graph.nodes
        .filter((n) => n.kind !== "note" && laneOf(graph, n)?.id === lane.id)
        .map((n) => elements.get(n.id)!),
    }),
  );
  const bpmnProcess = moddle.create("bpmn:Process", {
    id: xmlId("Process", process.id),
    name: process.name,
    isExecutable: false,
    flowElements,
    artifacts,
    laneSets: lanes.length ? [moddle.create("bpmn:LaneSet", { id: xmlId("LaneSet", process.id), lanes })] : [],
  });

  const bounds = (node: MapNode) => moddle.create("dc:Bounds", { x: node.x, y: node.y, ...nodeSize[node.kind] });
  const shapes = graph.nodes.map((node) =>
    moddle.create("bpmndi:BPMNShape", {
      id: xmlId("Shape", node.id),
      bpmnElement: elements.get(node.id),
      bounds: bounds(node),
    }),
  );
  const centre = (node: MapNode) => ({
    x: node.x + nodeSize[node.kind].width / 2,
    y: node.y + nodeSize[node.kind].height / 2,
  });
  const edgeShapes = flows.map(({ edge, flow }) =>
    moddle.create("bpmndi:BPMNEdge", {
      id: xmlId("Edge", edge.id),
      bpmnElement: flow,
      waypoint: [edge.source, edge.target].map((id) =>
        moddle.create("dc:Point", centre(graph.nodes.find((n) => n.id === id)!)),
      ),
    }),
  );
  const plane = moddle.create("bpmndi:BPMNPlane", {
    id: xmlId("Plane", process.id),
    bpmnElement: bpmnProcess,
    planeElement: [...shapes, ...edgeShapes],
  });
  const definitions = moddle.create("bpmn:Definitions", {
    id: xmlId("Definitions", process.id),
    targetNamespace: "https://lots.se/bpmn",
    exporter: "Lots",
    rootElements: [bpmnProcess],
    diagrams: [moddle.create("bpmndi:BPMNDiagram", { id: xmlId("Diagram", process.id), plane })],
  });
  const { xml } = await moddle.toXML(definitions, { format: true });
  return xml;
}
