import { useTranslation } from "react-i18next";
import { Form, Link, redirect } from "react-router";
import { z } from "zod";
import {
  AssessmentFields,
  assessmentSchema,
  assessmentsOf,
  RiskDetailFields,
  riskDetailsSchema,
} from "#app/components/risk-fields.tsx";
import { TextField } from "#app/components/ui/field.tsx";
import { FormRefusal, Notice } from "#app/components/ui/notice.tsx";
import { PageHeader } from "#app/components/ui/page-header.tsx";
import { SubmitButton } from "#app/components/ui/submit-button.tsx";
import { requirePermission } from "#app/auth/guards.server.ts";
import { refusalAsFormError } from "#app/models/errors.ts";
import { addMonthsToDay, dayOf } from "#app/models/releases.server.ts";
import { createRisk, riskScale } from "#app/models/risks.server.ts";
import { createLinked } from "#app/models/links.server.ts";
import { bornOf } from "#app/routes/links/link-form.server.ts";
import { unitTree } from "#app/models/units.server.ts";
import { listPeople } from "#app/models/users.server.ts";
import { parseForm, type FieldErrors } from "#app/utils/forms.ts";
import type { Route } from "./+types/new";
import { onceTo } from "#app/models/submissions.server.ts";

const riskSchema = z.object({
  ...riskDetailsSchema,
  nextReviewOn: z.iso.date("validation.invalidDate"),
  ...assessmentSchema,
});

export function loader({ request, context }: Route.LoaderArgs) {
  const { user } = requirePermission(request, context, "create", { type: "risks" });
  return {
    scale: riskScale(context.db, user.locale),
    people: listPeople(context.db),
    units: unitTree(context.db),
    me: user.id,
    myUnit: user.unitId,
    nextReviewOn: addMonthsToDay(dayOf(new Date()), 12),
    // A risk found by a change analysis is linked to it from the start.
    from: bornOf(context.db, user, new URL(request.url).searchParams.get("fran")),
  };
}

export async function action({ request, context }: Route.ActionArgs) {
  const { user } = requirePermission(request, context, "create", { type: "risks" });
  const form = await request.formData();
  const parsed = parseForm(riskSchema, form);
  if (!parsed.ok) return { errors: parsed.errors };
  const { inherentLikelihood, inherentConsequence, residualLikelihood, residualConsequence, ...fields } = parsed.data;
  const assessments = assessmentsOf({
    inherentLikelihood,
    inherentConsequence,
    residualLikelihood,
    residualConsequence,
  });
  try {
    const input = { ...fields, ...assessments };
    const from = bornOf(context.db, user, form.get("from"));
    const create = () =>
      from
        ? createLinked(context.db, user, from, (tx) => ({ kind: "risk", id: createRisk(tx, user, input) }))
        : createRisk(context.db, user, input);
    return redirect(onceTo(context.db, user.id, form, () => `/risker/${create()}`));
  } catch (error) {
    return { errors: refusalAsFormError(error) };
  }
}

export default function NewRisk({ loaderData, actionData }: Route.ComponentProps) {
  const { t } = useTranslation();
  const errors: FieldErrors | undefined = actionData?.errors;
  return (
    <>
      <PageHeader title={t("risks.new")} intro={t("risks.newIntro")}>
        <Link to="/risker" className="button button-ghost">
          {t("admin.back")}
        </Link>
      </PageHeader>
      <section className="card">
        <FormRefusal errors={errors} />
        {loaderData.from ? <Notice>{t("risks.bornOf", { title: loaderData.from.title })}</Notice> : null}
        <Form method="post" className="form-grid" noValidate>
          {loaderData.from ? (
            <input type="hidden" name="from" value={`${loaderData.from.kind}:${loaderData.from.id}`} />
          ) : null}
          <RiskDetailFields
            people={loaderData.people}
            units={loaderData.units}
            defaults={{ ownerId: loaderData.me, unitId: loaderData.myUnit }}
            errors={errors}
          />
          <TextField
            label={t("risks.nextReview")}
            name="nextReviewOn"
            type="date"
            defaultValue={loaderData.nextReviewOn}
            error={errors?.nextReviewOn}
          />
          <AssessmentFields scale={loaderData.scale} errors={errors} />
          <div className="form-actions">
            <SubmitButton>{t("risks.create")}</SubmitButton>
          </div>
        </Form>
      </section>
    </>
  );
}
