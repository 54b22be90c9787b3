import { BpmnModdle } from "bpmn-moddle";
import { beforeEach, describe, expect, it } from "vitest";
import * as Y from "yjs";
import { createDocument } from "#app/models/documents.server.ts";
import { freezeDocument } from "#app/models/document-content.server.ts";
import { compact } from "#app/models/collab-store.server.ts";
import { linkItems } from "#app/models/links.server.ts";
import { mapToBpmn, route } from "#app/models/process-bpmn.server.ts";
import { activityRef, MAP_KEYS, readGraph, type ProcessGraph } from "#app/models/process-map.ts";
import { subprocessAllowed, wouldCycle } from "#app/models/process-tree.ts";
import { createProcess, getProcess, updateProcess, type ProcessInput } from "#app/models/processes.server.ts";
import type { User } from "#app/models/users.server.ts";
import type { DbConnection } from "#db/client.ts";
import { createTestDb, makeUser } from "#tests/fixtures/db.ts";

/** A small order-to-delivery map: two lanes, a decision, and a note. */
function orderMap(doc = new Y.Doc()): Y.Doc {
  doc.transact(() => {
    const lanes = doc.getMap(MAP_KEYS.lanes);
    lanes.set("sales", { label: "Sälj", order: 0 });
    lanes.set("stock", { label: "Lager", order: 1 });
    const nodes = doc.getMap(MAP_KEYS.nodes);
    nodes.set("s", { kind: "start", label: "Order kommer in", x: 40, y: 60 });
    nodes.set("a", { kind: "activity", label: "Registrera order", x: 160, y: 50 });
    nodes.set("d", { kind: "decision", label: "I lager?", x: 400, y: 40 });
    nodes.set("p", { kind: "activity", label: "Plocka och packa", x: 560, y: 240 });
    nodes.set("e", { kind: "end", label: "Levererad", x: 800, y: 250 });
    nodes.set("n", { kind: "note", label: "Se rutin för plock", x: 560, y: 380 });
    const edges = doc.getMap(MAP_KEYS.edges);
    edges.set("e1", { source: "s", target: "a", label: "" });
    edges.set("e2", { source: "a", target: "d", label: "" });
    edges.set("e3", { source: "d", target: "p", label: "Ja" });
    edges.set("e4", { source: "p", target: "e", label: "" });
  });
  return doc;
}

describe("a process map's graph", () => {
  it("is read whole: malformed nodes and edges to missing steps are left out", () => {
    const doc = orderMap();
    doc.getMap(MAP_KEYS.nodes).set("bad", { kind: "script", label: "<x>", x: 0, y: 0 });
    doc.getMap(MAP_KEYS.nodes).set("nan", { kind: "activity", label: "x", x: "a", y: 0 });
    doc.getMap(MAP_KEYS.edges).set("dangling", { source: "a", target: "gone", label: "" });
    doc.getMap(MAP_KEYS.edges).set("loop", { source: "a", target: "a", label: "" });
    const graph = readGraph(doc);
    expect(graph.nodes.map((n) => n.id).sort()).toEqual(["a", "d", "e", "n", "p", "s"]);
    expect(graph.edges.map((e) => e.id)).toEqual(["e1", "e2", "e3", "e4"]);
    expect(graph.lanes.map((l) => l.label)).toEqual(["Sälj", "Lager"]);
  });

  it("exports as BPMN 2.0 that a BPMN library reads back: lanes, tasks, gateway, events and flows", async () => {
    const xml = await mapToBpmn(readGraph(orderMap()), { id: "p1", name: "Order till leverans" });
    const { rootElement, warnings } = await new BpmnModdle().fromXML(xml);
    expect(warnings).toEqual([]);
    const roots = rootElement.get("rootElements") as unknown as { $type: string; [k: string]: unknown }[];
    const process = roots.find((r) => r.$type === "bpmn:Process")!;
    // The process is a pool of a collaboration, so tools draw its lanes.
    const collaboration = roots.find((r) => r.$type === "bpmn:Collaboration")!;
    expect((collaboration.participants as { processRef: unknown }[])[0]!.processRef).toBe(process);
    const flow = process.flowElements as { $type: string; name?: string }[];
    const count = (type: string) => flow.filter((e) => e.$type === type).length;
    expect(count("bpmn:StartEvent")).toBe(1);
    expect(count("bpmn:EndEvent")).toBe(1);
    expect(count("bpmn:Task")).toBe(2);
    expect(count("bpmn:ExclusiveGateway")).toBe(1);
    expect(count("bpmn:SequenceFlow")).toBe(4);
    expect(flow.find((e) => e.$type === "bpmn:SequenceFlow" && e.name === "Ja")).toBeTruthy();
    const lanes = (process.laneSets as { lanes: { name: string; flowNodeRef: { name: string }[] }[] }[])[0]!.lanes;
    expect(lanes.map((l) => [l.name, l.flowNodeRef.map((n) => n.name).sort()])).toEqual([
      ["Sälj", ["I lager?", "Order kommer in", "Registrera order"]],
      ["Lager", ["Levererad", "Plocka och packa"]],
    ]);
    expect((process.artifacts as { text: string }[])[0]!.text).toBe("Se rutin för plock");
  });

  it("routes every flow from border to border at right angles", () => {
    const task = { x: 0, y: 0, width: 170, height: 64 };
    expect(route(task, { x: 300, y: 0, width: 170, height: 64 })).toEqual([
      { x: 170, y: 32 },
      { x: 300, y: 32 },
    ]);
    // Into another lane: down out of the source, then across into the target's side.
    expect(route(task, { x: 300, y: 200, width: 48, height: 48 })).toEqual([
      { x: 85, y: 64 },
      { x: 85, y: 224 },
      { x: 300, y: 224 },
    ]);
    // Beside but overlapping in height: out of the side, a step, into the side.
    expect(route(task, { x: 300, y: 40, width: 170, height: 64 })).toEqual([
      { x: 170, y: 32 },
      { x: 235, y: 32 },
      { x: 235, y: 72 },
      { x: 300, y: 72 },
    ]);
    // Stacked shapes: out of the bottom, in at the top.
    expect(route(task, { x: 40, y: 200, width: 96, height: 96 })).toEqual([
      { x: 85, y: 64 },
      { x: 85, y: 132 },
      { x: 88, y: 132 },
      { x: 88, y: 200 },
    ]);
  });

  it("refuses to export a map with no steps", async () => {
    const empty: ProcessGraph = { nodes: [], edges: [], lanes: [] };
    await expect(mapToBpmn(empty, { id: "p", name: "Tom" })).rejects.toThrow("process.emptyMap");
  });
});

describe("the process tree", () => {
  const parents = new Map<string, string | null>([
    ["top", null],
    ["mid", "top"],
    ["leaf", "mid"],
  ]);
  it("never lets a process contain itself, directly or further down", () => {
    expect(wouldCycle(parents, "top", "leaf")).toBe(true);
    expect(wouldCycle(parents, "mid", "mid")).toBe(true);
    expect(wouldCycle(parents, "leaf", "top")).toBe(false);
    expect(subprocessAllowed(parents, "leaf", "top")).toBe(false);
    expect(subprocessAllowed(parents, "top", "leaf")).toBe(true);
    expect(subprocessAllowed(parents, "mid", "mid")).toBe(false);
  });
});

describe("processes", () => {
  let db: DbConnection;
  let owner: User;
  const input = (overrides: Partial<ProcessInput> = {}): ProcessInput => ({
    title: "Order till leverans",
    kind: "core",
    parentId: null,
    ownerId: owner.id,
    mandate: "Prioriterar order inom sin budget",
    purpose: "Kunden får rätt vara i tid",
    inputs: "Order",
    outputs: "Levererad vara",
    customers: "Kunder",
    interfaces: "Inköp, transportör",
    ...overrides,
  });
  beforeEach(async () => {
    db = createTestDb();
    owner = await makeUser(db, { role: "process_owner" });
  });

  it("form a tree that refuses a cycle, and each has its map under document control", async () => {
    const top = createProcess(db, owner, input());
    const sub = createProcess(db, owner, input({ title: "Plock", parentId: top }));
    expect(() => updateProcess(db, owner, top, input({ parentId: sub }))).toThrow("process.cycle");
    const staff = await makeUser(db, { role: "staff" });
    expect(() => createProcess(db, staff, input())).toThrow("process.notAllowed");

    // Freezing the map keeps the graph as JSON and draws it, each linked step opening its routine.
    const mapId = getProcess(db, top)!.mapDocumentId;
    compact(db, mapId, orderMap());
    const routine = createDocument(db, owner, {
      title: "Rutin för orderregistrering",
      type: "routine",
      ownerId: owner.id,
      unitId: null,
      areas: [],
      tags: [],
    });
    linkItems(db, owner, { kind: "activity", id: activityRef(mapId, "a") }, { kind: "document", id: routine });
    const frozen = freezeDocument(db, mapId);
    expect((frozen.json as ProcessGraph).nodes).toHaveLength(6);
    expect(frozen.html).toContain("<svg");
    expect(frozen.html).toContain(`<a href="/gallande/${routine}" aria-label="Registrera order">`);
    expect(frozen.text).toContain("Plocka och packa");

    // A subprocess step opens a process below, never one above: that would be a loop.
    const doc = orderMap();
    doc.getMap(MAP_KEYS.nodes).set("down", { kind: "subprocess", label: "Plock", x: 0, y: 400, processId: sub });
    doc.getMap(MAP_KEYS.nodes).set("up", { kind: "subprocess", label: "Huvud", x: 200, y: 400, processId: top });
    compact(db, getProcess(db, sub)!.mapDocumentId, doc);
    compact(db, mapId, doc);
    expect(freezeDocument(db, mapId).html).toContain(`href="/processer/${sub}" aria-label="Plock"`);
    const below = freezeDocument(db, getProcess(db, sub)!.mapDocumentId).html;
    expect(below).not.toContain(`href="/processer/${top}"`);
  });
});
