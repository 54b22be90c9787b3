import { useTranslation } from "react-i18next";
import { Form, Link, redirect, useSearchParams } from "react-router";
import { z } from "zod";
import { SelectField, TextAreaField, TextField } from "#app/components/ui/field.tsx";
import { FormRefusal, Notice } from "#app/components/ui/notice.tsx";
import { PageHeader } from "#app/components/ui/page-header.tsx";
import { SubmitButton } from "#app/components/ui/submit-button.tsx";
import { unitOptions } from "#app/components/unit-options.ts";
import { requirePermission } from "#app/auth/guards.server.ts";
import { can } from "#app/auth/permissions.server.ts";
import { listUsers } from "#app/models/users.server.ts";
import { iso9001Clauses } from "#app/models/audit-rules.ts";
import { auditPeople, auditsOf, planAudit } from "#app/models/audits.server.ts";
import { coverageOf, createProgramme, programmeOf } from "#app/models/audit-programmes.server.ts";
import { refusalAsFormError } from "#app/models/errors.ts";
import { listProcesses } from "#app/models/processes.server.ts";
import { unitTree } from "#app/models/units.server.ts";
import { formatDate } from "#app/utils/dates.ts";
import { parseFormObject, text, type FieldErrors } from "#app/utils/forms.ts";
import { documentAreas } from "#app/domain/values.ts";
import type { Route } from "./+types/index";
import { personOptions } from "#app/components/person-options.ts";
import { once, onceTo } from "#app/models/submissions.server.ts";

const yearOf = (request: Request) => {
  const asked = Number(new URL(request.url).searchParams.get("ar"));
  return Number.isInteger(asked) && asked >= 2000 && asked <= 2100 ? asked : new Date().getFullYear();
};

export function loader({ request, context }: Route.LoaderArgs) {
  const { user } = requirePermission(request, context, "view", { type: "audits" });
  const year = yearOf(request);
  const programme = programmeOf(context.db, year);
  const canManage = can(user, "manage", { type: "audits" });
  return {
    year,
    programme: programme ? { id: programme.id, notes: programme.notes } : null,
    audits: programme ? auditsOf(context.db, programme.id) : [],
    coverage: programme ? coverageOf(context.db, programme.id) : null,
    canManage,
    // Who to ask, for those who may not set a programme up themselves.
    keepers: canManage
      ? []
      : listUsers(context.db)
          .filter((u) => u.active && can(u, "manage", { type: "audits" }))
          .map((u) => u.name),
    people: canManage ? auditPeople(context.db) : [],
    processes: canManage ? listProcesses(context.db).map((p) => ({ value: p.id, label: p.title })) : [],
    units: canManage ? unitTree(context.db) : [],
  };
}

const auditSchema = z.object({
  title: text(200),
  processId: z
    .string()
    .max(40)
    .transform((v) => v || null),
  unitId: z
    .string()
    .max(40)
    .transform((v) => v || null),
  clauses: z.array(z.string().max(10)).max(iso9001Clauses.length),
  areas: z.array(z.enum(documentAreas)),
  plannedOn: z.iso.date("validation.invalidDate"),
  leadAuditorId: z.string().min(1, "validation.required").max(40),
  team: z.array(z.string().max(40)).max(10),
  criteria: text(2000),
  method: text(2000),
});

export async function action({
  request,
  context,
}: Route.ActionArgs): Promise<{ errors: FieldErrors; intent: string; done?: boolean }> {
  const { user } = requirePermission(request, context, "manage", { type: "audits" });
  const year = yearOf(request);
  const form = await request.formData();
  const intent = String(form.get("intent"));
  try {
    if (intent === "programme") {
      const notes = String(form.get("notes") ?? "").slice(0, 2000);
      once(context.db, user.id, form, () => createProgramme(context.db, user, year, notes));
      return { errors: {}, intent, done: true };
    }
    const parsed = parseFormObject(auditSchema, {
      ...Object.fromEntries(
        ["title", "processId", "unitId", "plannedOn", "leadAuditorId", "criteria", "method"].map((k) => [
          k,
          String(form.get(k) ?? ""),
        ]),
      ),
      clauses: form.getAll("clauses").map(String),
      areas: form.getAll("areas").map(String),
      team: form.getAll("team").map(String),
    });
    if (!parsed.ok) return { errors: parsed.errors, intent };
    const programme = programmeOf(context.db, year);
    throw redirect(
      onceTo(
        context.db,
        user.id,
        form,
        () => `/revision/granskningar/${planAudit(context.db, user, programme?.id ?? "", parsed.data)}`,
      ),
    );
  } catch (error) {
    if (error instanceof Response) throw error;
    return { errors: refusalAsFormError(error), intent };
  }
}

/** The year's audit programme: the audits planned, what they cover and what they do not. */
export default function AuditProgramme({ loaderData, actionData }: Route.ComponentProps) {
  const { t, i18n } = useTranslation();
  const [search] = useSearchParams();
  const { year, coverage } = loaderData;
  const planning = actionData?.intent === "plan" ? actionData.errors : undefined;
  return (
    <>
      <PageHeader title={t("audits.title", { year })} intro={t("audits.intro")}>
        <nav className="year-nav" aria-label={t("audits.years")}>
          <Link to={`?ar=${year - 1}`} className="button button-ghost">
            {t("audits.yearLink", { year: year - 1 })}
          </Link>
          <Link to={`?ar=${year + 1}`} className="button button-ghost">
            {t("audits.yearLink", { year: year + 1 })}
          </Link>
        </nav>
      </PageHeader>
      {actionData?.intent === "programme" && actionData.errors.form ? (
        <Notice tone="error">{t(actionData.errors.form.key as "errors.unit.notFound")}</Notice>
      ) : null}
      {!loaderData.programme ? (
        <section className="card">
          <p>{t("audits.noProgramme", { year })}</p>
          {!loaderData.canManage ? (
            <p>
              {t("audits.noProgrammeAsk", { names: loaderData.keepers.join(", ") })}{" "}
              <Link to="/start">{t("audits.noProgrammeStart")}</Link>
            </p>
          ) : null}
          {loaderData.canManage ? (
            <Form method="post" action={`?${search.toString()}`} className="form-grid" noValidate>
              <TextAreaField label={t("audits.notes")} name="notes" optional maxLength={2000} />
              <div className="form-actions">
                <SubmitButton name="intent" value="programme">
                  {t("audits.createProgramme", { year })}
                </SubmitButton>
              </div>
            </Form>
          ) : null}
        </section>
      ) : (
        <>
          {loaderData.programme.notes ? <p className="pre-line">{loaderData.programme.notes}</p> : null}
          <section className="card" aria-labelledby="audits-heading">
            <h2 id="audits-heading">{t("audits.planned")}</h2>
            {loaderData.audits.length === 0 ? <p className="muted">{t("audits.none")}</p> : null}
            <ul className="plain-list audit-list">
              {loaderData.audits.map((a) => (
                <li key={a.id}>
                  <Link to={`/revision/granskningar/${a.id}`}>
                    {a.number}. {a.title}
                  </Link>{" "}
                  <span className={`badge audit-${a.status}`}>{t(`audits.status.${a.status}`)}</span>{" "}
                  <span className="muted">
                    {formatDate(a.plannedOn, i18n.language)} · {a.leadAuditorName}
                    {a.openFindings > 0 ? ` · ${t("audits.openFindings", { count: a.openFindings })}` : ""}
                  </span>
                  {a.conflicts.length > 0 ? (
                    <span className="badge badge-warning">
                      {t("audits.notIndependent", { names: a.conflicts.join(", ") })}
                    </span>
                  ) : null}
                </li>
              ))}
            </ul>
          </section>
          {coverage ? (
            <section className="card" aria-labelledby="coverage-heading">
              <h2 id="coverage-heading">{t("audits.coverage")}</h2>
              <h3>{t("audits.processes")}</h3>
              <p>
                {t("audits.processCoverage", {
                  covered: coverage.processes.covered.length,
                  total: coverage.processes.covered.length + coverage.processes.uncovered.length,
                })}
              </p>
              {coverage.processes.uncovered.length > 0 ? (
                <p className="muted">
                  {t("audits.notAudited")}: {coverage.processes.uncovered.map((p) => p.title).join(", ")}
                </p>
              ) : null}
              <h3>{t("audits.clauses")}</h3>
              <ul className="clause-grid" aria-label={t("audits.clauses")}>
                {iso9001Clauses.map((c) => {
                  const covered = coverage.clauses.covered.includes(c);
                  return (
                    <li key={c} className={covered ? "clause-covered" : "clause-uncovered"}>
                      <strong>{c}</strong> {t(`clauses.${c.replace(".", "_")}` as "clauses.4_1")}
                      <span className="visually-hidden"> {covered ? t("audits.covered") : t("audits.uncovered")}</span>
                    </li>
                  );
                })}
              </ul>
            </section>
          ) : null}
          {loaderData.canManage ? (
            <details className="card details-panel" open={Boolean(planning)}>
              <summary>{t("audits.plan")}</summary>
              <FormRefusal errors={planning} />
              <Form method="post" action={`?ar=${year}`} className="form-grid" noValidate>
                <TextField label={t("audits.auditTitle")} name="title" maxLength={200} error={planning?.title} />
                <SelectField
                  label={t("audits.process")}
                  name="processId"
                  options={[{ value: "", label: t("audits.noProcess") }, ...loaderData.processes]}
                />
                <SelectField
                  label={t("audits.unit")}
                  name="unitId"
                  options={[{ value: "", label: t("audits.noUnit") }, ...unitOptions(loaderData.units)]}
                />
                <TextField
                  label={t("audits.plannedOn")}
                  name="plannedOn"
                  type="date"
                  min={`${year}-01-01`}
                  max={`${year}-12-31`}
                  error={planning?.plannedOn}
                />
                <SelectField
                  label={t("audits.lead")}
                  name="leadAuditorId"
                  options={personOptions(loaderData.people, t("common.choosePerson"))}
                  error={planning?.leadAuditorId}
                />
                <fieldset className="checkbox-group">
                  <legend>{t("audits.team")}</legend>
                  {loaderData.people.map((p) => (
                    <label key={p.id}>
                      <input type="checkbox" name="team" value={p.id} /> {p.name}
                    </label>
                  ))}
                </fieldset>
                <fieldset className="checkbox-group">
                  <legend>{t("audits.areas")}</legend>
                  {documentAreas.map((a) => (
                    <label key={a}>
                      <input type="checkbox" name="areas" value={a} /> {t(`areas.${a}`)}
                    </label>
                  ))}
                </fieldset>
                <fieldset className="checkbox-group clause-choice">
                  <legend>{t("audits.clauses")}</legend>
                  {iso9001Clauses.map((c) => (
                    <label key={c}>
                      <input type="checkbox" name="clauses" value={c} /> {c}{" "}
                      {t(`clauses.${c.replace(".", "_")}` as "clauses.4_1")}
                    </label>
                  ))}
                </fieldset>
                <TextAreaField
                  label={t("audits.criteria")}
                  hint={t("audits.criteriaHint")}
                  name="criteria"
                  maxLength={2000}
                  error={planning?.criteria}
                />
                <TextAreaField
                  label={t("audits.method")}
                  hint={t("audits.methodHint")}
                  name="method"
                  maxLength={2000}
                  error={planning?.method}
                />
                <div className="form-actions">
                  <SubmitButton name="intent" value="plan">
                    {t("audits.planSubmit")}
                  </SubmitButton>
                </div>
              </Form>
            </details>
          ) : null}
        </>
      )}
    </>
  );
}
