import { useTranslation } from "react-i18next";
import { Form, Link, redirect } from "react-router";
import { DocumentFields, documentDetailsInput, documentDetailsSchema } from "#app/components/document-fields.tsx";
import { FormRefusal } from "#app/components/ui/notice.tsx";
import { PageHeader } from "#app/components/ui/page-header.tsx";
import { SubmitButton } from "#app/components/ui/submit-button.tsx";
import { requirePermission } from "#app/auth/guards.server.ts";
import { createDocument } from "#app/models/documents.server.ts";
import { refusalAsFormError } from "#app/models/errors.ts";
import { unitTree } from "#app/models/units.server.ts";
import { listPeople } from "#app/models/users.server.ts";
import { parseFormObject } from "#app/utils/forms.ts";
import type { Route } from "./+types/new";
import { onceTo } from "#app/models/submissions.server.ts";

export function loader({ request, context }: Route.LoaderArgs) {
  const { user } = requirePermission(request, context, "create", { type: "documents" });
  return { people: listPeople(context.db), units: unitTree(context.db), me: user.id, myUnit: user.unitId };
}

export async function action({ request, context }: Route.ActionArgs) {
  const { user } = requirePermission(request, context, "create", { type: "documents" });
  const form = await request.formData();
  const parsed = parseFormObject(documentDetailsSchema, documentDetailsInput(form));
  if (!parsed.ok) return { errors: parsed.errors };
  try {
    return redirect(
      onceTo(context.db, user.id, form, () => `/dokument/${createDocument(context.db, user, parsed.data)}`),
    );
  } catch (error) {
    return { errors: refusalAsFormError(error) };
  }
}

export default function NewDocument({ loaderData, actionData }: Route.ComponentProps) {
  const { t } = useTranslation();
  return (
    <>
      <PageHeader title={t("documents.new")} intro={t("documents.newIntro")}>
        <Link to="/dokument" className="button button-ghost">
          {t("admin.back")}
        </Link>
      </PageHeader>
      <section className="card">
        <FormRefusal errors={actionData?.errors} />
        <Form method="post" className="form-grid" noValidate>
          <DocumentFields
            people={loaderData.people}
            units={loaderData.units}
            defaults={{
              title: "",
              type: "routine",
              ownerId: loaderData.me,
              unitId: loaderData.myUnit,
              areas: ["quality"],
              tags: [],
            }}
            errors={actionData?.errors}
          />
          <div className="form-actions">
            <SubmitButton>{t("documents.create")}</SubmitButton>
          </div>
        </Form>
      </section>
    </>
  );
}
