import { useTranslation } from "react-i18next";
import { Form, Link, redirect } from "react-router";
import { z } from "zod";
import { SelectField, TextAreaField, TextField } from "#app/components/ui/field.tsx";
import { EmptyState } from "#app/components/ui/empty-state.tsx";
import { FormRefusal } from "#app/components/ui/notice.tsx";
import { PageHeader } from "#app/components/ui/page-header.tsx";
import { SubmitButton } from "#app/components/ui/submit-button.tsx";
import { unitOptions } from "#app/components/unit-options.ts";
import { requirePermission } from "#app/auth/guards.server.ts";
import { can } from "#app/auth/permissions.server.ts";
import { createChangeAnalysis, listChangeAnalyses } from "#app/models/change-analyses.server.ts";
import { refusalAsFormError } from "#app/models/errors.ts";
import { dayOf } from "#app/models/releases.server.ts";
import { unitTree } from "#app/models/units.server.ts";
import { listPeople } from "#app/models/users.server.ts";
import { formatDate } from "#app/utils/dates.ts";
import { parseForm, text, type FieldErrors } from "#app/utils/forms.ts";
import { changeKinds } from "#app/domain/values.ts";
import type { Route } from "./+types/index";
import { personOptions } from "#app/components/person-options.ts";
import { onceTo } from "#app/models/submissions.server.ts";

const analysisSchema = z.object({
  title: text(200),
  kind: z.enum(changeKinds, "validation.invalidChoice"),
  description: text(4000),
  participants: text(1000),
  plannedOn: z.iso.date("validation.invalidDate"),
  ownerId: z.string().min(1, "validation.required").max(40),
  unitId: z
    .string()
    .max(40)
    .optional()
    .transform((v) => v || null),
});

export function loader({ request, context }: Route.LoaderArgs) {
  const { user } = requirePermission(request, context, "view", { type: "risks" });
  const canCreate = can(user, "create", { type: "risks" });
  const today = dayOf(new Date());
  return {
    analyses: listChangeAnalyses(context.db).map((a) => ({
      id: a.id,
      number: a.number,
      title: a.title,
      kind: a.kind,
      plannedOn: a.plannedOn,
      ownerName: a.ownerName,
      unitName: a.unitName,
      concluded: Boolean(a.concludedAt),
      late: !a.concludedAt && a.plannedOn < today,
    })),
    canCreate,
    people: canCreate ? listPeople(context.db) : [],
    units: canCreate ? unitTree(context.db) : [],
    me: user.id,
    myUnit: user.unitId,
  };
}

export async function action({ request, context }: Route.ActionArgs) {
  const { user } = requirePermission(request, context, "create", { type: "risks" });
  const form = await request.formData();
  const parsed = parseForm(analysisSchema, form);
  if (!parsed.ok) return { errors: parsed.errors };
  try {
    return redirect(
      onceTo(
        context.db,
        user.id,
        form,
        () => `/risker/andringar/${createChangeAnalysis(context.db, user, parsed.data)}`,
      ),
    );
  } catch (error) {
    return { errors: refusalAsFormError(error) as FieldErrors };
  }
}

export default function ChangeAnalyses({ loaderData, actionData }: Route.ComponentProps) {
  const { t, i18n } = useTranslation();
  const errors: FieldErrors | undefined = actionData?.errors;
  return (
    <>
      <PageHeader title={t("changes.title")} intro={t("changes.intro")}>
        <Link to="/risker" className="button button-ghost">
          {t("changes.toRegister")}
        </Link>
      </PageHeader>
      {loaderData.analyses.length === 0 ? (
        <EmptyState title={t("changes.empty")}>
          <p>{loaderData.canCreate ? t("changes.emptyNext") : t("changes.emptyAsk")}</p>
        </EmptyState>
      ) : (
        <div className="table-wrap card">
          <table>
            <caption className="visually-hidden">{t("changes.title")}</caption>
            <thead>
              <tr>
                <th scope="col">{t("changes.analysis")}</th>
                <th scope="col">{t("changes.kind")}</th>
                <th scope="col">{t("changes.plannedOn")}</th>
                <th scope="col">{t("changes.owner")}</th>
                <th scope="col">{t("changes.status")}</th>
              </tr>
            </thead>
            <tbody>
              {loaderData.analyses.map((a) => (
                <tr key={a.id}>
                  <td>
                    <Link to={`/risker/andringar/${a.id}`}>
                      Ä{a.number}. {a.title}
                    </Link>
                  </td>
                  <td>{t(`changeKinds.${a.kind}`)}</td>
                  <td>{formatDate(a.plannedOn, i18n.language)}</td>
                  <td>
                    {a.ownerName} · {a.unitName ?? t("documents.wholeOrganisation")}
                  </td>
                  <td>
                    <span
                      className={`badge ${a.concluded ? "badge-current" : a.late ? "badge-inactive" : "badge-draft"}`}
                    >
                      {t(a.concluded ? "links.status.change_concluded" : "links.status.change_open")}
                    </span>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {loaderData.canCreate ? (
        <details className="card details-panel" open={Boolean(errors) || loaderData.analyses.length === 0}>
          <summary>{t("changes.new")}</summary>
          <FormRefusal errors={errors} />
          <Form method="post" className="form-grid" noValidate>
            <TextField label={t("changes.analysisTitle")} name="title" maxLength={200} error={errors?.title} />
            <SelectField
              label={t("changes.kind")}
              name="kind"
              options={changeKinds.map((k) => ({ value: k, label: t(`changeKinds.${k}`) }))}
              error={errors?.kind}
            />
            <TextAreaField
              label={t("changes.description")}
              name="description"
              maxLength={4000}
              error={errors?.description}
            />
            <TextAreaField
              label={t("changes.participants")}
              hint={t("changes.participantsHint")}
              name="participants"
              maxLength={1000}
              error={errors?.participants}
            />
            <TextField label={t("changes.plannedOn")} name="plannedOn" type="date" error={errors?.plannedOn} />
            <SelectField
              label={t("changes.owner")}
              name="ownerId"
              defaultValue={loaderData.me}
              options={personOptions(loaderData.people)}
              error={errors?.ownerId}
            />
            <SelectField
              label={t("documents.unit")}
              name="unitId"
              defaultValue={loaderData.myUnit ?? ""}
              options={[{ value: "", label: t("documents.wholeOrganisation") }, ...unitOptions(loaderData.units)]}
            />
            <div className="form-actions">
              <SubmitButton>{t("changes.create")}</SubmitButton>
            </div>
          </Form>
        </details>
      ) : null}
    </>
  );
}
