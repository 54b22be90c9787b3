import { useTranslation } from "react-i18next";
import { Form, Link, redirect } from "react-router";
import { KpiFields, kpiSchema } from "#app/components/kpi-fields.tsx";
import { FormRefusal } from "#app/components/ui/notice.tsx";
import { PageHeader } from "#app/components/ui/page-header.tsx";
import { SubmitButton } from "#app/components/ui/submit-button.tsx";
import { requirePermission } from "#app/auth/guards.server.ts";
import { refusalAsFormError } from "#app/models/errors.ts";
import { createKpi, listObjectives } from "#app/models/kpis.server.ts";
import { listPeople } from "#app/models/users.server.ts";
import { parseForm, type FieldErrors } from "#app/utils/forms.ts";
import type { Route } from "./+types/new-kpi";
import { onceTo } from "#app/models/submissions.server.ts";

export function loader({ request, context }: Route.LoaderArgs) {
  const { user } = requirePermission(request, context, "create", { type: "kpis" });
  return { people: listPeople(context.db), objectives: listObjectives(context.db), me: user.id };
}

export async function action({ request, context }: Route.ActionArgs) {
  const { user } = requirePermission(request, context, "create", { type: "kpis" });
  const form = await request.formData();
  const parsed = parseForm(kpiSchema, form);
  if (!parsed.ok) return { errors: parsed.errors };
  try {
    return redirect(
      onceTo(context.db, user.id, form, () => `/mal/nyckeltal/${createKpi(context.db, user, parsed.data)}`),
    );
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
        <FormRefusal errors={errors} />
        <Form method="post" className="form-grid" noValidate>
          <KpiFields
            people={loaderData.people}
            objectives={loaderData.objectives}
            defaults={{ ownerId: loaderData.me }}
            errors={errors}
          />
          <div className="form-actions">
            <SubmitButton>{t("kpis.create")}</SubmitButton>
          </div>
        </Form>
      </section>
    </>
  );
}
