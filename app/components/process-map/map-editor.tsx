import "@xyflow/react/dist/style.css";
import {
  Background,
  ConnectionMode,
  Controls,
  Handle,
  MarkerType,
  Position,
  ReactFlow,
  ReactFlowProvider,
  ViewportPortal,
  applyNodeChanges,
  useReactFlow,
  useViewport,
  type Connection,
  type Edge,
  type Node,
  type NodeChange,
  type NodeProps,
} from "@xyflow/react";
import { useCallback, useEffect, useMemo, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import type * as Y from "yjs";
import { freeSpot, STEP_GAP } from "#app/models/map-placement.ts";
import {
  LANE_HEIGHT,
  nodeKinds,
  nodeSize,
  readGraph,
  type NodeKind,
  type ProcessGraph,
} from "#app/models/process-map.ts";
import { ItemStatus } from "../item-status.tsx";
import { StatusBar } from "../editor/status-bar.tsx";
import { useEditSession, useProviderState } from "../editor/provider-state.ts";
import { type EditSession, type SaveState } from "../editor/session.ts";
import {
  addLane,
  addNode,
  connect,
  mapParts,
  moveNode,
  placeNodes,
  removeEdges,
  removeLane,
  removeNodes,
  renameLane,
  undoManager,
  updateEdge,
  updateNode,
} from "./map-doc.ts";
import { StepPanel, type StepLink } from "./step-panel.tsx";
import { presenceOf } from "#app/models/presence.ts";

type Person = { id: string; name: string };

/** Room left of the steps for the lanes' names. */
const LANE_GUTTER = 160;
export type MapEditorProps = {
  documentId: string;
  canEdit: boolean;
  me: Person;
  /** Processes a subprocess step may open (never this one or any above it). */
  subprocesses: { id: string; title: string }[];
  /** What each step is linked to (routines, risks, KPIs), with live status, by node id. */
  stepLinks: Record<string, StepLink[]>;
  activityRefOf: (nodeId: string) => string;
};

type StepData = {
  kind: NodeKind;
  label: string;
  links: StepLink[];
  seenBy: string[];
};
type StepNode = Node<StepData, "step">;

export default function MapEditor(props: MapEditorProps) {
  const { session, save, setSave } = useEditSession(props.documentId, {
    userId: props.me.id,
    keepLocalCopy: props.canEdit,
  });
  if (!session) return null;
  return (
    <ReactFlowProvider>
      <LiveMap {...props} session={session} save={save} setSave={setSave} />
    </ReactFlowProvider>
  );
}

function useGraph(doc: Y.Doc): ProcessGraph {
  const [graph, setGraph] = useState(() => readGraph(doc));
  useEffect(() => {
    const refresh = () => setGraph(readGraph(doc));
    const { nodes, edges, lanes } = mapParts(doc);
    nodes.observe(refresh);
    edges.observe(refresh);
    lanes.observe(refresh);
    refresh();
    return () => {
      nodes.unobserve(refresh);
      edges.unobserve(refresh);
      lanes.unobserve(refresh);
    };
  }, [doc]);
  return graph;
}

type Peer = { id: string; name: string; color: string; pointer?: { x: number; y: number }; selection?: string[] };

function usePeers(session: EditSession, me: Person): Peer[] {
  const [peers, setPeers] = useState<Peer[]>([]);
  const { id, name } = me;
  useEffect(() => {
    const awareness = session.provider.awareness;
    awareness.setLocalStateField("user", presenceOf({ id, name }));
    const refresh = () => {
      const seen: Peer[] = [];
      for (const [clientId, state] of awareness.getStates()) {
        const s = state as { user?: Peer; pointer?: Peer["pointer"]; selection?: string[] };
        if (clientId === awareness.clientID || !s.user?.id) continue;
        seen.push({ ...s.user, pointer: s.pointer, selection: s.selection });
      }
      setPeers(seen);
    };
    awareness.on("change", refresh);
    refresh();
    return () => awareness.off("change", refresh);
  }, [session, id, name]);
  return peers;
}

const kindClass: Record<NodeKind, string> = {
  start: "step-start",
  end: "step-end",
  activity: "step-activity",
  decision: "step-decision",
  document: "step-document",
  subprocess: "step-subprocess",
  note: "step-note",
};

function StepView({ data, selected }: NodeProps<StepNode>) {
  const { t } = useTranslation();
  const ring = data.seenBy[0];
  return (
    <div
      className={`map-step ${kindClass[data.kind]}${selected ? " is-selected" : ""}`}
      style={ring ? { boxShadow: `0 0 0 3px ${ring}` } : undefined}
      aria-label={`${t(`processes.kinds.${data.kind}`)}: ${data.label}`}
    >
      {(["Left", "Right", "Top", "Bottom"] as const).map((side) => (
        <Handle key={side} id={side} type="source" position={Position[side]} />
      ))}
      <span className="map-step-label">{data.label}</span>
      {data.links.length > 0 ? (
        <span className="map-step-links">
          {data.links
            .filter((l) => l.kind === "risk" || l.kind === "kpi")
            .map((l) => (
              <ItemStatus key={l.linkId} status={l.status} attention={l.attention} />
            ))}
          {data.links.some((l) => l.kind === "document") ? (
            <span className="badge badge-neutral">{t("processes.hasRoutine")}</span>
          ) : null}
        </span>
      ) : null}
    </div>
  );
}

const nodeTypes = { step: StepView };

function LiveMap({
  session,
  canEdit,
  me,
  subprocesses,
  stepLinks,
  activityRefOf,
  save,
  setSave,
}: MapEditorProps & { session: EditSession; save: SaveState; setSave: (s: SaveState) => void }) {
  const { t } = useTranslation();
  const { doc, provider } = session;
  const graph = useGraph(doc);
  const peers = usePeers(session, me);
  const { connection } = useProviderState(session);
  const flow = useReactFlow();
  const { zoom } = useViewport();
  const undo = useMemo(() => undoManager(doc), [doc]);
  const [selectedIds, setSelectedIds] = useState<string[]>([]);
  const [selectedEdge, setSelectedEdge] = useState<string | null>(null);
  const wrapper = useRef<HTMLDivElement>(null);
  // React Flow's own controls and descriptions, in the reader's language.
  const ariaLabels = useMemo(
    () => ({
      "controls.ariaLabel": t("processes.flow.controls"),
      "controls.zoomIn.ariaLabel": t("processes.flow.zoomIn"),
      "controls.zoomOut.ariaLabel": t("processes.flow.zoomOut"),
      "controls.fitView.ariaLabel": t("processes.flow.fitView"),
      "node.a11yDescription.default": t("processes.flow.nodeHelp"),
      "node.a11yDescription.keyboardDisabled": t("processes.flow.nodeHelp"),
      "edge.a11yDescription.default": t("processes.flow.edgeHelp"),
      "handle.ariaLabel": t("processes.flow.handle"),
    }),
    [t],
  );

  useEffect(() => () => undo.destroy(), [undo]);
  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const onUpdate = (_u: Uint8Array, origin: unknown) => {
      if (origin === provider) return;
      setSave("saving");
      clearTimeout(timer);
      timer = setTimeout(() => session.confirmSaved(), 400);
    };
    doc.on("update", onUpdate);
    return () => {
      clearTimeout(timer);
      doc.off("update", onUpdate);
    };
  }, [doc, provider, session, setSave]);
  useEffect(() => {
    provider.awareness.setLocalStateField("selection", selectedIds);
  }, [provider, selectedIds]);

  // React Flow keeps what it measured on each node; the map's changes are merged into that.
  const [nodes, setNodes] = useState<StepNode[]>([]);
  const draggingIds = useRef(new Set<string>());
  useEffect(() => {
    // The map is an external system (the Yjs document); its changes flow into React Flow here.
    setNodes((previous) =>
      graph.nodes.map((n) => {
        const old = previous.find((p) => p.id === n.id);
        return {
          ...old,
          id: n.id,
          type: "step" as const,
          position: old && draggingIds.current.has(n.id) ? old.position : { x: n.x, y: n.y },
          selected: selectedIds.includes(n.id),
          data: {
            kind: n.kind,
            label: n.label,
            links: stepLinks[n.id] ?? [],
            seenBy: peers.filter((p) => p.selection?.includes(n.id)).map((p) => p.color),
          },
        };
      }),
    );
  }, [graph.nodes, selectedIds, stepLinks, peers]);
  const edges: Edge[] = useMemo(
    () =>
      graph.edges.map((e) => ({
        id: e.id,
        source: e.source,
        target: e.target,
        label: e.label || undefined,
        selected: e.id === selectedEdge,
        markerEnd: { type: MarkerType.ArrowClosed, color: "#4a5a56", width: 18, height: 18 },
      })),
    [graph.edges, selectedEdge],
  );

  // The map arrives after the first paint; frame it once its steps have been measured.
  const framed = useRef(false);
  useEffect(() => {
    if (framed.current || nodes.length === 0 || !nodes.every((n) => n.measured)) return;
    framed.current = true;
    // The frame holds the steps and, with lanes, the lanes' names to their left.
    const bounds = flow.getNodesBounds(nodes);
    const left = graph.lanes.length > 0 ? Math.min(bounds.x, -LANE_GUTTER) : bounds.x;
    const bottom = Math.max(bounds.y + bounds.height, graph.lanes.length * LANE_HEIGHT);
    const top = graph.lanes.length > 0 ? Math.min(bounds.y, 0) : bounds.y;
    void flow.fitBounds(
      { x: left, y: top, width: bounds.x + bounds.width - left, height: bottom - top },
      { padding: 0.08 },
    );
  }, [nodes, flow, graph.lanes.length]);

  const onNodesChange = useCallback((changes: NodeChange<StepNode>[]) => {
    for (const c of changes) {
      if (c.type === "position") {
        if (c.dragging) draggingIds.current.add(c.id);
      }
    }
    setNodes((ns) => applyNodeChanges(changes, ns));
    const selection = changes.filter((c) => c.type === "select");
    if (selection.length > 0) {
      setSelectedIds((ids) => {
        const next = new Set(ids);
        for (const c of selection) {
          if (c.type !== "select") continue;
          if (c.selected) next.add(c.id);
          else next.delete(c.id);
        }
        return [...next];
      });
    }
  }, []);

  const onDragStop = useCallback(
    (_e: unknown, _node: StepNode, moved: StepNode[]) => {
      // Dropped: the map takes the new places, snapped into their lanes.
      for (const node of moved) {
        draggingIds.current.delete(node.id);
        moveNode(doc, node.id, node.position);
      }
    },
    [doc],
  );

  const centre = () => {
    const box = wrapper.current?.getBoundingClientRect();
    return box ? flow.screenToFlowPosition({ x: box.x + box.width / 2, y: box.y + box.height / 2 }) : { x: 0, y: 0 };
  };
  const add = (kind: NodeKind) => {
    // After the selected step, in its lane; else where the view is. Either way in free space.
    const last = graph.nodes.find((n) => n.id === selectedIds[0]);
    const wanted = last ? { x: last.x + nodeSize[last.kind].width + STEP_GAP, y: last.y } : centre();
    const at = freeSpot(graph.nodes, kind, wanted, graph.lanes.length);
    const id = addNode(doc, kind, t(`processes.newStep.${kind}`), at);
    if (last && kind !== "note") connect(doc, last.id, id);
    setSelectedIds([id]);
  };

  const onKeyDown = (event: React.KeyboardEvent) => {
    const target = event.target as HTMLElement;
    if (target.closest("input, textarea, select")) return;
    const mod = event.ctrlKey || event.metaKey;
    if (mod && event.key.toLowerCase() === "z") {
      event.preventDefault();
      if (event.shiftKey) undo.redo();
      else undo.undo();
      return;
    }
    if (mod && event.key.toLowerCase() === "y") {
      event.preventDefault();
      undo.redo();
      return;
    }
    const step = { ArrowLeft: [-20, 0], ArrowRight: [20, 0], ArrowUp: [0, -LANE_HEIGHT], ArrowDown: [0, LANE_HEIGHT] }[
      event.key
    ];
    if (step && canEdit && selectedIds.length > 0) {
      event.preventDefault();
      for (const id of selectedIds) {
        const node = graph.nodes.find((n) => n.id === id);
        if (node) moveNode(doc, id, { x: node.x + step[0]!, y: node.y + step[1]! });
      }
    }
  };

  const onPointer = (event: React.MouseEvent) => {
    const at = flow.screenToFlowPosition({ x: event.clientX, y: event.clientY });
    provider.awareness.setLocalStateField("pointer", { x: Math.round(at.x), y: Math.round(at.y) });
  };

  const selected = graph.nodes.find((n) => n.id === selectedIds[0]);
  const edge = graph.edges.find((e) => e.id === selectedEdge);
  const right = Math.max(1200, ...graph.nodes.map((n) => n.x + 400));

  return (
    <div className="map-layout">
      <div className="map-main">
        <div className="editor-chrome map-toolbar" role="toolbar" aria-label={t("processes.toolbar")}>
          {canEdit ? (
            <>
              {nodeKinds.map((kind) => (
                <button key={kind} type="button" className="button button-ghost" onClick={() => add(kind)}>
                  + {t(`processes.kinds.${kind}`)}
                </button>
              ))}
              <button type="button" className="button button-ghost" onClick={() => undo.undo()}>
                {t("editor.undo")}
              </button>
              <button type="button" className="button button-ghost" onClick={() => undo.redo()}>
                {t("editor.redo")}
              </button>
              <button
                type="button"
                className="button button-ghost"
                // The layout engine (elkjs, 1.6 MB) is fetched the first time someone asks for it.
                onClick={() =>
                  void import("./auto-layout.ts")
                    .then(({ autoLayout }) => autoLayout(graph))
                    .then((positions) => placeNodes(doc, positions))
                }
              >
                {t("processes.autoLayout")}
              </button>
            </>
          ) : null}
          <ul className="presence" aria-label={t("editor.presence", { count: peers.length })}>
            {peers.map((p) => (
              <li key={p.id} className="avatar" style={{ background: p.color }} title={p.name}>
                <span aria-hidden="true">{p.name.slice(0, 1)}</span>
                <span className="visually-hidden">{p.name}</span>
              </li>
            ))}
          </ul>
        </div>
        {!canEdit ? <p className="notice notice-info">{t("processes.readOnly")}</p> : null}
        <div
          className="map-canvas"
          ref={wrapper}
          // Handles keep their size on screen at any zoom (app.css).
          style={{ "--map-zoom": zoom } as React.CSSProperties}
          onKeyDown={onKeyDown}
          onMouseMove={onPointer}
          role="application"
          aria-label={t("processes.canvas")}
          aria-describedby="map-keys"
        >
          <ReactFlow<StepNode, Edge>
            nodes={nodes}
            edges={edges}
            nodeTypes={nodeTypes}
            onNodesChange={onNodesChange}
            onNodeDragStop={onDragStop}
            onConnect={(c: Connection) => void connect(doc, c.source, c.target)}
            onNodesDelete={(deleted) =>
              removeNodes(
                doc,
                deleted.map((n) => n.id),
              )
            }
            onEdgesDelete={(deleted) =>
              removeEdges(
                doc,
                deleted.map((e) => e.id),
              )
            }
            onEdgeClick={(_e, clicked) => setSelectedEdge(clicked.id)}
            onPaneClick={() => {
              setSelectedIds([]);
              setSelectedEdge(null);
            }}
            connectionMode={ConnectionMode.Loose}
            nodesDraggable={canEdit}
            nodesConnectable={canEdit}
            deleteKeyCode={canEdit ? ["Delete", "Backspace"] : null}
            minZoom={0.2}
            ariaLabelConfig={ariaLabels}
          >
            <Background gap={20} />
            <Controls showInteractive={false} />
            <ViewportPortal>
              {graph.lanes.map((lane, i) => (
                <div
                  key={lane.id}
                  className={`map-lane${i % 2 ? " map-lane-alt" : ""}`}
                  style={{
                    transform: `translate(-${LANE_GUTTER}px, ${i * LANE_HEIGHT}px)`,
                    width: right + LANE_GUTTER,
                    height: LANE_HEIGHT,
                  }}
                >
                  <span>{lane.label}</span>
                </div>
              ))}
              {peers
                .filter((p) => p.pointer)
                .map((p) => (
                  <div
                    key={p.id}
                    className="map-pointer"
                    style={{ transform: `translate(${p.pointer!.x}px, ${p.pointer!.y}px)`, color: p.color }}
                  >
                    ▲ <span style={{ background: p.color }}>{p.name}</span>
                  </div>
                ))}
            </ViewportPortal>
          </ReactFlow>
        </div>
        <p id="map-keys" className="field-hint">
          {t("processes.keys")}
        </p>
        <StatusBar
          connection={connection}
          save={canEdit ? save : null}
          count={t("processes.stepCount", { count: graph.nodes.length })}
        />
      </div>
      <aside className="map-side">
        <StepPanel
          key={selected?.id ?? edge?.id ?? "none"}
          canEdit={canEdit}
          graph={graph}
          node={selected ?? null}
          edge={edge ?? null}
          links={selected ? (stepLinks[selected.id] ?? []) : []}
          activityRef={selected ? activityRefOf(selected.id) : null}
          subprocesses={subprocesses}
          onChange={(change) => selected && updateNode(doc, selected.id, change)}
          onRemove={() => selected && removeNodes(doc, [selected.id])}
          onConnect={(target) => selected && connect(doc, selected.id, target)}
          onEdgeLabel={(label) => edge && updateEdge(doc, edge.id, label)}
          onEdgeRemove={() => {
            if (edge) removeEdges(doc, [edge.id]);
            setSelectedEdge(null);
          }}
          lanes={{
            list: graph.lanes,
            add: (label) => addLane(doc, label),
            rename: (id, label) => renameLane(doc, id, label),
            remove: (id) => removeLane(doc, id),
          }}
        />
      </aside>
    </div>
  );
}
