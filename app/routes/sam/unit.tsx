import { useTranslation } from "react-i18next";
import { data, Form, Link, redirect, useSearchParams } from "react-router";
import { AssessmentBadge } from "#app/components/sam/assessment-badge.tsx";
import { SelectField, TextAreaField } from "#app/components/ui/field.tsx";
import { FormRefusal, Notice } from "#app/components/ui/notice.tsx";
import { PageHeader } from "#app/components/ui/page-header.tsx";
import { SubmitButton } from "#app/components/ui/submit-button.tsx";
import { requirePermission } from "#app/auth/guards.server.ts";
import { can } from "#app/auth/permissions.server.ts";
import { refusalAsFormError } from "#app/models/errors.ts";
import { samQuestions } from "#app/models/sam-rules.ts";
import { answerFollowUp, responsesOf } from "#app/models/sam-answers.server.ts";
import { followUpTitle } from "#app/models/sam.server.ts";
import { listPeople } from "#app/models/users.server.ts";
import { formatDate } from "#app/utils/dates.ts";
import { formText, type FieldErrors } from "#app/utils/forms.ts";
import { samAssessments, samMethods, type SamAnswer, type SamMethod } from "#app/domain/values.ts";
import { followUpOr404 } from "./follow-up-or-404.server.ts";
import type { Route } from "./+types/unit";
import { personOptions } from "#app/components/person-options.ts";

function responseOr404(context: Route.LoaderArgs["context"], id: string, unitId: string) {
  const followUp = followUpOr404(context, id);
  const response = responsesOf(context.db, id).find((r) => r.unitId === unitId);
  if (!response) throw data({ reason: "notFound" }, { status: 404 });
  return { followUp, response };
}

export function loader({ request, params, context }: Route.LoaderArgs) {
  const { followUp, response } = responseOr404(context, params.id, params.unitId);
  const { user } = requirePermission(request, context, "read", { type: "sam_response", unitId: response.unitId });
  const open = !response.answeredAt && !followUp.completedAt;
  return {
    title: followUpTitle(followUp),
    followUpId: followUp.id,
    method: followUp.method,
    dueOn: followUp.dueOn,
    canSeeAll: can(user, "read", { type: "sam" }),
    response: { ...response, answeredAt: response.answeredAt?.toISOString() ?? null },
    canAnswer: open && can(user, "edit", { type: "sam_response", unitId: response.unitId }),
    people: open ? listPeople(context.db) : [],
    me: user.id,
  };
}

export async function action({ request, params, context }: Route.ActionArgs) {
  const { response } = responseOr404(context, params.id, params.unitId);
  const { user } = requirePermission(request, context, "edit", { type: "sam_response", unitId: response.unitId });
  const form = await request.formData();
  const answers: Record<string, SamAnswer> = {};
  for (const q of samQuestions) {
    const value = samAssessments.find((a) => a === form.get(`a-${q}`));
    if (value) answers[q] = { value, note: formText(form, `n-${q}`, 2000) };
  }
  const sent = {
    answers,
    method: samMethods.find((m) => m === form.get("method")) ?? "questionnaire",
    managerId: formText(form, "managerId", 40),
    safetyRepId: formText(form, "safetyRepId", 40),
    strengths: formText(form, "strengths"),
    improvements: formText(form, "improvements"),
  };
  try {
    answerFollowUp(context.db, user, { followUpId: params.id, unitId: response.unitId, ...sent });
  } catch (error) {
    // What was written comes back with the refusal: a meeting's notes are never lost to a missed field.
    return { errors: refusalAsFormError(error) as FieldErrors, sent };
  }
  throw redirect(`/avvikelser/sam/${params.id}/enhet/${response.unitId}?sparad=1`);
}

type Sent = {
  answers: Record<string, SamAnswer>;
  method: SamMethod;
  managerId: string;
  safetyRepId: string;
  strengths: string;
  improvements: string;
};

/** A unit's follow-up: answered together by its manager and safety representative, then shown as given. */
export default function SamUnit({ loaderData, actionData }: Route.ComponentProps) {
  const { t, i18n } = useTranslation();
  const r = loaderData.response;
  const [search] = useSearchParams();
  return (
    <>
      <PageHeader title={`${loaderData.title}: ${r.unitName}`} intro={t("sam.unitIntro")}>
        <Link
          to={loaderData.canSeeAll ? `/avvikelser/sam/${loaderData.followUpId}` : "/avvikelser/sam"}
          className="button button-ghost"
        >
          {t("admin.back")}
        </Link>
      </PageHeader>
      <FormRefusal errors={actionData?.errors} />
      {search.has("sparad") ? <Notice tone="success">{t("sam.answerSaved")}</Notice> : null}
      {r.answeredAt ? (
        <Answered response={r} language={i18n.language} />
      ) : loaderData.canAnswer ? (
        <AnswerForm
          people={loaderData.people}
          me={loaderData.me}
          method={loaderData.method}
          dueOn={formatDate(loaderData.dueOn, i18n.language)}
          sent={actionData?.sent}
        />
      ) : (
        <Notice>{t("sam.awaitingAnswer")}</Notice>
      )}
    </>
  );
}

function AnswerForm({
  people,
  me,
  method,
  dueOn,
  sent,
}: {
  people: { id: string; name: string }[];
  me: string;
  method: SamMethod;
  dueOn: string;
  sent: Sent | undefined;
}) {
  const { t } = useTranslation();
  const choose = personOptions(people, t("common.choosePerson"));
  return (
    <Form method="post" className="form-grid sam-form" noValidate>
      <section className="card">
        <p>{t("sam.answerIntro", { date: dueOn })}</p>
        <SelectField
          label={t("sam.methodUsed")}
          name="method"
          defaultValue={sent?.method ?? method}
          options={samMethods.map((m) => ({ value: m, label: t(`sam.methods.${m}`) }))}
        />
        <SelectField label={t("sam.manager")} name="managerId" defaultValue={sent?.managerId ?? me} options={choose} />
        <SelectField
          label={t("sam.safetyRep")}
          name="safetyRepId"
          defaultValue={sent?.safetyRepId ?? ""}
          options={choose}
        />
      </section>
      {samQuestions.map((q, i) => (
        <fieldset key={q} className="card sam-question">
          <legend>
            {i + 1}. {t(`sam.questions.${q}`)}
          </legend>
          <div className="kind-choice">
            {samAssessments.map((a) => (
              <label key={a}>
                <input type="radio" name={`a-${q}`} value={a} defaultChecked={sent?.answers[q]?.value === a} />{" "}
                {t(`sam.assessments.${a}`)}
              </label>
            ))}
          </div>
          <TextAreaField
            label={t("sam.comment")}
            name={`n-${q}`}
            optional
            rows={2}
            maxLength={2000}
            defaultValue={sent?.answers[q]?.note}
          />
        </fieldset>
      ))}
      <section className="card">
        <TextAreaField
          label={t("sam.strengths")}
          hint={t("sam.strengthsHint")}
          name="strengths"
          maxLength={4000}
          defaultValue={sent?.strengths}
        />
        <TextAreaField
          label={t("sam.improvements")}
          hint={t("sam.improvementsHint")}
          name="improvements"
          maxLength={4000}
          defaultValue={sent?.improvements}
        />
        <div className="form-actions">
          <SubmitButton>{t("sam.sendAnswer")}</SubmitButton>
        </div>
      </section>
    </Form>
  );
}

type Shown = {
  unitName: string;
  answers: Record<string, SamAnswer> | null;
  method: SamMethod | null;
  managerName: string | null;
  safetyRepName: string | null;
  strengths: string | null;
  improvements: string | null;
  answeredAt: string | null;
};

function Answered({ response: r, language }: { response: Shown; language: string }) {
  const { t } = useTranslation();
  return (
    <>
      <p className="document-meta">
        {t("sam.together", { manager: r.managerName, safetyRep: r.safetyRepName })} ·{" "}
        {r.method ? t(`sam.methods.${r.method}`) : null} · {formatDate(r.answeredAt!, language)}
      </p>
      <section className="card" aria-labelledby="answers-heading">
        <h2 id="answers-heading">{t("sam.answers")}</h2>
        <dl className="round-answers">
          {samQuestions.map((q, i) => {
            const answer = r.answers?.[q];
            return (
              <div key={q}>
                <dt>
                  {i + 1}. {t(`sam.questions.${q}`)}
                </dt>
                <dd>
                  {answer ? <AssessmentBadge value={answer.value} /> : null}
                  {answer?.note ? <p>{answer.note}</p> : null}
                </dd>
              </div>
            );
          })}
        </dl>
      </section>
      <section className="card">
        <dl className="facts">
          <dt>{t("sam.strengths")}</dt>
          <dd className="pre-line">{r.strengths}</dd>
          <dt>{t("sam.improvements")}</dt>
          <dd className="pre-line">{r.improvements}</dd>
        </dl>
      </section>
    </>
  );
}
