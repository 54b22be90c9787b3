import { lazy, Suspense } from "react";
import { useTranslation } from "react-i18next";
import { data, Form, Link } from "react-router";
import { ItemStatus } from "#app/components/item-status.tsx";
import { LinkedPanel } from "#app/components/linked-panel.tsx";
import { ProcessFields, processSchema } from "#app/components/process-fields.tsx";
import { PngExportButton } from "#app/components/process-map/png-export.tsx";
import { FormRefusal, Notice } from "#app/components/ui/notice.tsx";
import { PageHeader } from "#app/components/ui/page-header.tsx";
import { SubmitButton } from "#app/components/ui/submit-button.tsx";
import { useHydrated } from "#app/components/use-hydrated.ts";
import { requirePermission } from "#app/auth/guards.server.ts";
import { can } from "#app/auth/permissions.server.ts";
import { refusalAsFormError } from "#app/models/errors.ts";
import { processOverview } from "#app/models/process-overview.server.ts";
import { getProcess, listProcesses, processResource, updateProcess } from "#app/models/processes.server.ts";
import { listPeople } from "#app/models/users.server.ts";
import { linkFormIntent } from "#app/routes/links/link-form.server.ts";
import { parseForm, type FieldErrors } from "#app/utils/forms.ts";
import type { Route } from "./+types/process";
import { BpmnReportView } from "#app/components/bpmn-report.tsx";
import { formatDate } from "#app/utils/dates.ts";
import type { BpmnReport } from "#app/models/bpmn-report.ts";
import { importOf } from "#app/models/document-import.server.ts";

const KpiSparkline = lazy(() => import("#app/components/kpi-sparkline.tsx"));

/** Where an imported map came from, with its report, for those who keep the process. */
function importedMap(db: Route.LoaderArgs["context"]["db"], mapDocumentId: string) {
  const row = importOf(db, mapDocumentId);
  const report = row?.report as BpmnReport | undefined;
  return row && report?.kind === "bpmn" ? { fileName: row.fileName, at: row.importedAt.toISOString(), report } : null;
}

function processOr404(context: Route.LoaderArgs["context"], id: string) {
  const process = getProcess(context.db, id);
  if (!process) throw data({ reason: "notFound" }, { status: 404 });
  return process;
}

export function loader({ request, params, context }: Route.LoaderArgs) {
  const process = processOr404(context, params.id);
  const { user } = requirePermission(request, context, "read", processResource(process));
  const canEdit = can(user, "edit", processResource(process));
  const all = listProcesses(context.db);
  return {
    process,
    parent: all.find((p) => p.id === process.parentId) ?? null,
    overview: processOverview(context.db, user, process),
    canEdit,
    canLink: can(user, "edit", { type: "links" }),
    people: canEdit ? listPeople(context.db) : [],
    parents: canEdit ? all.filter((p) => p.id !== process.id).map((p) => ({ id: p.id, title: p.title })) : [],
    imported: canEdit ? importedMap(context.db, process.mapDocumentId) : null,
  };
}

export async function action({ request, params, context }: Route.ActionArgs) {
  const process = processOr404(context, params.id);
  const { user } = requirePermission(request, context, "read", processResource(process));
  // Its links and its details are changed by those who link or keep the process; readers send nothing.
  if (!can(user, "edit", { type: "links" }) && !can(user, "edit", processResource(process)))
    throw data({ reason: "forbidden" }, { status: 403 });
  const form = await request.formData();
  const linking = linkFormIntent(context.db, user, { kind: "process", id: process.id }, form);
  if (linking) return { intent: "link", ...linking };
  const parsed = parseForm(processSchema, form);
  if (!parsed.ok) return { intent: "details", errors: parsed.errors };
  try {
    updateProcess(context.db, user, process.id, parsed.data);
  } catch (error) {
    return { intent: "details", errors: refusalAsFormError(error) as FieldErrors };
  }
  return { intent: "details", errors: {} as FieldErrors, done: true };
}

export default function ProcessPage({ loaderData, actionData }: Route.ComponentProps) {
  const { t, i18n } = useTranslation();
  const hydrated = useHydrated();
  const { process: p, overview } = loaderData;
  const details = actionData?.intent === "details" ? actionData : undefined;
  const linkErrors = actionData?.intent === "link" ? actionData.errors : undefined;
  const mapHtml = overview.current?.html ?? overview.draft;
  const items = (list: typeof overview.routines) =>
    list.length === 0 ? (
      <p className="muted">{t("processes.nothing")}</p>
    ) : (
      <ul className="plain-list">
        {list.map((item) => (
          <li key={`${item.kind}:${item.id}`}>
            <Link to={item.href}>{item.title}</Link> <ItemStatus status={item.status} attention={item.attention} />
          </li>
        ))}
      </ul>
    );
  return (
    <>
      <PageHeader title={p.title}>
        {overview.canEditMap ? (
          <Link to={`/processer/${p.id}/karta`} className="button">
            {t("processes.editMap")}
          </Link>
        ) : null}
        {overview.canControl ? (
          <Link to={`/dokument/${p.mapDocumentId}/granskning`} className="button button-secondary">
            {t("processes.control")}
          </Link>
        ) : null}
      </PageHeader>
      <p className="document-meta">
        <span className="badge badge-neutral">{t(`processKinds.${p.kind}`)}</span> {t("processes.owner")}: {p.ownerName}
        {loaderData.parent ? (
          <>
            {" · "}
            {t("processes.parent")} <Link to={`/processer/${loaderData.parent.id}`}>{loaderData.parent.title}</Link>
          </>
        ) : null}
      </p>
      {loaderData.imported ? (
        <details className="card details-panel import-origin">
          <summary>
            {t("bpmnImport.importedFrom", {
              file: loaderData.imported.fileName,
              date: formatDate(loaderData.imported.at, i18n.language),
            })}
          </summary>
          <BpmnReportView report={loaderData.imported.report} />
        </details>
      ) : null}
      <FormRefusal errors={details?.errors} />
      {details?.done ? <Notice tone="success">{t("processes.saved")}</Notice> : null}
      <section className="card" aria-labelledby="map-heading">
        <h2 id="map-heading">
          {overview.current
            ? t("processes.currentMap", { version: overview.current.version })
            : overview.draft
              ? t("processes.draftMap")
              : t("processes.map")}
        </h2>
        {mapHtml ? (
          <>
            <div className="process-map-view" dangerouslySetInnerHTML={{ __html: mapHtml }} />
            <p className="export-links">
              <a href={`/processer/${p.id}/export/svg`} download>
                {t("processes.exportSvg")}
              </a>
              <PngExportButton svgUrl={`/processer/${p.id}/export/svg`} fileName={p.title} />
              {overview.current ? (
                <a href={`/processer/${p.id}/export/bpmn`} download>
                  {t("processes.exportBpmn")}
                </a>
              ) : null}
            </p>
          </>
        ) : (
          <p className="muted">{t("processes.noRelease")}</p>
        )}
      </section>
      <section className="card">
        <dl className="facts">
          {(["mandate", "purpose", "inputs", "outputs", "customers", "interfaces"] as const).map((field) =>
            p[field] ? (
              <div key={field} className="facts-row">
                <dt>{t(`processes.${field}`)}</dt>
                <dd className="pre-line">{p[field]}</dd>
              </div>
            ) : null,
          )}
        </dl>
      </section>
      <div className="overview-grid">
        <section className="card" aria-labelledby="routines-heading">
          <h2 id="routines-heading">{t("processes.routines")}</h2>
          {items(overview.routines)}
        </section>
        <section className="card" aria-labelledby="risks-heading">
          <h2 id="risks-heading">{t("processes.risks")}</h2>
          {items(overview.risks)}
        </section>
        <section className="card" aria-labelledby="kpis-heading">
          <h2 id="kpis-heading">{t("processes.kpis")}</h2>
          {overview.kpis.length === 0 ? (
            <p className="muted">{t("processes.nothing")}</p>
          ) : (
            <ul className="plain-list">
              {overview.kpis.map((k) => (
                <li key={k.id}>
                  <Link to={k.href}>{k.title}</Link> <ItemStatus status={k.status} attention={k.attention} />
                  {hydrated && k.series.length > 1 ? (
                    <Suspense fallback={null}>
                      <KpiSparkline series={k.series} />
                    </Suspense>
                  ) : null}
                </li>
              ))}
            </ul>
          )}
        </section>
        <section className="card" aria-labelledby="actions-heading">
          <h2 id="actions-heading">{t("processes.openActions")}</h2>
          {items(overview.actions)}
        </section>
        {overview.subprocesses.length > 0 ? (
          <section className="card" aria-labelledby="subs-heading">
            <h2 id="subs-heading">{t("processes.subprocesses")}</h2>
            <ul className="plain-list">
              {overview.subprocesses.map((s) => (
                <li key={s.id}>
                  <Link to={`/processer/${s.id}`}>{s.title}</Link> <span className="muted">{s.ownerName}</span>
                </li>
              ))}
            </ul>
          </section>
        ) : null}
      </div>
      <LinkedPanel
        self={{ kind: "process", id: p.id }}
        items={overview.own}
        canLink={loaderData.canLink}
        error={linkErrors?.form ?? linkErrors?.target}
      />
      {loaderData.canEdit ? (
        <details className="card details-panel" open={Boolean(details && !details.done)}>
          <summary>{t("processes.details")}</summary>
          <Form method="post" className="form-grid" noValidate>
            <ProcessFields
              people={loaderData.people}
              parents={loaderData.parents}
              defaults={p}
              errors={details?.errors}
            />
            <div className="form-actions">
              <SubmitButton>{t("processes.save")}</SubmitButton>
            </div>
          </Form>
        </details>
      ) : null}
    </>
  );
}
