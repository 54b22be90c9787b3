import { useTranslation } from "react-i18next";
import { Form, Link } from "react-router";
import { z } from "zod";
import { TextField } from "#app/components/ui/field.tsx";
import { Notice } from "#app/components/ui/notice.tsx";
import { PageHeader } from "#app/components/ui/page-header.tsx";
import { SubmitButton } from "#app/components/ui/submit-button.tsx";
import { requirePermission } from "#app/auth/guards.server.ts";
import { can } from "#app/auth/permissions.server.ts";
import { getOrganisation, updateOrganisation } from "#app/models/organisation.server.ts";
import { optionalText, parseForm, text } from "#app/utils/forms.ts";
import type { Route } from "./+types/organisation";

const schema = z.object({ name: text(200), orgNumber: optionalText(20) });

export function loader({ request, context }: Route.LoaderArgs) {
  const { user } = requirePermission(request, context, "view", { type: "organisation" });
  const organisation = getOrganisation(context.db);
  return {
    name: organisation?.name ?? "",
    orgNumber: organisation?.orgNumber ?? "",
    canManage: can(user, "manage", { type: "organisation" }),
  };
}

export async function action({ request, context }: Route.ActionArgs) {
  const { user } = requirePermission(request, context, "manage", { type: "organisation" });
  const parsed = parseForm(schema, await request.formData());
  if (!parsed.ok) return { errors: parsed.errors, done: false };
  updateOrganisation(context.db, user, parsed.data);
  return { errors: {}, done: true };
}

export default function OrganisationPage({ loaderData, actionData }: Route.ComponentProps) {
  const { t } = useTranslation();
  return (
    <>
      <PageHeader title={t("admin.organisation")} intro={t("admin.organisationIntro")}>
        <Link to="/admin" className="button button-ghost">
          {t("admin.back")}
        </Link>
      </PageHeader>
      <section className="card">
        {actionData?.done ? <Notice tone="success">{t("admin.saved")}</Notice> : null}
        <Form method="post" className="stack" noValidate>
          <fieldset disabled={!loaderData.canManage} className="stack">
            <TextField
              label={t("admin.orgName")}
              name="name"
              defaultValue={loaderData.name}
              maxLength={200}
              error={actionData?.errors.name}
            />
            <TextField
              label={t("admin.orgNumber")}
              name="orgNumber"
              defaultValue={loaderData.orgNumber}
              maxLength={20}
              optional
              error={actionData?.errors.orgNumber}
            />
            {loaderData.canManage ? <SubmitButton>{t("admin.save")}</SubmitButton> : null}
          </fieldset>
        </Form>
      </section>
    </>
  );
}
