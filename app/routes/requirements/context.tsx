import { useTranslation } from "react-i18next";
import { Form, Link } from "react-router";
import { z } from "zod";
import { SelectField, TextAreaField, TextField } from "#app/components/ui/field.tsx";
import { Notice } from "#app/components/ui/notice.tsx";
import { WrittenSamNotice } from "#app/components/written-sam-notice.tsx";
import { PageHeader } from "#app/components/ui/page-header.tsx";
import { SubmitButton } from "#app/components/ui/submit-button.tsx";
import { requirePermission } from "#app/auth/guards.server.ts";
import { can } from "#app/auth/permissions.server.ts";
import {
  addContextItem,
  currentContext,
  recordContextDecisions,
  removeContextItem,
  writtenSamDocuments,
  WRITTEN_SAM_FROM,
} from "#app/models/context.server.ts";
import { refusalAsFormError } from "#app/models/errors.ts";
import { getOrganisation } from "#app/models/organisation.server.ts";
import { formatDate } from "#app/utils/dates.ts";
import { formText, parseForm, text, type FieldErrors } from "#app/utils/forms.ts";
import { contextKinds } from "#app/domain/values.ts";
import { SheetLinks } from "#app/components/sheet-links.tsx";
import type { Route } from "./+types/context";
import { once } from "#app/models/submissions.server.ts";

export function loader({ request, context }: Route.LoaderArgs) {
  const { user } = requirePermission(request, context, "view", { type: "requirements" });
  const org = getOrganisation(context.db);
  return {
    items: currentContext(context.db).map((i) => ({ id: i.id, kind: i.kind, title: i.title, detail: i.detail })),
    employees: org?.employees ?? null,
    climate: {
      relevant: org?.climateRelevant ?? null,
      note: org?.climateNote ?? "",
      decidedAt: org?.climateDecidedAt?.toISOString() ?? null,
    },
    written: writtenSamDocuments(context.db),
    writtenFrom: WRITTEN_SAM_FROM,
    canManage: can(user, "manage", { type: "requirements" }),
  };
}

const itemSchema = z.object({ kind: z.enum(contextKinds), title: text(300), detail: z.string().trim().max(2000) });

export async function action({
  request,
  context,
}: Route.ActionArgs): Promise<{ intent: string; errors: FieldErrors; done?: boolean }> {
  const { user } = requirePermission(request, context, "manage", { type: "requirements" });
  const form = await request.formData();
  const intent = String(form.get("intent"));
  try {
    if (intent === "add") {
      const parsed = parseForm(itemSchema, form);
      if (!parsed.ok) return { intent, errors: parsed.errors };
      once(context.db, user.id, form, () => addContextItem(context.db, user, parsed.data));
    } else if (intent === "remove") {
      removeContextItem(context.db, user, formText(form, "id", 40));
    } else {
      const employees = Number.parseInt(formText(form, "employees", 10), 10);
      const climate = form.get("climate");
      recordContextDecisions(context.db, user, {
        employees: Number.isInteger(employees) && employees >= 0 ? employees : null,
        climateRelevant: climate === "yes" ? true : climate === "no" ? false : null,
        climateNote: formText(form, "climateNote"),
      });
    }
  } catch (error) {
    return { intent, errors: refusalAsFormError(error) };
  }
  return { intent, errors: {}, done: true };
}

/** The organisation's context: issues inside and out, interested parties, climate, and its size. */
export default function ContextPage({ loaderData, actionData }: Route.ComponentProps) {
  const { t, i18n } = useTranslation();
  const errorsOf = (intent: string) => (actionData?.intent === intent ? actionData.errors : undefined);
  const { written } = loaderData;
  return (
    <>
      <PageHeader title={t("context.title")} intro={t("context.intro")}>
        <Link to="/krav" className="button button-ghost">
          {t("admin.back")}
        </Link>
        <SheetLinks register="sammanhang" canImport={loaderData.canManage} />
      </PageHeader>
      {contextKinds.map((kind) => (
        <section key={kind} className="card" aria-labelledby={`context-${kind}`}>
          <h2 id={`context-${kind}`}>{t(`context.kinds.${kind}`)}</h2>
          <ul className="plain-list">
            {loaderData.items
              .filter((i) => i.kind === kind)
              .map((i) => (
                <li key={i.id}>
                  <strong>{i.title}</strong>
                  {i.detail ? <span className="muted"> – {i.detail}</span> : null}{" "}
                  {loaderData.canManage ? (
                    <Form method="post" className="inline-form">
                      <input type="hidden" name="id" value={i.id} />
                      <SubmitButton name="intent" value="remove" className="button button-ghost">
                        {t("context.remove", { title: i.title })}
                      </SubmitButton>
                    </Form>
                  ) : null}
                </li>
              ))}
          </ul>
        </section>
      ))}
      {loaderData.canManage ? (
        <details className="card details-panel" open={Boolean(errorsOf("add"))}>
          <summary>{t("context.add")}</summary>
          {errorsOf("add")?.form ? (
            <Notice tone="error">{t(errorsOf("add")!.form!.key as "errors.unit.notFound")}</Notice>
          ) : null}
          <Form method="post" className="form-grid" noValidate>
            <SelectField
              label={t("context.kind")}
              name="kind"
              options={contextKinds.map((k) => ({ value: k, label: t(`context.kinds.${k}`) }))}
            />
            <TextField label={t("context.itemTitle")} name="title" maxLength={300} error={errorsOf("add")?.title} />
            <TextAreaField
              label={t("context.detail")}
              hint={t("context.detailHint")}
              name="detail"
              optional
              maxLength={2000}
            />
            <div className="form-actions">
              <SubmitButton name="intent" value="add">
                {t("context.addSubmit")}
              </SubmitButton>
            </div>
          </Form>
        </details>
      ) : null}
      <section className="card" aria-labelledby="decisions-heading">
        <h2 id="decisions-heading">{t("context.decisions")}</h2>
        <p>
          {loaderData.climate.relevant === null
            ? t("context.climateUndecided")
            : t(loaderData.climate.relevant ? "context.climateRelevant" : "context.climateNotRelevant")}
          {loaderData.climate.decidedAt ? ` (${formatDate(loaderData.climate.decidedAt, i18n.language)})` : ""}
          {loaderData.climate.note ? ` – ${loaderData.climate.note}` : ""}
        </p>
        <WrittenSamNotice written={written} from={loaderData.writtenFrom} />
        {loaderData.canManage ? (
          <Form method="post" className="form-grid" noValidate>
            {errorsOf("decisions")?.form ? (
              <Notice tone="error">{t(errorsOf("decisions")!.form!.key as "errors.unit.notFound")}</Notice>
            ) : null}
            <TextField
              label={t("context.employees")}
              name="employees"
              type="number"
              inputMode="numeric"
              min={0}
              optional
              defaultValue={loaderData.employees ?? ""}
            />
            <SelectField
              label={t("context.climate")}
              name="climate"
              defaultValue={loaderData.climate.relevant === null ? "" : loaderData.climate.relevant ? "yes" : "no"}
              options={[
                { value: "", label: t("context.climateChoose") },
                { value: "yes", label: t("context.climateYes") },
                { value: "no", label: t("context.climateNo") },
              ]}
            />
            <TextAreaField
              label={t("context.climateNote")}
              hint={t("context.climateNoteHint")}
              name="climateNote"
              optional
              maxLength={2000}
              defaultValue={loaderData.climate.note}
            />
            <div className="form-actions">
              <SubmitButton name="intent" value="decisions">
                {t("context.saveDecisions")}
              </SubmitButton>
            </div>
          </Form>
        ) : null}
      </section>
    </>
  );
}
