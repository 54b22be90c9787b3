import { lazy, Suspense } from "react";
import { useTranslation } from "react-i18next";
import { data, Link, redirect } from "react-router";
import { useHydrated } from "#app/components/use-hydrated.ts";
import { PageHeader } from "#app/components/ui/page-header.tsx";
import { requirePermission } from "#app/auth/guards.server.ts";
import { can } from "#app/auth/permissions.server.ts";
import { loadYDoc } from "#app/models/collab-store.server.ts";
import { getDocument, documentResource, documentResourceFor } from "#app/models/documents.server.ts";
import { stepLinksOf } from "#app/models/links.server.ts";
import { activityRef, parseActivityRef, readGraph } from "#app/models/process-map.ts";
import { renderMap } from "#app/models/process-map-content.server.ts";
import { subprocessAllowed } from "#app/models/process-tree.ts";
import { getProcess, listProcesses, parentMap, processResource } from "#app/models/processes.server.ts";
import { itemRefSchema, linkFormIntent } from "#app/routes/links/link-form.server.ts";
import type { Route } from "./+types/map";

// React Flow and the socket load in the browser only; the first paint is the server's drawing.
const MapEditor = lazy(() => import("#app/components/process-map/map-editor.tsx"));

function load(context: Route.LoaderArgs["context"], id: string) {
  const process = getProcess(context.db, id);
  const map = process && getDocument(context.db, process.mapDocumentId);
  if (!process || !map) throw data({ reason: "notFound" }, { status: 404 });
  const mapResource = context.auth ? documentResourceFor(context.db, map, context.auth.user) : documentResource(map);
  return { process, map, mapResource };
}

export function loader({ request, params, context }: Route.LoaderArgs) {
  const { process, map, mapResource } = load(context, params.id);
  const { user } = requirePermission(request, context, "read", mapResource);
  requirePermission(request, context, "read", processResource(process));
  // Others read the released map on the process page; the draft is for those who keep
  // documents and the people it names.
  if (!can(user, "readDraft", mapResource)) throw redirect(`/processer/${process.id}`);
  const parents = parentMap(context.db);
  const doc = loadYDoc(context.db, map.id);
  const graph = readGraph(doc);
  doc.destroy();
  return {
    process: { id: process.id, title: process.title, mapDocumentId: map.id },
    html: renderMap(context.db, map.id, graph, process.title),
    canEdit: can(user, "edit", mapResource),
    me: { id: user.id, name: user.name },
    subprocesses: listProcesses(context.db)
      .filter((p) => subprocessAllowed(parents, process.id, p.id))
      .map((p) => ({ id: p.id, title: p.title })),
    stepLinks: stepLinksOf(context.db, user, map.id),
  };
}

/** Links made from a step of this map: the forms name the step they are for. */
export async function action({ request, params, context }: Route.ActionArgs) {
  const { map, mapResource } = load(context, params.id);
  requirePermission(request, context, "read", mapResource);
  // The map page sends only links from steps.
  const { user } = requirePermission(request, context, "edit", { type: "links" });
  const form = await request.formData();
  const self = itemRefSchema.safeParse(form.get("self"));
  const step = self.success && self.data.kind === "activity" ? parseActivityRef(self.data.id) : null;
  if (!self.success || step?.mapDocumentId !== map.id) throw data({ reason: "badRequest" }, { status: 400 });
  const result = linkFormIntent(context.db, user, self.data, form);
  if (!result) throw data({ reason: "badRequest" }, { status: 400 });
  return result;
}

export default function ProcessMapPage({ loaderData, actionData }: Route.ComponentProps) {
  const { t } = useTranslation();
  const hydrated = useHydrated();
  const { process } = loaderData;
  const drawing = <div className="process-map-view" dangerouslySetInnerHTML={{ __html: loaderData.html }} />;
  return (
    <>
      <PageHeader title={t("processes.mapOf", { title: process.title })}>
        <Link to={`/processer/${process.id}`} className="button button-ghost">
          {t("admin.back")}
        </Link>
        <Link to={`/dokument/${process.mapDocumentId}/granskning`} className="button button-secondary">
          {t("processes.control")}
        </Link>
      </PageHeader>
      {actionData?.errors.form ? (
        <p className="notice notice-error" role="alert">
          {t(actionData.errors.form.key as "errors.unit.notFound")}
        </p>
      ) : null}
      {hydrated ? (
        <Suspense fallback={drawing}>
          <MapEditor
            documentId={process.mapDocumentId}
            canEdit={loaderData.canEdit}
            me={loaderData.me}
            subprocesses={loaderData.subprocesses}
            stepLinks={loaderData.stepLinks}
            activityRefOf={(nodeId) => activityRef(process.mapDocumentId, nodeId)}
          />
        </Suspense>
      ) : (
        drawing
      )}
    </>
  );
}
