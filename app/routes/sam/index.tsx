import { useTranslation } from "react-i18next";
import { Form, Link, redirect } from "react-router";
import { z } from "zod";
import { SelectField, TextAreaField, TextField } from "#app/components/ui/field.tsx";
import { FormRefusal, Notice } from "#app/components/ui/notice.tsx";
import { PageHeader } from "#app/components/ui/page-header.tsx";
import { SubmitButton } from "#app/components/ui/submit-button.tsx";
import { requirePermission } from "#app/auth/guards.server.ts";
import { can } from "#app/auth/permissions.server.ts";
import { refusalAsFormError } from "#app/models/errors.ts";
import { awaitingMyUnit } from "#app/models/sam-answers.server.ts";
import { followUpTitle, listFollowUps, startFollowUp } from "#app/models/sam.server.ts";
import { unitTree } from "#app/models/units.server.ts";
import { formatDate, toDateInput } from "#app/utils/dates.ts";
import { parseFormObject, type FieldErrors } from "#app/utils/forms.ts";
import { samMethods, samReasons } from "#app/domain/values.ts";
import type { Route } from "./+types/index";
import { onceTo } from "#app/models/submissions.server.ts";

const startSchema = z.object({
  year: z.coerce
    .number("validation.required")
    .int()
    .min(2000, "validation.invalidChoice")
    .max(2100, "validation.invalidChoice"),
  reason: z.enum(samReasons, "validation.invalidChoice"),
  background: z.string().trim().max(2000, "validation.tooLong"),
  method: z.enum(samMethods, "validation.invalidChoice"),
  dueOn: z.iso.date("validation.invalidDate"),
  unitIds: z.array(z.string().max(40)).min(1, "sam.pickUnits"),
});

export function loader({ request, context }: Route.LoaderArgs) {
  const { user } = requirePermission(request, context, "view", { type: "sam" });
  const canManage = can(user, "manage", { type: "sam" });
  const followUps = can(user, "read", { type: "sam" }) ? listFollowUps(context.db) : [];
  const now = new Date();
  return {
    followUps: followUps.map((f) => ({
      id: f.id,
      title: followUpTitle(f),
      reason: f.reason,
      method: f.method,
      dueOn: f.dueOn,
      sent: f.sent,
      answered: f.answered,
      completed: f.completedAt !== null,
    })),
    awaiting: awaitingMyUnit(context.db, user),
    canManage,
    annualMissing: canManage && !followUps.some((f) => f.reason === "annual" && f.year === now.getFullYear()),
    year: now.getFullYear(),
    // Four weeks gives units time to meet; the date can be changed.
    defaultDue: toDateInput(new Date(now.getTime() + 28 * 24 * 60 * 60 * 1000)),
    units: canManage ? unitTree(context.db).map((u) => ({ id: u.id, name: u.name, depth: u.depth })) : [],
  };
}

export async function action({ request, context }: Route.ActionArgs): Promise<{ errors: FieldErrors }> {
  const { user } = requirePermission(request, context, "manage", { type: "sam" });
  const form = await request.formData();
  const parsed = parseFormObject(startSchema, {
    year: form.get("year"),
    reason: form.get("reason"),
    background: form.get("background") ?? "",
    method: form.get("method"),
    dueOn: form.get("dueOn"),
    unitIds: form.getAll("unitIds").map(String),
  });
  if (!parsed.ok) return { errors: parsed.errors };
  let location: string;
  try {
    location = onceTo(
      context.db,
      user.id,
      form,
      () => `/avvikelser/sam/${startFollowUp(context.db, user, parsed.data)}`,
    );
  } catch (error) {
    return { errors: refusalAsFormError(error) };
  }
  throw redirect(location);
}

/** The follow-ups of the work-environment management: this year's, off-cycle ones, and starting one. */
export default function SamFollowUps({ loaderData, actionData }: Route.ComponentProps) {
  const { t, i18n } = useTranslation();
  const errors = actionData?.errors;
  return (
    <>
      <PageHeader title={t("sam.title")} intro={t("sam.intro")}>
        <Link to="/avvikelser" className="button button-ghost">
          {t("admin.back")}
        </Link>
      </PageHeader>
      {loaderData.annualMissing ? <Notice>{t("sam.annualMissing", { year: loaderData.year })}</Notice> : null}
      {loaderData.awaiting.length > 0 ? (
        <section className="card" aria-labelledby="awaiting-heading">
          <h2 id="awaiting-heading">{t("sam.awaiting")}</h2>
          <ul className="plain-list">
            {loaderData.awaiting.map((a) => (
              <li key={a.followUpId}>
                <Link to={`/avvikelser/sam/${a.followUpId}/enhet/${a.unitId}`}>
                  {t("sam.answerFor", { year: a.year })}
                </Link>{" "}
                <span className="badge report-triaged">
                  {t("checklists.dueOn", { date: formatDate(a.dueOn, i18n.language) })}
                </span>
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      {loaderData.followUps.length > 0 ? (
        <section className="card" aria-labelledby="list-heading">
          <h2 id="list-heading">{t("sam.list")}</h2>
          <div className="table-wrap">
            <table>
              <caption className="visually-hidden">{t("sam.list")}</caption>
              <thead>
                <tr>
                  <th scope="col">{t("sam.followUp")}</th>
                  <th scope="col">{t("sam.reason")}</th>
                  <th scope="col">{t("sam.method")}</th>
                  <th scope="col">{t("sam.answered")}</th>
                  <th scope="col">{t("deviations.status")}</th>
                </tr>
              </thead>
              <tbody>
                {loaderData.followUps.map((f) => (
                  <tr key={f.id}>
                    <td>
                      <Link to={`/avvikelser/sam/${f.id}`}>{f.title}</Link>
                    </td>
                    <td>{t(`sam.reasons.${f.reason}`)}</td>
                    <td>{t(`sam.methods.${f.method}`)}</td>
                    <td>
                      <progress max={f.sent} value={f.answered} aria-label={t("sam.answered")} />{" "}
                      {t("sam.answeredOf", { answered: f.answered, sent: f.sent })}
                    </td>
                    <td>
                      <span className={`badge ${f.completed ? "badge-current" : "badge-draft"}`}>
                        {t(f.completed ? "links.status.sam_completed" : "links.status.sam_open")}
                      </span>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </section>
      ) : null}
      {loaderData.canManage ? (
        <details className="card details-panel" open={Boolean(errors) || loaderData.annualMissing}>
          <summary>{t("sam.start")}</summary>
          <FormRefusal errors={errors} />
          <Form method="post" className="form-grid" noValidate>
            <SelectField
              label={t("sam.reason")}
              name="reason"
              options={samReasons.map((r) => ({ value: r, label: t(`sam.reasons.${r}`) }))}
              error={errors?.reason}
            />
            <TextField
              label={t("sam.year")}
              name="year"
              type="number"
              inputMode="numeric"
              defaultValue={loaderData.year}
              error={errors?.year}
            />
            <TextAreaField
              label={t("sam.background")}
              hint={t("sam.backgroundHint")}
              name="background"
              optional
              maxLength={2000}
              error={errors?.background}
            />
            <SelectField
              label={t("sam.method")}
              hint={t("sam.methodHint")}
              name="method"
              options={samMethods.map((m) => ({ value: m, label: t(`sam.methods.${m}`) }))}
            />
            <TextField
              label={t("sam.dueOn")}
              name="dueOn"
              type="date"
              defaultValue={loaderData.defaultDue}
              error={errors?.dueOn}
            />
            <fieldset className="checkbox-group">
              <legend>{t("sam.units")}</legend>
              {errors?.unitIds ? <p className="field-error">{t(errors.unitIds.key as "sam.pickUnits")}</p> : null}
              {loaderData.units.map((u) => (
                <label key={u.id} style={{ paddingInlineStart: `${u.depth * 1.25}rem` }}>
                  <input type="checkbox" name="unitIds" value={u.id} defaultChecked /> {u.name}
                </label>
              ))}
            </fieldset>
            <div className="form-actions">
              <SubmitButton>{t("sam.send")}</SubmitButton>
            </div>
          </Form>
        </details>
      ) : null}
    </>
  );
}
