import { lazy, Suspense } from "react";
import { useTranslation } from "react-i18next";
import { data, Form, Link } from "react-router";
import { z } from "zod";
import { TextField } from "#app/components/ui/field.tsx";
import { Notice } from "#app/components/ui/notice.tsx";
import { PageHeader } from "#app/components/ui/page-header.tsx";
import { SubmitButton } from "#app/components/ui/submit-button.tsx";
import { useHydrated } from "#app/components/use-hydrated.ts";
import { requirePermission } from "#app/auth/guards.server.ts";
import { can } from "#app/auth/permissions.server.ts";
import { refusalAsFormError } from "#app/models/errors.ts";
import { parseNumber, statusOf, yearOverYear } from "#app/models/kpi-rules.ts";
import {
  addMeasurement,
  getKpi,
  importMeasurements,
  kpiResource,
  listObjectives,
  measurements,
  previewImport,
  updateKpi,
  type ImportPreview,
} from "#app/models/kpis.server.ts";
import { readSheet } from "#app/models/spreadsheet.server.ts";
import { linkedTo } from "#app/models/links.server.ts";
import { listPeople } from "#app/models/users.server.ts";
import { linkFormIntent } from "#app/routes/links/link-form.server.ts";
import { KpiFields, kpiSchema } from "#app/components/kpi-fields.tsx";
import { LinkedPanel } from "#app/components/linked-panel.tsx";
import { parseForm, type FieldErrors } from "#app/utils/forms.ts";
import type { Route } from "./+types/kpi";
import { once } from "#app/models/submissions.server.ts";

// The chart library loads in the browser only; the table below carries the same figures.
const KpiChart = lazy(() => import("#app/components/kpi-chart.tsx"));

const MAX_ROWS = 500;

function kpiOr404(context: Route.LoaderArgs["context"], id: string) {
  const kpi = getKpi(context.db, id);
  if (!kpi) throw data({ reason: "notFound" }, { status: 404 });
  return kpi;
}

export function loader({ request, params, context }: Route.LoaderArgs) {
  const kpi = kpiOr404(context, params.id);
  const { user } = requirePermission(request, context, "read", kpiResource(kpi));
  const values = measurements(context.db, kpi.id);
  const year = Number(values.at(-1)?.period.slice(0, 4) ?? new Date().getFullYear());
  return {
    kpi,
    year,
    series: yearOverYear(kpi.frequency, values, year),
    measurements: values.map((m) => ({ ...m, status: statusOf(kpi, m.value) })).reverse(),
    canEdit: can(user, "edit", kpiResource(kpi)),
    canLink: can(user, "edit", { type: "links" }),
    canAct: can(user, "create", { type: "actions" }) && can(user, "edit", { type: "links" }),
    linked: linkedTo(context.db, user, { kind: "kpi", id: kpi.id }),
    // The definition form needs the people and objectives only for those who may change it.
    people: can(user, "edit", kpiResource(kpi)) ? listPeople(context.db) : [],
    objectives: can(user, "edit", kpiResource(kpi)) ? listObjectives(context.db) : [],
  };
}

const measurementSchema = z.object({
  period: z.string().trim().min(1, "validation.required").max(20),
  value: z
    .string({ error: "validation.required" })
    .transform((v, ctx) => parseNumber(v) ?? (ctx.addIssue({ code: "custom", message: "validation.number" }), z.NEVER)),
});

type ActionResult = { intent: string; errors: FieldErrors; done?: string; preview?: ImportPreview; sheet?: string };

export async function action({ request, params, context }: Route.ActionArgs): Promise<ActionResult> {
  const kpi = kpiOr404(context, params.id);
  const { user } = requirePermission(request, context, "read", kpiResource(kpi));
  const form = await request.formData();
  const linking = linkFormIntent(context.db, user, { kind: "kpi", id: kpi.id }, form);
  if (linking) return { intent: "link", ...linking };
  if (!can(user, "edit", kpiResource(kpi))) throw data({ reason: "forbidden" }, { status: 403 });
  const intent = String(form.get("intent"));
  try {
    if (intent === "define") {
      const parsed = parseForm(kpiSchema, form);
      if (!parsed.ok) return { intent, errors: parsed.errors };
      updateKpi(context.db, user, kpi.id, parsed.data);
      return { intent, errors: {}, done: "admin.saved" };
    }
    if (intent === "measure") {
      const parsed = parseForm(measurementSchema, form);
      if (!parsed.ok) return { intent, errors: parsed.errors };
      once(context.db, user.id, form, () => addMeasurement(context.db, user, kpi.id, parsed.data));
      return { intent, errors: {}, done: "kpis.saved" };
    }
    if (intent === "preview") {
      const file = form.get("file");
      if (!(file instanceof File) || file.size === 0)
        return { intent, errors: { file: { key: "validation.required" } } };
      const sheet = (await readSheet(new Uint8Array(await file.arrayBuffer()), file.name)).slice(0, MAX_ROWS + 1);
      return { intent, errors: {}, preview: previewImport(context.db, kpi.id, sheet), sheet: JSON.stringify(sheet) };
    }
    if (intent === "import") {
      const sheet = z
        .array(z.array(z.string().max(200)).max(10))
        .max(MAX_ROWS + 1)
        .safeParse(JSON.parse(String(form.get("sheet") ?? "[]")));
      if (!sheet.success) throw data({ reason: "badRequest" }, { status: 400 });
      const count = importMeasurements(context.db, user, kpi.id, sheet.data);
      return { intent, errors: {}, done: `kpis.imported:${count}` };
    }
    throw data({ reason: "badRequest" }, { status: 400 });
  } catch (error) {
    if (error instanceof Error) return { intent, errors: refusalAsFormError(error) };
    throw error;
  }
}

export default function KpiPage({ loaderData, actionData }: Route.ComponentProps) {
  const { t, i18n } = useTranslation();
  const hydrated = useHydrated();
  const { kpi } = loaderData;
  const [doneKey, doneValue] = actionData?.done?.split(":") ?? [];
  const errorsFor = (intent: string) => (actionData?.intent === intent ? actionData.errors : {});
  return (
    <>
      <PageHeader title={kpi.name}>
        <Link to="/mal" className="button button-ghost">
          {t("admin.back")}
        </Link>
      </PageHeader>
      <p className="document-meta">
        {kpi.latest ? (
          <span className={`badge kpi-${kpi.latest.status}`}>{t(`kpis.status.${kpi.latest.status}`)}</span>
        ) : null}{" "}
        {t("kpis.targetShort", { target: kpi.target, unit: kpi.unit })} · {t(`kpis.directions.${kpi.direction}`)} ·{" "}
        {t(`kpis.frequencies.${kpi.frequency}`)} · {kpi.ownerName} · {kpi.dataSource}
      </p>
      {actionData?.errors.form && actionData.intent !== "link" ? (
        <Notice tone="error">{t(actionData.errors.form.key as "errors.unit.notFound")}</Notice>
      ) : null}
      {doneKey ? <Notice tone="success">{t(doneKey as "kpis.saved", { count: Number(doneValue ?? 0) })}</Notice> : null}
      <section className="card" aria-labelledby="chart-heading">
        <h2 id="chart-heading">{t("kpis.chartTitle", { year: loaderData.year, last: loaderData.year - 1 })}</h2>
        {hydrated && loaderData.measurements.length > 0 ? (
          <Suspense fallback={<div className="kpi-chart" />}>
            <KpiChart
              series={loaderData.series}
              target={kpi.target}
              unit={kpi.unit}
              year={loaderData.year}
              frequency={kpi.frequency}
            />
          </Suspense>
        ) : null}
        {loaderData.measurements.length === 0 ? (
          <p className="muted">{t("kpis.noMeasurements")}</p>
        ) : (
          <p>
            <a href={`/mal/nyckeltal/${kpi.id}/matvarden/xlsx`} download>
              {t("kpis.exportMeasurements")}
            </a>
          </p>
        )}
      </section>
      {loaderData.canEdit ? (
        <section className="card" aria-labelledby="measure-heading">
          <h2 id="measure-heading">{t("kpis.addMeasurement")}</h2>
          <Form method="post" className="form-grid" noValidate>
            <TextField
              label={t("kpis.period")}
              name="period"
              hint={t(`kpis.periodHint.${kpi.frequency}`)}
              error={errorsFor("measure").period}
            />
            <TextField
              label={t("kpis.value", { unit: kpi.unit })}
              name="value"
              inputMode="decimal"
              error={errorsFor("measure").value}
            />
            <div className="form-actions">
              <SubmitButton name="intent" value="measure">
                {t("kpis.save")}
              </SubmitButton>
            </div>
          </Form>
          <h3>{t("kpis.importTitle")}</h3>
          <p className="field-hint">{t("kpis.importHint", { unit: kpi.unit })}</p>
          <Form method="post" encType="multipart/form-data" className="form-grid" noValidate>
            <TextField
              label={t("kpis.file")}
              name="file"
              type="file"
              accept=".csv,.xlsx"
              error={errorsFor("preview").file}
            />
            <div className="form-actions">
              <SubmitButton name="intent" value="preview" className="button button-secondary">
                {t("kpis.preview")}
              </SubmitButton>
            </div>
          </Form>
          {actionData?.preview ? (
            <div className="import-preview" role="status">
              <p>
                {t("kpis.previewSummary", {
                  ok: actionData.preview.rows.length,
                  bad: actionData.preview.problems.length,
                })}
              </p>
              {actionData.preview.problems.length > 0 ? (
                <ul className="plain-list">
                  {actionData.preview.problems.map((p) => (
                    <li key={`${p.row}-${p.field}`} className="field-error">
                      {t(`kpis.problems.${p.problem}`, { row: p.row, text: p.text, unit: kpi.unit })}
                    </li>
                  ))}
                </ul>
              ) : (
                <Form method="post">
                  <input type="hidden" name="sheet" value={actionData.sheet} />
                  <SubmitButton name="intent" value="import">
                    {t("kpis.importRows", { count: actionData.preview.rows.length })}
                  </SubmitButton>
                </Form>
              )}
            </div>
          ) : null}
        </section>
      ) : null}
      <LinkedPanel
        self={{ kind: "kpi", id: kpi.id }}
        items={loaderData.linked}
        canLink={loaderData.canLink}
        error={errorsFor("link").form ?? errorsFor("link").target}
      >
        {loaderData.canAct && kpi.latest && kpi.latest.status !== "on_target" ? (
          <p>
            <Link to={`/atgarder/ny?fran=kpi:${kpi.id}`} className="button button-secondary">
              {t("kpis.newAction")}
            </Link>
          </p>
        ) : null}
      </LinkedPanel>
      {loaderData.canEdit ? (
        <details
          className="card details-panel"
          open={actionData?.intent === "define" && Object.keys(actionData.errors).length > 0}
        >
          <summary>{t("kpis.editDefinition")}</summary>
          <Form method="post" className="form-grid" noValidate>
            <KpiFields
              people={loaderData.people}
              objectives={loaderData.objectives}
              defaults={kpi}
              errors={errorsFor("define")}
            />
            <div className="form-actions">
              <SubmitButton name="intent" value="define">
                {t("kpis.saveDefinition")}
              </SubmitButton>
            </div>
          </Form>
        </details>
      ) : null}
      <section className="card" aria-labelledby="values-heading">
        <h2 id="values-heading">{t("kpis.measurements")}</h2>
        <div className="table-wrap">
          <table>
            <caption className="visually-hidden">{t("kpis.measurements")}</caption>
            <thead>
              <tr>
                <th scope="col">{t("kpis.period")}</th>
                <th scope="col">{t("kpis.valueHeader")}</th>
                <th scope="col">{t("kpis.statusHeader")}</th>
              </tr>
            </thead>
            <tbody>
              {loaderData.measurements.map((m) => (
                <tr key={m.period}>
                  <td>{m.period}</td>
                  <td>
                    {m.value.toLocaleString(i18n.language)} {kpi.unit}
                  </td>
                  <td>
                    <span className={`badge kpi-${m.status}`}>{t(`kpis.status.${m.status}`)}</span>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>
    </>
  );
}
