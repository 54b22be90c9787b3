import fs from "node:fs";
import { describe, expect, it } from "vitest";
import { mapToBpmn } from "#app/models/process-bpmn.server.ts";
import { bpmnToMap, BpmnImportRefusal } from "#app/models/process-bpmn-import.server.ts";
import { LANE_HEIGHT, laneOf, nodeSize, type ProcessGraph } from "#app/models/process-map.ts";

const modelerFile = fs.readFileSync("tests/fixtures/bpmn/reklamation.bpmn", "utf8");

const refusal = async (xml: string) => {
  try {
    await bpmnToMap(xml, "x");
  } catch (error) {
    return error instanceof BpmnImportRefusal ? error.reason : String(error);
  }
  return "accepted";
};

describe("a BPMN file from bpmn-js's modeler", () => {
  it("becomes a map with its pool's name, lanes in order, steps of the right kinds, flows with labels and the note", async () => {
    const { title, graph, report } = await bpmnToMap(modelerFile, "reklamation");
    expect(title).toBe("Reklamationshantering");
    expect(graph.lanes.map((l) => l.label)).toEqual(["Kundtjänst", "Kvalitet"]);
    const kinds = Object.fromEntries(graph.nodes.map((n) => [n.label, n.kind]));
    expect(kinds).toEqual({
      "Reklamation inkommer": "start",
      "Registrera reklamationen": "activity",
      "Befogad?": "decision",
      "Utred orsaken": "activity",
      "Svara kunden": "activity",
      "Ärendet avslutat": "end",
      "Inom två arbetsdagar": "note",
    });
    const label = (id: string) => graph.nodes.find((n) => n.id === id)!.label;
    expect(graph.edges.filter((e) => e.label).map((e) => [label(e.source), e.label, label(e.target)])).toEqual([
      ["Befogad?", "Ja", "Utred orsaken"],
      ["Befogad?", "Nej", "Svara kunden"],
    ]);
    expect(report).toEqual({
      kind: "bpmn",
      kept: { lanes: 2, steps: 6, flows: 7, notes: 1 },
      lost: {},
      layout: "kept",
    });
  });

  it("keeps each step in its lane and the order along it, with no two steps overlapping", async () => {
    const { graph } = await bpmnToMap(modelerFile, "reklamation");
    const lane = (label: string) =>
      laneOf(
        graph,
        graph.nodes.find((n) => n.label === label)!,
      )?.label;
    expect(lane("Utred orsaken")).toBe("Kvalitet");
    expect(lane("Svara kunden")).toBe("Kundtjänst");
    const x = (label: string) => graph.nodes.find((n) => n.label === label)!.x;
    expect(x("Reklamation inkommer")).toBeLessThan(x("Registrera reklamationen"));
    expect(x("Befogad?")).toBeLessThan(x("Svara kunden"));
    const boxes = graph.nodes.map((n) => ({ ...n, ...nodeSize[n.kind] }));
    for (const a of boxes)
      for (const b of boxes)
        if (a !== b) {
          const apart = a.x + a.width <= b.x || b.x + b.width <= a.x || a.y + a.height <= b.y || b.y + b.height <= a.y;
          expect(apart, `${a.label} overlaps ${b.label}`).toBe(true);
        }
    expect(Math.max(...graph.nodes.map((n) => n.y + nodeSize[n.kind].height))).toBeLessThanOrEqual(2 * LANE_HEIGHT);
  });
});

describe("Lots' own export, read back", () => {
  it("comes back with the same lanes, steps and labelled flows", async () => {
    const graph: ProcessGraph = {
      lanes: [
        { id: "a", label: "Sälj", order: 0 },
        { id: "b", label: "Lager", order: 1 },
      ],
      nodes: [
        { id: "s", kind: "start", label: "Order", x: 20, y: 60 },
        { id: "t", kind: "activity", label: "Registrera", x: 120, y: 50 },
        { id: "g", kind: "decision", label: "I lager?", x: 340, y: 40 },
        { id: "p", kind: "activity", label: "Plocka", x: 500, y: 230 },
        { id: "d", kind: "document", label: "Följesedel", x: 740, y: 230 },
      ],
      edges: [
        { id: "1", source: "s", target: "t", label: "" },
        { id: "2", source: "t", target: "g", label: "" },
        { id: "3", source: "g", target: "p", label: "Ja" },
        { id: "4", source: "p", target: "d", label: "" },
      ],
    };
    const back = await bpmnToMap(await mapToBpmn(graph, { id: "p1", name: "Order" }), "x");
    expect(back.title).toBe("Order");
    expect(back.graph.lanes.map((l) => l.label)).toEqual(["Sälj", "Lager"]);
    expect(back.graph.nodes.map((n) => [n.label, n.kind, laneOf(back.graph, n)?.label])).toEqual([
      ["Order", "start", "Sälj"],
      ["Registrera", "activity", "Sälj"],
      ["I lager?", "decision", "Sälj"],
      ["Plocka", "activity", "Lager"],
      ["Följesedel", "document", "Lager"],
    ]);
    expect(back.graph.edges).toHaveLength(4);
  });
});

describe("what Lots cannot hold, and bad files", () => {
  it("counts boundary events, other pools and parallel gateways, and arranges a file with no drawing", async () => {
    const xml = `<?xml version="1.0" encoding="UTF-8"?>
<definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL" id="d" targetNamespace="x">
  <collaboration id="c">
    <participant id="p1" name="Inköp" processRef="main" />
    <participant id="p2" name="Leverantör" processRef="other" />
    <messageFlow id="m" sourceRef="t1" targetRef="o1" />
  </collaboration>
  <process id="main">
    <startEvent id="s" /><task id="t1" name="Beställ" /><parallelGateway id="g" />
    <boundaryEvent id="b" attachedToRef="t1" /><endEvent id="e" />
    <sequenceFlow id="f1" sourceRef="s" targetRef="t1" /><sequenceFlow id="f2" sourceRef="t1" targetRef="g" />
    <sequenceFlow id="f3" sourceRef="g" targetRef="e" /><sequenceFlow id="f4" sourceRef="b" targetRef="e" />
  </process>
  <process id="other"><task id="o1" name="Leverera" /></process>
</definitions>`;
    const { title, graph, report } = await bpmnToMap(xml, "inkop");
    expect(title).toBe("Inköp");
    expect(report.lost).toEqual({ otherPools: 1, messageFlows: 1, boundaryEvents: 1, otherGateways: 1 });
    expect(report.layout).toBe("arranged");
    expect(graph.edges).toHaveLength(3);
  });

  it("refuses a file that is not BPMN, one that declares entities, and one with no process", async () => {
    expect(await refusal("<html><body>Hej</body></html>")).toBe("notBpmn");
    expect(await refusal("inte xml alls")).toBe("notBpmn");
    expect(await refusal('<?xml version="1.0"?><!DOCTYPE d [<!ENTITY x SYSTEM "file:///etc/passwd">]><d>&x;</d>')).toBe(
      "notBpmn",
    );
    expect(
      await refusal('<definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL" id="d" targetNamespace="x"/>'),
    ).toBe("empty");
  });
});
