import { lazy, Suspense } from "react";
import { useTranslation } from "react-i18next";
import { data, Form, Link } from "react-router";
import { AssessmentBadge } from "#app/components/sam/assessment-badge.tsx";
import { TextAreaField, TextField } from "#app/components/ui/field.tsx";
import { FormRefusal, Notice } from "#app/components/ui/notice.tsx";
import { PageHeader } from "#app/components/ui/page-header.tsx";
import { SubmitButton } from "#app/components/ui/submit-button.tsx";
import { useHydrated } from "#app/components/use-hydrated.ts";
import { requirePermission } from "#app/auth/guards.server.ts";
import { can } from "#app/auth/permissions.server.ts";
import { refusalAsFormError } from "#app/models/errors.ts";
import { samQuestions } from "#app/models/sam-rules.ts";
import { compileLevel, levelPicture } from "#app/models/sam-compilations.server.ts";
import { followUpTitle } from "#app/models/sam.server.ts";
import { formatDate, toDateInput } from "#app/utils/dates.ts";
import { formText, type FieldErrors } from "#app/utils/forms.ts";
import type { SamPriority } from "#app/domain/values.ts";
import { followUpOr404 } from "./follow-up-or-404.server.ts";
import type { Route } from "./+types/level";

const SamChart = lazy(() => import("#app/components/sam/sam-chart.tsx"));

/** Up to three prioritised areas a compilation digs into, each with up to five whys. */
const PRIORITIES = 3;
const WHYS = 5;

export function loader({ request, params, context }: Route.LoaderArgs) {
  const { user } = requirePermission(request, context, "read", { type: "sam" });
  const followUp = followUpOr404(context, params.id);
  const picture = levelPicture(context.db, followUp.id, params.level);
  if (!picture) throw data({ reason: "notFound" }, { status: 404 });
  const compilation = picture.level.compilation;
  return {
    followUpId: followUp.id,
    title: followUpTitle(followUp),
    levelName: picture.level.name,
    tally: picture.tally,
    sent: picture.responses.length,
    answered: picture.responses
      .filter((r) => r.answeredAt && r.answers)
      .map((r) => ({
        unitId: r.unitId,
        unitName: r.unitName,
        managerName: r.managerName,
        safetyRepName: r.safetyRepName,
        strengths: r.strengths,
        improvements: r.improvements,
        // What needs attention: the questions not answered yes, with what the unit said.
        concerns: samQuestions.flatMap((q) => {
          const a = r.answers![q];
          return a && a.value !== "yes" ? [{ question: q, value: a.value, note: a.note }] : [];
        }),
      })),
    beneath: picture.beneath.map((l) => ({ name: l.name, compilation: l.compilation! })),
    compilation: compilation && { ...compilation, compiledAt: compilation.compiledAt.toISOString() },
    canCompile: can(user, "manage", { type: "sam" }) && !followUp.completedAt,
    today: toDateInput(new Date()),
  };
}

export async function action({ request, params, context }: Route.ActionArgs) {
  const { user } = requirePermission(request, context, "manage", { type: "sam" });
  const followUp = followUpOr404(context, params.id);
  const form = await request.formData();
  const priorities: SamPriority[] = Array.from({ length: PRIORITIES }, (_, i) => ({
    area: formText(form, `p${i}-area`, 300),
    whys: Array.from({ length: WHYS }, (_, j) => formText(form, `p${i}-w${j}`, 500)),
    cause: formText(form, `p${i}-cause`, 1000),
  }));
  const input = {
    followUpId: followUp.id,
    level: params.level,
    strengths: formText(form, "strengths"),
    improvements: formText(form, "improvements"),
    priorities,
    feedback: formText(form, "feedback"),
    feedbackOn: formText(form, "feedbackOn", 10),
  };
  try {
    compileLevel(context.db, user, input);
  } catch (error) {
    return { errors: refusalAsFormError(error) as FieldErrors, sent: input, done: false };
  }
  return { errors: {} as FieldErrors, sent: input, done: true };
}

/** A level's compilation: how its units assessed each part, what they said, and what this level concludes. */
export default function SamLevel({ loaderData, actionData }: Route.ComponentProps) {
  const { t, i18n } = useTranslation();
  const hydrated = useHydrated();
  const name = loaderData.levelName ?? t("sam.organisation");
  const rows = samQuestions.map((q) => ({ question: t(`sam.short.${q}`), ...loaderData.tally[q] }));
  const saved = actionData?.done ? null : actionData?.sent;
  const shown = saved ?? loaderData.compilation;
  return (
    <>
      <PageHeader title={`${loaderData.title}: ${name}`} intro={t("sam.levelIntro")}>
        <Link to={`/avvikelser/sam/${loaderData.followUpId}`} className="button button-ghost">
          {t("admin.back")}
        </Link>
      </PageHeader>
      <section className="card" aria-labelledby="picture-heading">
        <h2 id="picture-heading">{t("sam.picture")}</h2>
        <p>{t("sam.answeredOf", { answered: loaderData.answered.length, sent: loaderData.sent })}</p>
        {hydrated ? (
          <Suspense fallback={<div className="sam-chart" />}>
            <SamChart rows={rows} />
          </Suspense>
        ) : (
          <div className="sam-chart" />
        )}
        <div className="table-wrap">
          <table>
            <caption className="visually-hidden">{t("sam.chartLabel")}</caption>
            <thead>
              <tr>
                <th scope="col">{t("sam.question")}</th>
                <th scope="col">{t("sam.assessments.yes")}</th>
                <th scope="col">{t("sam.assessments.partly")}</th>
                <th scope="col">{t("sam.assessments.no")}</th>
              </tr>
            </thead>
            <tbody>
              {samQuestions.map((q) => (
                <tr key={q}>
                  <th scope="row">{t(`sam.questions.${q}`)}</th>
                  <td>{loaderData.tally[q].yes}</td>
                  <td>{loaderData.tally[q].partly}</td>
                  <td>{loaderData.tally[q].no}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>
      {loaderData.answered.map((u) => (
        <section key={u.unitId} className="card" aria-labelledby={`unit-${u.unitId}`}>
          <h2 id={`unit-${u.unitId}`}>
            <Link to={`/avvikelser/sam/${loaderData.followUpId}/enhet/${u.unitId}`}>{u.unitName}</Link>
          </h2>
          <p className="muted">{t("sam.together", { manager: u.managerName, safetyRep: u.safetyRepName })}</p>
          <dl className="facts">
            <dt>{t("sam.strengths")}</dt>
            <dd className="pre-line">{u.strengths}</dd>
            <dt>{t("sam.improvements")}</dt>
            <dd className="pre-line">{u.improvements}</dd>
          </dl>
          {u.concerns.length > 0 ? (
            <ul className="plain-list">
              {u.concerns.map((c) => (
                <li key={c.question}>
                  <AssessmentBadge value={c.value} /> {t(`sam.questions.${c.question}`)}
                  {c.note ? <span className="muted"> – {c.note}</span> : null}
                </li>
              ))}
            </ul>
          ) : null}
        </section>
      ))}
      {loaderData.beneath.map((b) => (
        <section key={b.compilation.id} className="card">
          <h2>{t("sam.compilationOf", { name: b.name })}</h2>
          <dl className="facts">
            <dt>{t("sam.strengths")}</dt>
            <dd className="pre-line">{b.compilation.strengths}</dd>
            <dt>{t("sam.improvements")}</dt>
            <dd className="pre-line">{b.compilation.improvements}</dd>
          </dl>
        </section>
      ))}
      {loaderData.canCompile ? (
        <section className="card" aria-labelledby="compile-heading">
          <h2 id="compile-heading">{t("sam.compile")}</h2>
          <FormRefusal errors={actionData?.errors} />
          {actionData?.done ? <Notice tone="success">{t("sam.compiledNotice")}</Notice> : null}
          <Form
            method="post"
            className="form-grid sam-compile"
            noValidate
            key={loaderData.compilation?.compiledAt ?? "new"}
          >
            <TextAreaField
              label={t("sam.strengths")}
              name="strengths"
              maxLength={4000}
              defaultValue={shown?.strengths}
            />
            <TextAreaField
              label={t("sam.improvements")}
              name="improvements"
              maxLength={4000}
              defaultValue={shown?.improvements}
            />
            {Array.from({ length: PRIORITIES }, (_, i) => (
              <Priority key={i} index={i} value={shown?.priorities[i]} />
            ))}
            <TextAreaField
              label={t("sam.feedback")}
              hint={t("sam.feedbackHint")}
              name="feedback"
              maxLength={4000}
              defaultValue={shown?.feedback}
            />
            <TextField
              label={t("sam.feedbackOn")}
              name="feedbackOn"
              type="date"
              defaultValue={shown?.feedbackOn ?? loaderData.today}
            />
            <div className="form-actions">
              <SubmitButton>{t("sam.saveCompilation")}</SubmitButton>
            </div>
          </Form>
        </section>
      ) : loaderData.compilation ? (
        <Compilation compilation={loaderData.compilation} language={i18n.language} />
      ) : null}
    </>
  );
}

/** One prioritised area: what it is, why it falls short (asked up to five times), and the cause found. */
function Priority({ index, value }: { index: number; value: SamPriority | undefined }) {
  const { t } = useTranslation();
  return (
    <fieldset className="sam-priority">
      <legend>{t("sam.priority", { n: index + 1 })}</legend>
      <TextField label={t("sam.area")} name={`p${index}-area`} optional maxLength={300} defaultValue={value?.area} />
      <ol className="whys">
        {Array.from({ length: WHYS }, (_, j) => (
          <li key={j}>
            <TextField
              label={t("sam.why", { n: j + 1 })}
              name={`p${index}-w${j}`}
              optional
              maxLength={500}
              defaultValue={value?.whys[j]}
            />
          </li>
        ))}
      </ol>
      <TextField
        label={t("sam.cause")}
        name={`p${index}-cause`}
        optional
        maxLength={1000}
        defaultValue={value?.cause}
      />
    </fieldset>
  );
}

type Compiled = {
  strengths: string;
  improvements: string;
  priorities: SamPriority[];
  feedback: string;
  feedbackOn: string;
  compiledAt: string;
};

function Compilation({ compilation: c, language }: { compilation: Compiled; language: string }) {
  const { t } = useTranslation();
  return (
    <section className="card" aria-labelledby="compiled-heading">
      <h2 id="compiled-heading">{t("sam.compilation")}</h2>
      <dl className="facts">
        <dt>{t("sam.strengths")}</dt>
        <dd className="pre-line">{c.strengths}</dd>
        <dt>{t("sam.improvements")}</dt>
        <dd className="pre-line">{c.improvements}</dd>
        {c.priorities.map((p, i) => (
          <div key={i}>
            <dt>
              {t("sam.priority", { n: i + 1 })}: {p.area}
            </dt>
            <dd>
              <ol className="whys">
                {p.whys.map((w, j) => (
                  <li key={j}>{w}</li>
                ))}
              </ol>
              {p.cause ? <p>{t("sam.causeFound", { cause: p.cause })}</p> : null}
            </dd>
          </div>
        ))}
        <dt>{t("sam.feedback")}</dt>
        <dd className="pre-line">
          {c.feedback} <span className="muted">· {formatDate(c.feedbackOn, language)}</span>
        </dd>
      </dl>
    </section>
  );
}
