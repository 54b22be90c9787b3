import { useTranslation } from "react-i18next";
import { Form, Link } from "react-router";
import { z } from "zod";
import { SelectField, TextAreaField, TextField } from "#app/components/ui/field.tsx";
import { FormRefusal } from "#app/components/ui/notice.tsx";
import { PageHeader } from "#app/components/ui/page-header.tsx";
import { SubmitButton } from "#app/components/ui/submit-button.tsx";
import { requirePermission } from "#app/auth/guards.server.ts";
import { can } from "#app/auth/permissions.server.ts";
import { auditPeople } from "#app/models/audits.server.ts";
import { addLegalRequirement, evaluateCompliance, legalRegister } from "#app/models/context.server.ts";
import { refusalAsFormError } from "#app/models/errors.ts";
import { dayOf } from "#app/models/releases.server.ts";
import { formatDate } from "#app/utils/dates.ts";
import { formText, parseFormObject, text, type FieldErrors } from "#app/utils/forms.ts";
import { complianceResults, documentAreas } from "#app/domain/values.ts";
import { SheetLinks } from "#app/components/sheet-links.tsx";
import type { Route } from "./+types/legal";
import { personOptions } from "#app/components/person-options.ts";
import { once } from "#app/models/submissions.server.ts";

export function loader({ request, context }: Route.LoaderArgs) {
  const { user } = requirePermission(request, context, "view", { type: "requirements" });
  const canManage = can(user, "manage", { type: "requirements" });
  return {
    laws: legalRegister(context.db).map((l) => ({
      ...l,
      createdAt: l.createdAt.toISOString(),
      evaluations: l.evaluations.map((e) => ({ ...e, createdAt: e.createdAt.toISOString() })),
      canEvaluate: canManage || l.responsibleId === user.id,
    })),
    canManage,
    people: canManage ? auditPeople(context.db) : [],
    today: dayOf(new Date()),
  };
}

const lawSchema = z.object({
  title: text(300),
  reference: z.string().trim().max(500, "validation.tooLong"),
  areas: z.array(z.enum(documentAreas)),
  howItApplies: text(4000),
  responsibleId: z.string().min(1, "validation.required").max(40),
});

export async function action({
  request,
  context,
}: Route.ActionArgs): Promise<{ intent: string; lawId?: string; errors: FieldErrors; done?: boolean }> {
  const { user } = requirePermission(request, context, "view", { type: "requirements" });
  const form = await request.formData();
  const intent = String(form.get("intent"));
  const lawId = formText(form, "lawId", 40);
  try {
    if (intent === "add") {
      const parsed = parseFormObject(lawSchema, {
        title: form.get("title"),
        reference: form.get("reference") ?? "",
        areas: form.getAll("areas").map(String),
        howItApplies: form.get("howItApplies"),
        responsibleId: form.get("responsibleId"),
      });
      if (!parsed.ok) return { intent, errors: parsed.errors };
      once(context.db, user.id, form, () => addLegalRequirement(context.db, user, parsed.data));
    } else {
      evaluateCompliance(context.db, user, lawId, {
        evaluatedOn: formText(form, "evaluatedOn", 10),
        result: complianceResults.find((r) => r === form.get("result")) ?? "not_compliant",
        note: formText(form, "note", 4000),
      });
    }
  } catch (error) {
    return { intent, lawId, errors: refusalAsFormError(error) };
  }
  return { intent, lawId, errors: {}, done: true };
}

/** The laws that apply, who follows each, and the dated evaluations of compliance. */
export default function LegalRegister({ loaderData, actionData }: Route.ComponentProps) {
  const { t, i18n } = useTranslation();
  const adding = actionData?.intent === "add" ? actionData.errors : undefined;
  return (
    <>
      <PageHeader title={t("legal.title")} intro={t("legal.intro")}>
        <Link to="/krav" className="button button-ghost">
          {t("admin.back")}
        </Link>
        <SheetLinks register="lagregister" canImport={loaderData.canManage} />
      </PageHeader>
      <section className="card" aria-labelledby="laws-heading">
        <h2 id="laws-heading">{t("legal.laws")}</h2>
        {loaderData.laws.length === 0 ? <p className="muted">{t("legal.none")}</p> : null}
        {loaderData.laws.map((l) => {
          const latest = l.evaluations[0];
          const errors = actionData?.intent === "evaluate" && actionData.lawId === l.id ? actionData.errors : undefined;
          return (
            <article key={l.id} className="finding" aria-labelledby={`law-${l.id}`}>
              <h3 id={`law-${l.id}`}>{l.title}</h3>
              <p>
                {latest ? (
                  <span className={`badge compliance-${latest.result}`}>
                    {t(`legal.results.${latest.result}`)} {formatDate(latest.evaluatedOn, i18n.language)}
                  </span>
                ) : (
                  <span className="badge badge-warning">{t("legal.notEvaluated")}</span>
                )}{" "}
                <span className="muted">
                  {t("legal.followedBy", { name: l.responsibleName })}
                  {l.reference ? ` · ${l.reference}` : ""}
                </span>
              </p>
              <p className="pre-line">{l.howItApplies}</p>
              {l.evaluations.length > 0 ? (
                <ul className="plain-list">
                  {l.evaluations.map((e) => (
                    <li key={e.id}>
                      {formatDate(e.evaluatedOn, i18n.language)} · {t(`legal.results.${e.result}`)} · {e.evaluatorName}:{" "}
                      {e.note}
                    </li>
                  ))}
                </ul>
              ) : null}
              {l.canEvaluate ? (
                <details className="details-panel" open={Boolean(errors)}>
                  <summary>{t("legal.evaluate")}</summary>
                  <FormRefusal errors={errors} />
                  <Form method="post" className="form-grid" noValidate>
                    <input type="hidden" name="lawId" value={l.id} />
                    <TextField
                      label={t("legal.evaluatedOn")}
                      name="evaluatedOn"
                      type="date"
                      max={loaderData.today}
                      defaultValue={loaderData.today}
                    />
                    <SelectField
                      label={t("legal.result")}
                      name="result"
                      options={complianceResults.map((r) => ({ value: r, label: t(`legal.results.${r}`) }))}
                    />
                    <TextAreaField label={t("legal.note")} hint={t("legal.noteHint")} name="note" maxLength={4000} />
                    <div className="form-actions">
                      <SubmitButton name="intent" value="evaluate">
                        {t("legal.saveEvaluation")}
                      </SubmitButton>
                    </div>
                  </Form>
                </details>
              ) : null}
            </article>
          );
        })}
      </section>
      {loaderData.canManage ? (
        <details className="card details-panel" open={Boolean(adding)}>
          <summary>{t("legal.add")}</summary>
          <FormRefusal errors={adding} />
          <Form method="post" className="form-grid" noValidate>
            <TextField
              label={t("legal.lawTitle")}
              hint={t("legal.lawTitleHint")}
              name="title"
              maxLength={300}
              error={adding?.title}
            />
            <TextField label={t("legal.reference")} name="reference" optional maxLength={500} />
            <fieldset className="checkbox-group">
              <legend>{t("audits.areas")}</legend>
              {documentAreas.map((a) => (
                <label key={a}>
                  <input type="checkbox" name="areas" value={a} /> {t(`areas.${a}`)}
                </label>
              ))}
            </fieldset>
            <TextAreaField
              label={t("legal.howItApplies")}
              name="howItApplies"
              maxLength={4000}
              error={adding?.howItApplies}
            />
            <SelectField
              label={t("legal.responsible")}
              name="responsibleId"
              options={personOptions(loaderData.people, t("common.choosePerson"))}
              error={adding?.responsibleId}
            />
            <div className="form-actions">
              <SubmitButton name="intent" value="add">
                {t("legal.addSubmit")}
              </SubmitButton>
            </div>
          </Form>
        </details>
      ) : null}
    </>
  );
}
