import { useTranslation } from "react-i18next";
import { Form, Link, redirect } from "react-router";
import { z } from "zod";
import { SelectField, TextField } from "#app/components/ui/field.tsx";
import { Notice } from "#app/components/ui/notice.tsx";
import { PageHeader } from "#app/components/ui/page-header.tsx";
import { SubmitButton } from "#app/components/ui/submit-button.tsx";
import { requirePermission } from "#app/auth/guards.server.ts";
import { refusalAsFormError } from "#app/models/errors.ts";
import { parseNumber } from "#app/models/kpi-rules.ts";
import { createKpi, listObjectives } from "#app/models/kpis.server.ts";
import { listPeople } from "#app/models/users.server.ts";
import { parseForm, text, type FieldErrors } from "#app/utils/forms.ts";
import { kpiDirections, kpiFrequencies } from "#db/schema/values.ts";
import type { Route } from "./+types/new-kpi";

const number = z
  .string({ error: "validation.required" })
  .transform((v, ctx) => parseNumber(v) ?? (ctx.addIssue({ code: "custom", message: "validation.number" }), z.NEVER));

// Without an owner and a target a KPI cannot be saved: the list stays short and meaningful.
const kpiSchema = z.object({
  name: text(200),
  unit: text(20),
  direction: z.enum(kpiDirections, "validation.invalidChoice"),
  target: number,
  warning: number,
  frequency: z.enum(kpiFrequencies, "validation.invalidChoice"),
  ownerId: z.string().min(1, "validation.required").max(40),
  dataSource: text(500),
  objectiveId: z
    .string()
    .max(40)
    .optional()
    .transform((v) => v || null),
});

export function loader({ request, context }: Route.LoaderArgs) {
  const { user } = requirePermission(request, context, "create", { type: "kpis" });
  return { people: listPeople(context.db), objectives: listObjectives(context.db), me: user.id };
}

export async function action({ request, context }: Route.ActionArgs) {
  const { user } = requirePermission(request, context, "create", { type: "kpis" });
  const parsed = parseForm(kpiSchema, await request.formData());
  if (!parsed.ok) return { errors: parsed.errors };
  try {
    return redirect(`/mal/nyckeltal/${createKpi(context.db, user, parsed.data)}`);
  } catch (error) {
    return { errors: refusalAsFormError(error) };
  }
}

export default function NewKpi({ loaderData, actionData }: Route.ComponentProps) {
  const { t } = useTranslation();
  const errors: FieldErrors | undefined = actionData?.errors;
  return (
    <>
      <PageHeader title={t("kpis.new")} intro={t("kpis.newIntro")}>
        <Link to="/mal" className="button button-ghost">
          {t("admin.back")}
        </Link>
      </PageHeader>
      <section className="card">
        {errors?.form ? <Notice tone="error">{t(errors.form.key as "errors.unit.notFound")}</Notice> : null}
        <Form method="post" className="form-grid" noValidate>
          <TextField label={t("kpis.name")} name="name" maxLength={200} error={errors?.name} />
          <TextField label={t("kpis.unit")} name="unit" maxLength={20} hint={t("kpis.unitHint")} error={errors?.unit} />
          <SelectField
            label={t("kpis.direction")}
            name="direction"
            options={kpiDirections.map((d) => ({ value: d, label: t(`kpis.directions.${d}`) }))}
          />
          <TextField label={t("kpis.target")} name="target" inputMode="decimal" error={errors?.target} />
          <TextField
            label={t("kpis.warning")}
            name="warning"
            inputMode="decimal"
            hint={t("kpis.warningHint")}
            error={errors?.warning}
          />
          <SelectField
            label={t("kpis.frequency")}
            name="frequency"
            options={kpiFrequencies.map((f) => ({ value: f, label: t(`kpis.frequencies.${f}`) }))}
          />
          <SelectField
            label={t("kpis.owner")}
            name="ownerId"
            defaultValue={loaderData.me}
            options={loaderData.people.map((p) => ({ value: p.id, label: p.name }))}
            error={errors?.ownerId}
          />
          <TextField label={t("kpis.dataSource")} name="dataSource" maxLength={500} error={errors?.dataSource} />
          <SelectField
            label={t("kpis.objective")}
            name="objectiveId"
            options={[
              { value: "", label: t("kpis.noObjective") },
              ...loaderData.objectives.map((o) => ({ value: o.id, label: o.title })),
            ]}
          />
          <div className="form-actions">
            <SubmitButton>{t("kpis.create")}</SubmitButton>
          </div>
        </Form>
      </section>
    </>
  );
}
