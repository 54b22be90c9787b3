import { data } from "react-router";
import { requirePermission } from "#app/auth/guards.server.ts";
import { can } from "#app/auth/permissions.server.ts";
import { loadYDoc } from "#app/models/collab-store.server.ts";
import { EmptyMapError, mapToBpmn } from "#app/models/process-bpmn.server.ts";
import { readGraph, type ProcessGraph } from "#app/models/process-map.ts";
import { mapToSvg } from "#app/models/process-map-svg.ts";
import { getProcess, processResource } from "#app/models/processes.server.ts";
import { currentRelease, requireRelease } from "#app/models/releases.server.ts";
import { translator } from "#app/i18n/translator.server.ts";
import type { Route } from "./+types/export";

/**
 * The map as SVG (the release in effect; the draft for those who keep documents and when
 * nothing is released) or as BPMN 2.0 XML of the released map.
 */
export async function loader({ request, params, context }: Route.LoaderArgs) {
  const process = getProcess(context.db, params.id);
  if (!process) throw data({ reason: "notFound" }, { status: 404 });
  const { user } = requirePermission(request, context, "read", processResource(process));
  const current = currentRelease(context.db, process.mapDocumentId);
  let graph: ProcessGraph | null = current
    ? (JSON.parse(requireRelease(context.db, current.id).contentJson) as ProcessGraph)
    : null;
  if (!graph && params.format === "svg" && can(user, "view", { type: "documents" })) {
    const doc = loadYDoc(context.db, process.mapDocumentId);
    graph = readGraph(doc);
    doc.destroy();
  }
  const t = translator(user.locale);
  if (!graph || graph.nodes.length === 0) {
    return new Response(t("errors.process.emptyMap"), {
      status: 409,
      headers: { "Content-Type": "text/plain; charset=utf-8" },
    });
  }
  const name = encodeURIComponent(process.title);
  if (params.format === "svg") {
    return new Response(mapToSvg(graph, { title: process.title }), {
      headers: {
        "Content-Type": "image/svg+xml; charset=utf-8",
        "Content-Disposition": `attachment; filename*=UTF-8''${name}.svg`,
      },
    });
  }
  if (params.format === "bpmn") {
    try {
      const xml = await mapToBpmn(graph, { id: process.id, name: process.title });
      return new Response(xml, {
        headers: {
          "Content-Type": "application/xml; charset=utf-8",
          "Content-Disposition": `attachment; filename*=UTF-8''${name}.bpmn`,
        },
      });
    } catch (error) {
      if (error instanceof EmptyMapError) return new Response(t("errors.process.emptyMap"), { status: 409 });
      throw error;
    }
  }
  throw data({ reason: "notFound" }, { status: 404 });
}
