import { useState } from "react";
import { useTranslation } from "react-i18next";
import { data, Form, Link, redirect } from "react-router";
import { addDays } from "date-fns";
import { TextField } from "#app/components/ui/field.tsx";
import { FormRefusal, Notice } from "#app/components/ui/notice.tsx";
import { PageHeader } from "#app/components/ui/page-header.tsx";
import { SubmitButton } from "#app/components/ui/submit-button.tsx";
import { requirePermission } from "#app/auth/guards.server.ts";
import { can } from "#app/auth/permissions.server.ts";
import { checkFiles, type CheckedFile } from "#app/models/attachments.server.ts";
import { answerChecklist, getTemplate, myChecks, type Answer, type FollowUp } from "#app/models/checklists.server.ts";
import { refusalAsFormError } from "#app/models/errors.ts";
import { toDateInput } from "#app/utils/dates.ts";
import { formText, type FieldErrors } from "#app/utils/forms.ts";
import type { ChecklistQuestion } from "#app/domain/values.ts";
import type { Route } from "./+types/answer";
import { onceTo } from "#app/models/submissions.server.ts";

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
    canAct: can(user, "create", { type: "actions" }),
    // A fortnight is long enough for most fixes a check finds, short enough to be followed.
    defaultDue: toDateInput(addDays(new Date(), 14)),
  };
}

export async function action({ request, params, context }: Route.ActionArgs) {
  const { user } = requirePermission(request, context, "view", { type: "checklists" });
  const template = getTemplate(context.db, params.templateId);
  if (!template) throw data({ reason: "notFound" }, { status: 404 });
  const form = await request.formData();
  const answers: Record<string, Answer> = {};
  const follow: Record<string, FollowUp> = {};
  for (const q of template.questions) {
    answers[q.id] = { value: q.type === "photo" ? "" : formText(form, `a-${q.id}`), note: formText(form, `n-${q.id}`) };
    const kind = formText(form, `f-${q.id}`);
    follow[q.id] =
      kind === "action"
        ? {
            kind,
            title: formText(form, `at-${q.id}`),
            dueOn: formText(form, `ad-${q.id}`),
            effectPlan: formText(form, `ae-${q.id}`),
          }
        : kind === "none"
          ? { kind }
          : { kind: "deviation" };
  }
  // What was written comes back with any refusal, so nothing typed on a phone is lost.
  const sent = { answers, follow };
  try {
    const photos: Record<string, CheckedFile> = {};
    for (const q of template.questions.filter((q) => q.type === "photo")) {
      const file = form.get(`p-${q.id}`);
      const [checked] = file instanceof File ? await checkFiles([file]) : [];
      if (checked) photos[q.id] = checked;
    }
    return redirect(
      onceTo(context.db, user.id, form, () => {
        const { reports, actions } = answerChecklist(
          context.db,
          user,
          { templateId: template.id, subject: params.subject, answers, follow, photos },
          context.config.dataDir,
        );
        return `/avvikelser/egenkontroller?besvarad=${reports.length}&atgarder=${actions.length}`;
      }),
    );
  } catch (error) {
    return { errors: refusalAsFormError(error) as FieldErrors, sent };
  }
}

type Sent = { answers: Record<string, Answer>; follow: Record<string, FollowUp> };

/** A check answered on a phone; each "no" can be reported as a deviation, or taken on as an action, at once. */
export default function AnswerChecklist({ loaderData, actionData }: Route.ComponentProps) {
  const { t } = useTranslation();
  return (
    <>
      <PageHeader title={loaderData.title} intro={`${loaderData.subjectName} · ${loaderData.period}`}>
        <Link to="/avvikelser/egenkontroller" className="button button-ghost">
          {t("admin.back")}
        </Link>
      </PageHeader>
      <FormRefusal errors={actionData?.errors} />
      {loaderData.answered ? (
        <Notice>{t("checklists.alreadyAnswered")}</Notice>
      ) : (
        <section className="card">
          {loaderData.description ? <p>{loaderData.description}</p> : null}
          <Form method="post" encType="multipart/form-data" className="form-grid checklist-form" noValidate>
            {loaderData.questions.map((q) => (
              <Question
                key={q.id}
                question={q}
                sent={actionData?.sent}
                canAct={loaderData.canAct}
                defaultDue={loaderData.defaultDue}
              />
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
  photo: [],
};

type QuestionProps = { question: ChecklistQuestion; sent: Sent | undefined; canAct: boolean; defaultDue: string };

function Question({ question: q, sent, canAct, defaultDue }: QuestionProps) {
  const { t } = useTranslation();
  const [value, setValue] = useState(sent?.answers[q.id]?.value ?? "");
  if (q.type === "text")
    return (
      <TextField
        label={q.text}
        name={`a-${q.id}`}
        optional
        maxLength={2000}
        defaultValue={sent?.answers[q.id]?.value}
      />
    );
  if (q.type === "photo")
    return (
      <div className="field">
        <label htmlFor={`p-${q.id}`}>{q.text}</label>
        <p className="field-hint" id={`p-${q.id}-hint`}>
          {t("checklists.photoHint")}
        </p>
        <input
          id={`p-${q.id}`}
          type="file"
          name={`p-${q.id}`}
          accept="image/jpeg,image/png,image/webp,image/heic"
          capture="environment"
          aria-describedby={`p-${q.id}-hint`}
        />
      </div>
    );
  return (
    <fieldset className="kind-choice">
      <legend>{q.text}</legend>
      {choices[q.type].map((c) => (
        <label key={c}>
          <input type="radio" name={`a-${q.id}`} value={c} defaultChecked={value === c} onChange={() => setValue(c)} />{" "}
          {t(`checklists.choices.${c}` as "checklists.choices.yes")}
        </label>
      ))}
      {value === "no" ? <NoFollowUp question={q} sent={sent} canAct={canAct} defaultDue={defaultDue} /> : null}
    </fieldset>
  );
}

/** What a "no" leads to: a deviation (the default), an action the person takes on, or nothing. */
function NoFollowUp({ question: q, sent, canAct, defaultDue }: QuestionProps) {
  const { t } = useTranslation();
  const before = sent?.follow[q.id];
  const [kind, setKind] = useState(before?.kind ?? "deviation");
  const action = before?.kind === "action" ? before : null;
  const kinds = canAct ? (["deviation", "action", "none"] as const) : (["deviation", "none"] as const);
  return (
    <div className="checklist-no">
      <TextField
        label={t("checklists.whatIsWrong")}
        name={`n-${q.id}`}
        optional
        maxLength={2000}
        defaultValue={sent?.answers[q.id]?.note}
      />
      <fieldset className="checkbox-group">
        <legend>{t("checklists.followUp")}</legend>
        {kinds.map((k) => (
          <label key={k}>
            <input type="radio" name={`f-${q.id}`} value={k} defaultChecked={kind === k} onChange={() => setKind(k)} />{" "}
            {t(`checklists.follow.${k}`)}
          </label>
        ))}
      </fieldset>
      {kind === "action" ? (
        <>
          <TextField
            label={t("checklists.actionTitle")}
            name={`at-${q.id}`}
            maxLength={200}
            defaultValue={action?.title}
          />
          <TextField
            label={t("checklists.actionDue")}
            name={`ad-${q.id}`}
            type="date"
            defaultValue={action?.dueOn ?? defaultDue}
          />
          <TextField
            label={t("checklists.actionEffect")}
            name={`ae-${q.id}`}
            maxLength={2000}
            defaultValue={action?.effectPlan ?? t("checklists.actionEffectDefault")}
          />
        </>
      ) : null}
    </div>
  );
}
