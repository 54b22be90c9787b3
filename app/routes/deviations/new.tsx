import { useTranslation } from "react-i18next";
import { Form, Link, redirect } from "react-router";
import { z } from "zod";
import { SelectField, TextAreaField, TextField } from "#app/components/ui/field.tsx";
import { FormRefusal } from "#app/components/ui/notice.tsx";
import { PageHeader } from "#app/components/ui/page-header.tsx";
import { SubmitButton } from "#app/components/ui/submit-button.tsx";
import { unitOptions } from "#app/components/unit-options.ts";
import { requirePermission } from "#app/auth/guards.server.ts";
import { checkFiles, MAX_FILES } from "#app/models/attachments.server.ts";
import { refusalAsFormError } from "#app/models/errors.ts";
import { listProcesses } from "#app/models/processes.server.ts";
import { reportDeviation } from "#app/models/deviations.server.ts";
import { unitTree } from "#app/models/units.server.ts";
import { toDateTimeInput } from "#app/utils/dates.ts";
import { optionalText, parseForm, text, type FieldErrors } from "#app/utils/forms.ts";
import { deviationKinds } from "#app/domain/values.ts";
import type { Route } from "./+types/new";
import { onceTo } from "#app/models/submissions.server.ts";

const reportSchema = z.object({
  kind: z.enum(deviationKinds, "validation.invalidChoice"),
  title: text(200),
  description: text(4000),
  occurredAt: z
    .string({ error: "validation.required" })
    .regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/, "validation.invalidDate"),
  unitId: z
    .string()
    .max(40)
    .optional()
    .transform((v) => v || null),
  processId: z
    .string()
    .max(40)
    .optional()
    .transform((v) => v || null),
  immediateAction: z.string().trim().max(2000, "validation.tooLong").default(""),
  contactName: optionalText(200),
  contactDetails: optionalText(500),
});

export function loader({ request, context }: Route.LoaderArgs) {
  const { user } = requirePermission(request, context, "create", { type: "deviations" });
  return {
    units: unitTree(context.db),
    processes: listProcesses(context.db).map((p) => ({ value: p.id, label: p.title })),
    myUnit: user.unitId,
    now: toDateTimeInput(new Date()),
    maxFiles: MAX_FILES,
  };
}

export async function action({ request, context }: Route.ActionArgs) {
  const { user } = requirePermission(request, context, "create", { type: "deviations" });
  const form = await request.formData();
  const parsed = parseForm(reportSchema, form);
  if (!parsed.ok) return { errors: parsed.errors };
  try {
    const files = await checkFiles(form.getAll("files").filter((f): f is File => f instanceof File));
    return redirect(
      onceTo(
        context.db,
        user.id,
        form,
        () => `/avvikelser/${reportDeviation(context.db, user, parsed.data, files, context.config.dataDir)}?tack=1`,
      ),
    );
  } catch (error) {
    return { errors: refusalAsFormError(error) as FieldErrors };
  }
}

/** One short form, made for a phone: what, where, when, what was done at once, and a photo. */
export default function NewReport({ loaderData, actionData }: Route.ComponentProps) {
  const { t } = useTranslation();
  const errors: FieldErrors | undefined = actionData?.errors;
  return (
    <>
      <PageHeader title={t("deviations.new")} intro={t("deviations.newIntro")}>
        <Link to="/avvikelser" className="button button-ghost">
          {t("admin.back")}
        </Link>
      </PageHeader>
      <section className="card">
        <FormRefusal errors={errors} />
        <Form method="post" encType="multipart/form-data" className="form-grid report-form" noValidate>
          <fieldset className="kind-choice">
            <legend>{t("deviations.kind")}</legend>
            {deviationKinds.map((kind, i) => (
              <label key={kind}>
                <input type="radio" name="kind" value={kind} defaultChecked={i === 0} /> {t(`deviationKinds.${kind}`)}
              </label>
            ))}
          </fieldset>
          <TextField label={t("deviations.title")} name="title" maxLength={200} error={errors?.title} />
          <TextAreaField
            label={t("deviations.description")}
            name="description"
            maxLength={4000}
            error={errors?.description}
          />
          <TextField
            label={t("deviations.occurredAt")}
            name="occurredAt"
            type="datetime-local"
            defaultValue={loaderData.now}
            error={errors?.occurredAt}
          />
          <SelectField
            label={t("deviations.unit")}
            name="unitId"
            defaultValue={loaderData.myUnit ?? ""}
            options={[{ value: "", label: t("documents.wholeOrganisation") }, ...unitOptions(loaderData.units)]}
            error={errors?.unitId}
          />
          {loaderData.processes.length > 0 ? (
            <SelectField
              label={t("deviations.process")}
              name="processId"
              options={[{ value: "", label: t("deviations.noProcess") }, ...loaderData.processes]}
            />
          ) : null}
          <TextAreaField
            label={t("deviations.immediateAction")}
            name="immediateAction"
            optional
            maxLength={2000}
            error={errors?.immediateAction}
          />
          <TextField
            label={t("deviations.files")}
            hint={t("deviations.filesHint", { count: loaderData.maxFiles })}
            name="files"
            type="file"
            multiple
            optional
            accept="image/jpeg,image/png,image/webp,image/heic,application/pdf"
            error={errors?.files}
          />
          <details className="details-panel">
            <summary>{t("deviations.onBehalf")}</summary>
            <TextField label={t("deviations.contactName")} name="contactName" optional maxLength={200} />
            <TextField
              label={t("deviations.contactDetails")}
              hint={t("deviations.contactHint")}
              name="contactDetails"
              optional
              maxLength={500}
            />
          </details>
          <div className="form-actions">
            <SubmitButton>{t("deviations.send")}</SubmitButton>
          </div>
        </Form>
      </section>
    </>
  );
}
