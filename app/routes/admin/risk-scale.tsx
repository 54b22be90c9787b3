import { useTranslation } from "react-i18next";
import { Form, Link } from "react-router";
import { z } from "zod";
import { RiskHeatMap } from "#app/components/risk-heat-map.tsx";
import { TextAreaField } from "#app/components/ui/field.tsx";
import { FormRefusal, Notice } from "#app/components/ui/notice.tsx";
import { PageHeader } from "#app/components/ui/page-header.tsx";
import { SubmitButton } from "#app/components/ui/submit-button.tsx";
import { requirePermission } from "#app/auth/guards.server.ts";
import { refusalAsFormError } from "#app/models/errors.ts";
import { heatMap } from "#app/models/risk-scoring.ts";
import { listRisks, riskScale, setRiskScale } from "#app/models/risks.server.ts";
import { parseForm, type FieldErrors } from "#app/utils/forms.ts";
import type { Route } from "./+types/risk-scale";

/** One label per line; three to ten steps, so that a matrix stays readable and meaningful. */
const steps = z
  .string({ error: "validation.required" })
  .max(1000, "validation.tooLong")
  .transform((value) =>
    value
      .split(/\r?\n/)
      .map((line) => line.trim())
      .filter(Boolean),
  )
  .pipe(
    z.array(z.string().max(60, "validation.tooLong")).min(3, "riskScale.tooFewSteps").max(10, "riskScale.tooManySteps"),
  );

const schema = z.object({ likelihood: steps, consequence: steps });

export function loader({ request, context }: Route.LoaderArgs) {
  requirePermission(request, context, "manage", { type: "risks" });
  const scale = riskScale(context.db);
  return {
    scale,
    map: heatMap(
      scale,
      listRisks(context.db).map((r) => r.residual),
    ),
  };
}

export async function action({ request, context }: Route.ActionArgs): Promise<{ errors: FieldErrors; done?: boolean }> {
  const { user } = requirePermission(request, context, "manage", { type: "risks" });
  const parsed = parseForm(schema, await request.formData());
  if (!parsed.ok) return { errors: parsed.errors };
  try {
    setRiskScale(context.db, user, parsed.data);
  } catch (error) {
    return { errors: refusalAsFormError(error) };
  }
  return { errors: {}, done: true };
}

export default function RiskScalePage({ loaderData, actionData }: Route.ComponentProps) {
  const { t } = useTranslation();
  const { scale } = loaderData;
  return (
    <>
      <PageHeader title={t("riskScale.title")} intro={t("riskScale.intro")}>
        <Link to="/admin" className="button button-ghost">
          {t("admin.back")}
        </Link>
      </PageHeader>
      <FormRefusal errors={actionData?.errors} />
      {actionData?.done ? <Notice tone="success">{t("admin.saved")}</Notice> : null}
      <section className="card">
        <Form method="post" className="form-grid" noValidate>
          <TextAreaField
            label={t("riskScale.likelihood")}
            hint={t("riskScale.hint")}
            name="likelihood"
            rows={10}
            defaultValue={scale.likelihood.join("\n")}
            error={actionData?.errors.likelihood}
          />
          <TextAreaField
            label={t("riskScale.consequence")}
            hint={t("riskScale.hint")}
            name="consequence"
            rows={10}
            defaultValue={scale.consequence.join("\n")}
            error={actionData?.errors.consequence}
          />
          <div className="form-actions">
            <SubmitButton>{t("riskScale.save")}</SubmitButton>
          </div>
        </Form>
      </section>
      <section className="card" aria-labelledby="matrix-heading">
        <h2 id="matrix-heading">{t("riskScale.matrix")}</h2>
        <RiskHeatMap
          scale={scale}
          rows={loaderData.map}
          hrefFor={(cell) => `/risker?s=${cell.likelihood}&k=${cell.consequence}`}
          caption={t("overview.heatMapCaption")}
        />
      </section>
    </>
  );
}
