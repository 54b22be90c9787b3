import { useTranslation } from "react-i18next";
import { Form, Link } from "react-router";
import { z } from "zod";
import { SelectField, TextAreaField, TextField } from "#app/components/ui/field.tsx";
import { FormRefusal, Notice } from "#app/components/ui/notice.tsx";
import { PageHeader } from "#app/components/ui/page-header.tsx";
import { SubmitButton } from "#app/components/ui/submit-button.tsx";
import { unitOptions } from "#app/components/unit-options.ts";
import { requirePermission } from "#app/auth/guards.server.ts";
import { can } from "#app/auth/permissions.server.ts";
import { auditPeople } from "#app/models/audits.server.ts";
import { delegate, delegationRegister, moveDelegation } from "#app/models/delegations.server.ts";
import { refusalAsFormError } from "#app/models/errors.ts";
import { unitTree } from "#app/models/units.server.ts";
import { formatDate } from "#app/utils/dates.ts";
import { formText, parseForm, text, type FieldErrors } from "#app/utils/forms.ts";
import type { Route } from "./+types/delegations";
import { personOptions } from "#app/components/person-options.ts";
import { once } from "#app/models/submissions.server.ts";

export function loader({ request, context }: Route.LoaderArgs) {
  const { user } = requirePermission(request, context, "view", { type: "delegations" });
  const { delegations, problems } = delegationRegister(context.db);
  const canDelegate = can(user, "manage", { type: "delegations" });
  const keeps = can(user, "manage", { type: "requirements" });
  return {
    delegations: delegations.map((d) => ({
      ...d,
      delegatedAt: d.delegatedAt.toISOString(),
      acceptedAt: d.acceptedAt?.toISOString() ?? null,
      endedAt: d.endedAt?.toISOString() ?? null,
      mine: d.toUserId === user.id,
      canRevoke: d.fromUserId === user.id || keeps,
    })),
    problems,
    canDelegate,
    people: canDelegate ? auditPeople(context.db).filter((p) => p.id !== user.id) : [],
    units: canDelegate ? unitTree(context.db) : [],
  };
}

const delegationSchema = z.object({
  task: text(300),
  unitId: z
    .string()
    .max(40)
    .optional()
    .transform((v) => v || null),
  toUserId: z.string().min(1, "validation.required").max(40),
  authority: text(2000),
  resources: text(2000),
  knowledge: text(2000),
});

export async function action({
  request,
  context,
}: Route.ActionArgs): Promise<{ intent: string; id?: string; errors: FieldErrors; done?: boolean }> {
  const { user } = requirePermission(request, context, "view", { type: "delegations" });
  const form = await request.formData();
  const intent = String(form.get("intent"));
  const id = formText(form, "id", 40);
  try {
    if (intent === "delegate") {
      const parsed = parseForm(delegationSchema, form);
      if (!parsed.ok) return { intent, errors: parsed.errors };
      once(context.db, user.id, form, () => delegate(context.db, user, parsed.data));
    } else if (intent === "accept" || intent === "return" || intent === "revoke") {
      moveDelegation(context.db, user, id, intent, formText(form, "reason", 2000));
    }
  } catch (error) {
    return { intent, id, errors: refusalAsFormError(error) };
  }
  return { intent, id, errors: {}, done: true };
}

/** Who holds which work-environment task, accepted in writing, and where the chain has a gap or an overlap. */
export default function Delegations({ loaderData, actionData }: Route.ComponentProps) {
  const { t, i18n } = useTranslation();
  const date = (v: string) => formatDate(v, i18n.language);
  const delegating = actionData?.intent === "delegate" ? actionData.errors : undefined;
  return (
    <>
      <PageHeader title={t("delegations.title")} intro={t("delegations.intro")}>
        <Link to="/krav" className="button button-ghost">
          {t("admin.back")}
        </Link>
      </PageHeader>
      {loaderData.problems.length > 0 ? (
        <Notice tone="error">
          <ul>
            {loaderData.problems.map((p) => (
              <li key={`${p.kind}-${p.task}-${p.unitId}`}>
                {t(`delegations.problems.${p.kind}`, {
                  task: p.task,
                  unit: p.unitName ?? t("documents.wholeOrganisation"),
                })}
              </li>
            ))}
          </ul>
        </Notice>
      ) : null}
      <section className="card" aria-labelledby="delegations-heading">
        <h2 id="delegations-heading">{t("delegations.list")}</h2>
        {loaderData.delegations.length === 0 ? <p className="muted">{t("delegations.none")}</p> : null}
        {loaderData.delegations.map((d) => {
          const errors = actionData?.id === d.id ? actionData.errors : undefined;
          const open = d.status === "proposed" || d.status === "accepted";
          return (
            <article key={d.id} className="finding" aria-labelledby={`delegation-${d.id}`}>
              <h3 id={`delegation-${d.id}`}>{d.task}</h3>
              <p>
                <span className={`badge delegation-${d.status}`}>{t(`delegations.status.${d.status}`)}</span>{" "}
                {t("delegations.fromTo", { from: d.fromName, to: d.toName })} ·{" "}
                {d.unitName ?? t("documents.wholeOrganisation")} · {date(d.delegatedAt)}
                {d.acceptedAt ? ` · ${t("delegations.acceptedOn", { date: date(d.acceptedAt) })}` : ""}
              </p>
              <dl className="facts">
                <dt>{t("delegations.authority")}</dt>
                <dd className="pre-line">{d.authority}</dd>
                <dt>{t("delegations.resources")}</dt>
                <dd className="pre-line">{d.resources}</dd>
                <dt>{t("delegations.knowledge")}</dt>
                <dd className="pre-line">{d.knowledge}</dd>
                {d.endReason ? (
                  <>
                    <dt>{t("delegations.endReason")}</dt>
                    <dd className="pre-line">{d.endReason}</dd>
                  </>
                ) : null}
              </dl>
              <FormRefusal errors={errors} />
              {open && (d.mine || d.canRevoke) ? (
                <Form method="post" className="form-grid finding-moves" noValidate>
                  <input type="hidden" name="id" value={d.id} />
                  {d.mine && d.status === "proposed" ? <p className="muted">{t("delegations.acceptHint")}</p> : null}
                  <TextField label={t("delegations.reason")} name="reason" optional maxLength={2000} />
                  <div className="form-actions">
                    {d.mine && d.status === "proposed" ? (
                      <SubmitButton name="intent" value="accept">
                        {t("delegations.accept")}
                      </SubmitButton>
                    ) : null}
                    {d.mine ? (
                      <SubmitButton name="intent" value="return" className="button button-secondary">
                        {t("delegations.return")}
                      </SubmitButton>
                    ) : null}
                    {d.canRevoke ? (
                      <SubmitButton name="intent" value="revoke" className="button button-secondary">
                        {t("delegations.revoke")}
                      </SubmitButton>
                    ) : null}
                  </div>
                </Form>
              ) : null}
            </article>
          );
        })}
      </section>
      {loaderData.canDelegate ? (
        <details className="card details-panel" open={Boolean(delegating)}>
          <summary>{t("delegations.new")}</summary>
          <FormRefusal errors={delegating} />
          <Form method="post" className="form-grid sam-compile" noValidate>
            <TextField
              label={t("delegations.task")}
              hint={t("delegations.taskHint")}
              name="task"
              maxLength={300}
              error={delegating?.task}
            />
            <SelectField
              label={t("delegations.unit")}
              name="unitId"
              options={[{ value: "", label: t("documents.wholeOrganisation") }, ...unitOptions(loaderData.units)]}
            />
            <SelectField
              label={t("delegations.to")}
              name="toUserId"
              options={personOptions(loaderData.people, t("common.choosePerson"))}
              error={delegating?.toUserId}
            />
            <TextAreaField
              label={t("delegations.authority")}
              name="authority"
              maxLength={2000}
              error={delegating?.authority}
            />
            <TextAreaField
              label={t("delegations.resources")}
              name="resources"
              maxLength={2000}
              error={delegating?.resources}
            />
            <TextAreaField
              label={t("delegations.knowledge")}
              name="knowledge"
              maxLength={2000}
              error={delegating?.knowledge}
            />
            <div className="form-actions">
              <SubmitButton name="intent" value="delegate">
                {t("delegations.delegate")}
              </SubmitButton>
            </div>
          </Form>
        </details>
      ) : null}
    </>
  );
}
