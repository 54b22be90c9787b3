import { useTranslation } from "react-i18next";
import { Form, Link, useSearchParams } from "react-router";
import { z } from "zod";
import { SelectField, TextAreaField, TextField } from "#app/components/ui/field.tsx";
import { FormRefusal, Notice } from "#app/components/ui/notice.tsx";
import { PageHeader } from "#app/components/ui/page-header.tsx";
import { SubmitButton } from "#app/components/ui/submit-button.tsx";
import { unitOptions } from "#app/components/unit-options.ts";
import { requirePermission } from "#app/auth/guards.server.ts";
import { can } from "#app/auth/permissions.server.ts";
import { allChecks, createTemplate, myChecks, type Check } from "#app/models/checklists.server.ts";
import { refusalAsFormError } from "#app/models/errors.ts";
import { unitTree } from "#app/models/units.server.ts";
import { formatDate } from "#app/utils/dates.ts";
import { parseFormObject, text, type FieldErrors } from "#app/utils/forms.ts";
import { checklistFrequencies, questionTypes, roles } from "#app/domain/values.ts";
import type { Route } from "./+types/index";
import { once } from "#app/models/submissions.server.ts";

const QUESTION_ROWS = 8;

const templateSchema = z.object({
  title: text(200),
  description: z.string().trim().max(2000, "validation.tooLong").default(""),
  frequency: z.enum(checklistFrequencies, "validation.invalidChoice"),
  target: z.string().max(60),
  questions: z
    .array(z.object({ text: z.string().trim().max(300, "validation.tooLong"), type: z.enum(questionTypes) }))
    .transform((qs) => qs.filter((q) => q.text !== ""))
    .refine((qs) => qs.length > 0, "checklists.needsQuestion"),
});

const row = (c: Check) => ({
  templateId: c.template.id,
  title: c.template.title,
  subject: c.subject,
  subjectName: c.subjectName,
  period: c.period,
  dueOn: c.dueOn,
  answered: c.answered,
  missed: c.missed?.period ?? null,
  roundId: c.roundId,
});

export function loader({ request, context }: Route.LoaderArgs) {
  const { user } = requirePermission(request, context, "view", { type: "checklists" });
  const canCreate = can(user, "create", { type: "checklists" });
  return {
    mine: myChecks(context.db, user).map(row),
    all: canCreate ? allChecks(context.db).map(row) : null,
    canCreate,
    units: canCreate ? unitTree(context.db) : [],
  };
}

export async function action({ request, context }: Route.ActionArgs): Promise<{ errors: FieldErrors; done?: boolean }> {
  const { user } = requirePermission(request, context, "create", { type: "checklists" });
  const form = await request.formData();
  const parsed = parseFormObject(templateSchema, {
    title: form.get("title"),
    description: form.get("description") ?? "",
    frequency: form.get("frequency"),
    target: form.get("target") ?? "",
    questions: Array.from({ length: QUESTION_ROWS }, (_, i) => ({
      text: String(form.get(`q${i}`) ?? ""),
      type: String(form.get(`t${i}`) ?? "yes_no"),
    })),
  });
  if (!parsed.ok) return { errors: parsed.errors };
  const [kind, value] = parsed.data.target.split(":");
  try {
    once(context.db, user.id, form, () =>
      createTemplate(context.db, user, {
        ...parsed.data,
        unitId: kind === "unit" && value ? value : null,
        role: kind === "role" ? (roles.find((r) => r === value) ?? null) : null,
      }),
    );
  } catch (error) {
    return { errors: refusalAsFormError(error) as FieldErrors };
  }
  return { errors: {}, done: true };
}

export default function Checklists({ loaderData, actionData }: Route.ComponentProps) {
  const { t, i18n } = useTranslation();
  const [search] = useSearchParams();
  const answered = search.get("besvarad");
  const actionsAdded = Number(search.get("atgarder")) || 0;
  const status = (c: ReturnType<typeof row>) =>
    c.roundId ? (
      <Link to={`/avvikelser/egenkontroller/svar/${c.roundId}`} className="badge report-closed">
        {t("checklists.answered")}
      </Link>
    ) : (
      <span className="badge report-triaged">
        {t("checklists.dueOn", { date: formatDate(c.dueOn, i18n.language) })}
      </span>
    );
  return (
    <>
      <PageHeader title={t("checklists.title")} intro={t("checklists.intro")}>
        <Link to="/avvikelser" className="button button-ghost">
          {t("admin.back")}
        </Link>
      </PageHeader>
      {answered !== null ? (
        <Notice tone="success">
          {t("checklists.thanks", { count: Number(answered) || 0 })}{" "}
          {actionsAdded > 0 ? t("checklists.actions", { count: actionsAdded }) : null}
        </Notice>
      ) : null}
      <section className="card" aria-labelledby="mine-heading">
        <h2 id="mine-heading">{t("checklists.mine")}</h2>
        {loaderData.mine.length === 0 ? <p className="muted">{t("checklists.noneMine")}</p> : null}
        <ul className="plain-list">
          {loaderData.mine.map((c) => (
            <li key={`${c.templateId}-${c.subject}`}>
              {c.answered ? (
                c.title
              ) : (
                <Link to={`/avvikelser/egenkontroller/${c.templateId}/${c.subject}`}>{c.title}</Link>
              )}{" "}
              <span className="muted">{c.subjectName}</span> {status(c)}{" "}
              {c.missed ? (
                <span className="badge badge-inactive">{t("checklists.missed", { period: c.missed })}</span>
              ) : null}
            </li>
          ))}
        </ul>
      </section>
      {loaderData.all ? (
        <section className="card" aria-labelledby="all-heading">
          <h2 id="all-heading">{t("checklists.all")}</h2>
          <div className="table-wrap">
            <table>
              <caption className="visually-hidden">{t("checklists.all")}</caption>
              <thead>
                <tr>
                  <th scope="col">{t("checklists.checklist")}</th>
                  <th scope="col">{t("checklists.for")}</th>
                  <th scope="col">{t("checklists.period")}</th>
                  <th scope="col">{t("deviations.status")}</th>
                </tr>
              </thead>
              <tbody>
                {loaderData.all.map((c) => (
                  <tr key={`${c.templateId}-${c.subject}`}>
                    <td>{c.title}</td>
                    <td>{c.subjectName}</td>
                    <td>{c.period}</td>
                    <td>
                      {status(c)}{" "}
                      {c.missed ? (
                        <span className="badge badge-inactive">{t("checklists.missed", { period: c.missed })}</span>
                      ) : null}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </section>
      ) : null}
      {loaderData.canCreate ? (
        <details className="card details-panel" open={Boolean(actionData && !actionData.done)}>
          <summary>{t("checklists.new")}</summary>
          <FormRefusal errors={actionData?.errors} />
          {actionData?.done ? <Notice tone="success">{t("admin.saved")}</Notice> : null}
          <Form method="post" className="form-grid" noValidate>
            <TextField label={t("checklists.name")} name="title" maxLength={200} error={actionData?.errors.title} />
            <TextAreaField label={t("checklists.description")} name="description" optional maxLength={2000} />
            <SelectField
              label={t("checklists.frequency")}
              name="frequency"
              defaultValue="monthly"
              options={checklistFrequencies.map((f) => ({ value: f, label: t(`checklists.frequencies.${f}`) }))}
            />
            <SelectField
              label={t("checklists.for")}
              name="target"
              options={[
                { value: "", label: t("checklists.everyUnit") },
                ...unitOptions(loaderData.units).map((u) => ({ value: `unit:${u.value}`, label: u.label })),
                ...roles.map((r) => ({
                  value: `role:${r}`,
                  label: t("checklists.everyone", { role: t(`roles.${r}`) }),
                })),
              ]}
            />
            <fieldset className="question-rows">
              <legend>{t("checklists.questions")}</legend>
              {actionData?.errors.questions ? (
                <p className="field-error">{t(actionData.errors.questions.key as "checklists.needsQuestion")}</p>
              ) : null}
              {Array.from({ length: QUESTION_ROWS }, (_, i) => (
                <div key={i} className="inline-fields">
                  <TextField label={t("checklists.question", { n: i + 1 })} name={`q${i}`} optional maxLength={300} />
                  <SelectField
                    label={t("checklists.answerType")}
                    name={`t${i}`}
                    options={questionTypes.map((q) => ({ value: q, label: t(`checklists.types.${q}`) }))}
                  />
                </div>
              ))}
            </fieldset>
            <div className="form-actions">
              <SubmitButton>{t("checklists.create")}</SubmitButton>
            </div>
          </Form>
        </details>
      ) : null}
    </>
  );
}
