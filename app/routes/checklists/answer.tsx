import { useState } from "react";
import { useTranslation } from "react-i18next";
import { data, Form, Link, redirect } from "react-router";
import { TextField } from "#app/components/ui/field.tsx";
import { Notice } from "#app/components/ui/notice.tsx";
import { PageHeader } from "#app/components/ui/page-header.tsx";
import { SubmitButton } from "#app/components/ui/submit-button.tsx";
import { requirePermission } from "#app/auth/guards.server.ts";
import { answerChecklist, getTemplate, myChecks, type Answer } from "#app/models/checklists.server.ts";
import { refusalAsFormError } from "#app/models/errors.ts";
import type { FieldErrors } from "#app/utils/forms.ts";
import type { ChecklistQuestion } from "#db/schema/values.ts";
import type { Route } from "./+types/answer";

export function loader({ request, params, context }: Route.LoaderArgs) {
  const { user } = requirePermission(request, context, "view", { type: "checklists" });
  const check = myChecks(context.db, user).find(
    (c) => c.template.id === params.templateId && c.subject === params.subject,
  );
  if (!check) throw data({ reason: "notFound" }, { status: 404 });
  return {
    title: check.template.title,
    description: check.template.description,
    questions: check.template.questions,
    subjectName: check.subjectName,
    period: check.period,
    answered: check.answered,
  };
}

export async function action({ request, params, context }: Route.ActionArgs) {
  const { user } = requirePermission(request, context, "view", { type: "checklists" });
  const template = getTemplate(context.db, params.templateId);
  if (!template) throw data({ reason: "notFound" }, { status: 404 });
  const form = await request.formData();
  const answers: Record<string, Answer> = {};
  for (const q of template.questions) {
    answers[q.id] = {
      value: String(form.get(`a-${q.id}`) ?? "").slice(0, 2000),
      note: String(form.get(`n-${q.id}`) ?? "").slice(0, 2000),
    };
  }
  try {
    const { reports } = answerChecklist(
      context.db,
      user,
      { templateId: template.id, subject: params.subject, answers, raise: form.getAll("raise").map(String) },
      context.config.dataDir,
    );
    return redirect(`/avvikelser/egenkontroller?besvarad=${reports.length}`);
  } catch (error) {
    return { errors: refusalAsFormError(error) as FieldErrors };
  }
}

/** A check answered on a phone; each "no" can be reported as a deviation at once. */
export default function AnswerChecklist({ loaderData, actionData }: Route.ComponentProps) {
  const { t } = useTranslation();
  return (
    <>
      <PageHeader title={loaderData.title} intro={`${loaderData.subjectName} · ${loaderData.period}`}>
        <Link to="/avvikelser/egenkontroller" className="button button-ghost">
          {t("admin.back")}
        </Link>
      </PageHeader>
      {actionData?.errors.form ? (
        <Notice tone="error">{t(actionData.errors.form.key as "errors.unit.notFound")}</Notice>
      ) : null}
      {loaderData.answered ? (
        <Notice>{t("checklists.alreadyAnswered")}</Notice>
      ) : (
        <section className="card">
          {loaderData.description ? <p>{loaderData.description}</p> : null}
          <Form method="post" className="form-grid checklist-form" noValidate>
            {loaderData.questions.map((q) => (
              <Question key={q.id} question={q} />
            ))}
            <div className="form-actions">
              <SubmitButton>{t("checklists.send")}</SubmitButton>
            </div>
          </Form>
        </section>
      )}
    </>
  );
}

const choices: Record<ChecklistQuestion["type"], string[]> = {
  yes_no: ["yes", "no"],
  yes_no_partly: ["yes", "partly", "no"],
  scale: ["1", "2", "3", "4", "5"],
  text: [],
};

function Question({ question: q }: { question: ChecklistQuestion }) {
  const { t } = useTranslation();
  const [value, setValue] = useState("");
  if (q.type === "text") return <TextField label={q.text} name={`a-${q.id}`} optional maxLength={2000} />;
  return (
    <fieldset className="kind-choice">
      <legend>{q.text}</legend>
      {choices[q.type].map((c) => (
        <label key={c}>
          <input type="radio" name={`a-${q.id}`} value={c} onChange={() => setValue(c)} />{" "}
          {t(`checklists.choices.${c}` as "checklists.choices.yes")}
        </label>
      ))}
      {value === "no" ? (
        <div className="checklist-no">
          <TextField label={t("checklists.whatIsWrong")} name={`n-${q.id}`} optional maxLength={2000} />
          <label>
            <input type="checkbox" name="raise" value={q.id} defaultChecked /> {t("checklists.raise")}
          </label>
        </div>
      ) : null}
    </fieldset>
  );
}
