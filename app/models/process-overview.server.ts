import type { Db } from "#db/client.ts";
import { can, type Actor } from "#app/auth/permissions.server.ts";
import { loadYDoc } from "./collab-store.server.ts";
import { getDocument, documentResource } from "./documents.server.ts";
import { linkedTo, stepLinksOf, type LinkedItem } from "./links.server.ts";
import { measurements } from "./kpis.server.ts";
import { readGraph } from "./process-map.ts";
import { renderMap } from "./process-map-content.server.ts";
import { listProcesses, type Process } from "./processes.server.ts";
import { currentRelease, requireRelease, versionOf } from "./releases.server.ts";

const openStatuses = new Set(["planned", "in_progress", "done", "not_effective"]);

/**
 * Everything about a process in one place: its map (the release in effect, and the draft for
 * those who keep it), its subprocesses, and what it and its steps are linked to.
 */
export function processOverview(db: Db, actor: Actor, process: Process, now = new Date()) {
  const mapDocument = getDocument(db, process.mapDocumentId)!;
  const mapResource = documentResource(mapDocument);
  const current = currentRelease(db, process.mapDocumentId, now);
  const seesDrafts = can(actor, "view", { type: "documents" });
  let draft: string | null = null;
  if (seesDrafts) {
    const doc = loadYDoc(db, process.mapDocumentId);
    const graph = readGraph(doc);
    doc.destroy();
    draft = graph.nodes.length > 0 ? renderMap(db, process.mapDocumentId, graph, process.title) : null;
  }
  // The process's own links and its steps' links, each item once.
  const seen = new Set<string>();
  const items: LinkedItem[] = [];
  const all = [
    ...linkedTo(db, actor, { kind: "process", id: process.id }, now),
    ...Object.values(stepLinksOf(db, actor, process.mapDocumentId, now)).flat(),
  ];
  for (const item of all) {
    const key = `${item.kind}:${item.id}`;
    if (!seen.has(key)) {
      seen.add(key);
      items.push(item);
    }
  }
  // Actions of the process's risks count as the process's actions too.
  const riskActions = items
    .filter((i) => i.kind === "risk")
    .flatMap((risk) => linkedTo(db, actor, { kind: "risk", id: risk.id }, now))
    .filter((i) => i.kind === "action" && !seen.has(`action:${i.id}`));
  for (const action of riskActions) {
    seen.add(`action:${action.id}`);
    items.push(action);
  }
  return {
    current: current ? { version: versionOf(current), html: requireRelease(db, current.id).html } : null,
    draft,
    canEditMap: can(actor, "edit", mapResource),
    canControl: seesDrafts,
    subprocesses: listProcesses(db)
      .filter((p) => p.parentId === process.id)
      .map((p) => ({ id: p.id, title: p.title, ownerName: p.ownerName })),
    routines: items.filter((i) => i.kind === "document"),
    risks: items.filter((i) => i.kind === "risk"),
    kpis: items.filter((i) => i.kind === "kpi").map((k) => ({ ...k, series: measurements(db, k.id).slice(-12) })),
    actions: items.filter((i) => i.kind === "action" && openStatuses.has(i.status)),
    // The process's own links, for its Linked panel (steps keep theirs on the map).
    own: linkedTo(db, actor, { kind: "process", id: process.id }, now),
  };
}
