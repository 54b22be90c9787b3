import { useTranslation } from "react-i18next";
import { Form, Link } from "react-router";
import { z } from "zod";
import { SelectField, TextAreaField, TextField } from "#app/components/ui/field.tsx";
import { Notice } from "#app/components/ui/notice.tsx";
import { PageHeader } from "#app/components/ui/page-header.tsx";
import { SubmitButton } from "#app/components/ui/submit-button.tsx";
import { requirePermission } from "#app/auth/guards.server.ts";
import { can } from "#app/auth/permissions.server.ts";
import { competenceMatrix, createCompetence, recordCompetence } from "#app/models/competence.server.ts";
import { listDocuments } from "#app/models/documents.server.ts";
import { refusalAsFormError } from "#app/models/errors.ts";
import { dayOf } from "#app/models/releases.server.ts";
import { formatDate } from "#app/utils/dates.ts";
import { parseFormObject, text, type FieldErrors } from "#app/utils/forms.ts";
import { roles, verificationMethods } from "#app/domain/values.ts";
import { SheetLinks } from "#app/components/sheet-links.tsx";
import type { Route } from "./+types/competence";
import { personOptions } from "#app/components/person-options.ts";
import { once } from "#app/models/submissions.server.ts";

export function loader({ request, context }: Route.LoaderArgs) {
  const { user } = requirePermission(request, context, "view", { type: "delegations" });
  const canManage = can(user, "manage", { type: "delegations" });
  const matrix = competenceMatrix(context.db);
  return {
    ...matrix,
    competences: matrix.competences.map((c) => ({
      id: c.id,
      name: c.name,
      roles: c.roles,
      validMonths: c.validMonths,
    })),
    canManage,
    routines: canManage
      ? listDocuments(context.db)
          .filter((d) => d.type === "routine" && d.status === "draft")
          .map((d) => ({ value: d.id, label: d.title }))
      : [],
    today: dayOf(new Date()),
  };
}

const competenceSchema = z.object({
  name: text(200),
  description: z.string().trim().max(2000, "validation.tooLong"),
  roles: z.array(z.enum(roles)),
  documentId: z
    .string()
    .max(40)
    .transform((v) => v || null),
  validMonths: z
    .string()
    .transform((v) => (v.trim() === "" ? null : Number(v)))
    .pipe(z.number().int().min(1).max(120).nullable()),
});

const recordSchema = z.object({
  competenceId: z.string().min(1, "validation.required").max(40),
  userId: z.string().min(1, "validation.required").max(40),
  kind: z.enum(["training", ...verificationMethods], "validation.invalidChoice"),
  on: z.iso.date("validation.invalidDate"),
  note: z.string().trim().max(2000, "validation.tooLong"),
});

export async function action({
  request,
  context,
}: Route.ActionArgs): Promise<{ intent: string; errors: FieldErrors; done?: boolean }> {
  const { user } = requirePermission(request, context, "manage", { type: "delegations" });
  const form = await request.formData();
  const intent = String(form.get("intent"));
  const field = (name: string) => String(form.get(name) ?? "");
  try {
    if (intent === "create") {
      const parsed = parseFormObject(competenceSchema, {
        name: field("name"),
        description: field("description"),
        roles: form.getAll("roles").map(String),
        documentId: field("documentId"),
        validMonths: field("validMonths"),
      });
      if (!parsed.ok) return { intent, errors: parsed.errors };
      once(context.db, user.id, form, () => createCompetence(context.db, user, parsed.data));
    } else {
      const parsed = parseFormObject(
        recordSchema,
        Object.fromEntries(["competenceId", "userId", "kind", "on", "note"].map((k) => [k, field(k)])),
      );
      if (!parsed.ok) return { intent, errors: parsed.errors };
      once(context.db, user.id, form, () => recordCompetence(context.db, user, parsed.data));
    }
  } catch (error) {
    return { intent, errors: refusalAsFormError(error) };
  }
  return { intent, errors: {}, done: true };
}

/** Who has which competence, verified or only trained, and where the gaps and expiries are. */
export default function Competence({ loaderData, actionData }: Route.ComponentProps) {
  const { t, i18n } = useTranslation();
  const errorsOf = (intent: string) => (actionData?.intent === intent ? actionData.errors : undefined);
  return (
    <>
      <PageHeader title={t("competence.title")} intro={t("competence.intro")}>
        <Link to="/krav" className="button button-ghost">
          {t("admin.back")}
        </Link>
        <SheetLinks
          register="kompetenskrav"
          canImport={loaderData.canManage}
          label={t("sheets.registers.competences").toLocaleLowerCase()}
        />
        <SheetLinks
          register="kompetens"
          canImport={loaderData.canManage}
          label={t("sheets.registers.competenceRecords").toLocaleLowerCase()}
        />
      </PageHeader>
      <p className="cycle-summary">
        <span className="badge competence-missing">{t("competence.gaps", { count: loaderData.gaps })}</span>
        <span className="badge competence-expiring">
          {t("competence.expiringCount", { count: loaderData.expiring })}
        </span>
      </p>
      <section className="card" aria-labelledby="matrix-heading">
        <h2 id="matrix-heading">{t("competence.matrix")}</h2>
        {loaderData.competences.length === 0 ? (
          <p className="muted">{t("competence.none")}</p>
        ) : (
          <div className="table-wrap">
            <table className="competence-matrix">
              <caption className="visually-hidden">{t("competence.matrix")}</caption>
              <thead>
                <tr>
                  <th scope="col">{t("competence.person")}</th>
                  {loaderData.competences.map((c) => (
                    <th key={c.id} scope="col">
                      {c.name}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {loaderData.rows.map((r) => (
                  <tr key={r.id}>
                    <th scope="row">
                      {r.name} <span className="muted">{t(`roles.${r.role}`)}</span>
                    </th>
                    {r.cells.map((c) => (
                      <td key={c.competenceId}>
                        {c.state === "not_required" ? (
                          <span className="muted">–</span>
                        ) : (
                          <span className={`badge competence-${c.state}`}>
                            {t(`competence.states.${c.state}`)}
                            {c.validUntil ? ` ${formatDate(c.validUntil, i18n.language)}` : ""}
                          </span>
                        )}
                      </td>
                    ))}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
      {loaderData.canManage ? (
        <>
          {loaderData.competences.length > 0 ? (
            <details className="card details-panel" open={Boolean(errorsOf("record"))}>
              <summary>{t("competence.record")}</summary>
              <p className="muted">{t("competence.recordHint")}</p>
              {errorsOf("record")?.form ? (
                <Notice tone="error">{t(errorsOf("record")!.form!.key as "errors.unit.notFound")}</Notice>
              ) : null}
              <Form method="post" className="form-grid" noValidate>
                <SelectField
                  label={t("competence.person")}
                  name="userId"
                  options={personOptions(loaderData.rows, t("common.choosePerson"))}
                  error={errorsOf("record")?.userId}
                />
                <SelectField
                  label={t("competence.competence")}
                  name="competenceId"
                  options={loaderData.competences.map((c) => ({ value: c.id, label: c.name }))}
                />
                <SelectField
                  label={t("competence.kind")}
                  name="kind"
                  options={["training", ...verificationMethods].map((k) => ({
                    value: k,
                    label: t(`competence.kinds.${k}` as "competence.kinds.training"),
                  }))}
                />
                <TextField
                  label={t("competence.on")}
                  name="on"
                  type="date"
                  max={loaderData.today}
                  defaultValue={loaderData.today}
                />
                <TextAreaField
                  label={t("competence.note")}
                  hint={t("competence.noteHint")}
                  name="note"
                  optional
                  maxLength={2000}
                />
                <div className="form-actions">
                  <SubmitButton name="intent" value="record">
                    {t("competence.recordSubmit")}
                  </SubmitButton>
                </div>
              </Form>
            </details>
          ) : null}
          <details className="card details-panel" open={Boolean(errorsOf("create"))}>
            <summary>{t("competence.new")}</summary>
            {errorsOf("create")?.form ? (
              <Notice tone="error">{t(errorsOf("create")!.form!.key as "errors.unit.notFound")}</Notice>
            ) : null}
            <Form method="post" className="form-grid" noValidate>
              <TextField label={t("competence.name")} name="name" maxLength={200} error={errorsOf("create")?.name} />
              <TextAreaField label={t("competence.description")} name="description" optional maxLength={2000} />
              <fieldset className="checkbox-group">
                <legend>{t("competence.requiredOf")}</legend>
                {roles
                  .filter((r) => r !== "external_auditor")
                  .map((r) => (
                    <label key={r}>
                      <input type="checkbox" name="roles" value={r} /> {t(`roles.${r}`)}
                    </label>
                  ))}
              </fieldset>
              <SelectField
                label={t("competence.routine")}
                name="documentId"
                options={[{ value: "", label: t("competence.noRoutine") }, ...loaderData.routines]}
              />
              <TextField
                label={t("competence.validMonths")}
                hint={t("competence.validMonthsHint")}
                name="validMonths"
                type="number"
                inputMode="numeric"
                min={1}
                max={120}
                optional
                error={errorsOf("create")?.validMonths}
              />
              <div className="form-actions">
                <SubmitButton name="intent" value="create">
                  {t("competence.create")}
                </SubmitButton>
              </div>
            </Form>
          </details>
        </>
      ) : null}
    </>
  );
}
