import { useTranslation } from "react-i18next";
import { Form, Link, redirect } from "react-router";
import { ActionFields, actionSchema } from "#app/components/action-fields.tsx";
import { FormRefusal, Notice } from "#app/components/ui/notice.tsx";
import { PageHeader } from "#app/components/ui/page-header.tsx";
import { SubmitButton } from "#app/components/ui/submit-button.tsx";
import { requirePermission } from "#app/auth/guards.server.ts";
import { createAction, getAction } from "#app/models/actions.server.ts";
import { createLinked } from "#app/models/links.server.ts";
import { bornOf } from "#app/routes/links/link-form.server.ts";
import type { ActionSource } from "#app/domain/values.ts";
import { refusalAsFormError } from "#app/models/errors.ts";
import { unitTree } from "#app/models/units.server.ts";
import { listPeople } from "#app/models/users.server.ts";
import { parseForm } from "#app/utils/forms.ts";
import type { Route } from "./+types/new";
import { onceTo } from "#app/models/submissions.server.ts";

const sourceOf: Partial<Record<string, ActionSource>> = {
  risk: "risk",
  kpi: "kpi",
  document: "document_review",
  change_analysis: "risk",
  deviation: "deviation",
  sam_follow_up: "sam_follow_up",
  finding: "audit",
  management_review: "management_review",
  meeting: "improvement",
};

export function loader({ request, context }: Route.LoaderArgs) {
  const { user } = requirePermission(request, context, "create", { type: "actions" });
  // A follow-up of an action whose effect was not reached.
  const query = new URL(request.url).searchParams;
  const followed = getAction(context.db, query.get("foljer") ?? "");
  // An action born of a risk, a KPI off target or a document is linked to it from the start.
  const from = bornOf(context.db, user, query.get("fran"));
  return {
    people: listPeople(context.db),
    units: unitTree(context.db),
    me: user.id,
    myUnit: user.unitId,
    followUpOf:
      followed?.status === "not_effective" ? { id: followed.id, number: followed.number, title: followed.title } : null,
    from,
  };
}

export async function action({ request, context }: Route.ActionArgs) {
  const { user } = requirePermission(request, context, "create", { type: "actions" });
  const form = await request.formData();
  const parsed = parseForm(actionSchema, form);
  if (!parsed.ok) return { errors: parsed.errors };
  const followUpOf = String(form.get("followUpOf") ?? "") || undefined;
  const from = bornOf(context.db, user, form.get("from"));
  try {
    const create = () =>
      from
        ? createLinked(context.db, user, from, (tx) => ({ kind: "action", id: createAction(tx, user, parsed.data) }))
        : createAction(context.db, user, parsed.data, { followUpOf });
    return redirect(onceTo(context.db, user.id, form, () => `/atgarder/${create()}`));
  } catch (error) {
    return { errors: refusalAsFormError(error) };
  }
}

export default function NewAction({ loaderData, actionData }: Route.ComponentProps) {
  const { t } = useTranslation();
  return (
    <>
      <PageHeader title={t("actions.new")} intro={t("actions.newIntro")}>
        <Link to="/atgarder" className="button button-ghost">
          {t("admin.back")}
        </Link>
      </PageHeader>
      <section className="card">
        <FormRefusal errors={actionData?.errors} />
        {loaderData.followUpOf ? (
          <Notice>
            {t("actions.followUpOf", { number: loaderData.followUpOf.number, title: loaderData.followUpOf.title })}
          </Notice>
        ) : null}
        {loaderData.from ? <Notice>{t("actions.bornOf", { title: loaderData.from.title })}</Notice> : null}
        <Form method="post" className="form-grid" noValidate>
          {loaderData.from ? (
            <input type="hidden" name="from" value={`${loaderData.from.kind}:${loaderData.from.id}`} />
          ) : null}
          {loaderData.followUpOf ? <input type="hidden" name="followUpOf" value={loaderData.followUpOf.id} /> : null}
          <ActionFields
            people={loaderData.people}
            units={loaderData.units}
            defaults={{
              ownerId: loaderData.me,
              unitId: loaderData.myUnit,
              source: (loaderData.from && sourceOf[loaderData.from.kind]) ?? "improvement",
            }}
            errors={actionData?.errors}
          />
          <div className="form-actions">
            <SubmitButton>{t("actions.create")}</SubmitButton>
          </div>
        </Form>
      </section>
    </>
  );
}
