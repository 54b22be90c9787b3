import { useTranslation } from "react-i18next";
import { Form, Link, redirect } from "react-router";
import { z } from "zod";
import { CoverageBar } from "#app/components/coverage-bar.tsx";
import { ImportProblems, RequirementFileField } from "#app/components/requirement-file.tsx";
import { TextAreaField, TextField } from "#app/components/ui/field.tsx";
import { FormRefusal, Notice } from "#app/components/ui/notice.tsx";
import { PageHeader } from "#app/components/ui/page-header.tsx";
import { SubmitButton } from "#app/components/ui/submit-button.tsx";
import { requirePermission } from "#app/auth/guards.server.ts";
import { can } from "#app/auth/permissions.server.ts";
import { refusalAsFormError } from "#app/models/errors.ts";
import { builtinFrameworks } from "#app/models/framework-catalogue.ts";
import {
  createFramework,
  enableBuiltin,
  frameworkCoverage,
  FrameworkImportError,
  importFramework,
  listFrameworks,
} from "#app/models/requirements.server.ts";
import type { ImportProblem } from "#app/models/requirement-rules.ts";
import { requirementRowsOf, uploadedFile } from "#app/models/framework-file.server.ts";
import { translator } from "#app/i18n/translator.server.ts";
import { parseForm, text, type FieldErrors } from "#app/utils/forms.ts";
import type { Route } from "./+types/index";
import { onceTo } from "#app/models/submissions.server.ts";

export function loader({ request, context }: Route.LoaderArgs) {
  const { user } = requirePermission(request, context, "view", { type: "requirements" });
  const frameworks = listFrameworks(context.db);
  const canManage = can(user, "manage", { type: "requirements" });
  return {
    frameworks: frameworks.map((f) => ({
      id: f.id,
      name: f.name,
      builtin: f.builtin,
      summary: frameworkCoverage(context.db, user, f.id).summary,
    })),
    available: canManage ? builtinFrameworks.filter((k) => !frameworks.some((f) => f.key === k)) : [],
    canManage,
    canSeeEvidence: can(user, "view", { type: "evidencePack" }),
  };
}

const frameworkSchema = z.object({ name: text(200), description: z.string().trim().max(2000, "validation.tooLong") });
export async function action({
  request,
  context,
}: Route.ActionArgs): Promise<{ intent: string; errors: FieldErrors; problems?: ImportProblem[] }> {
  const { user } = requirePermission(request, context, "manage", { type: "requirements" });
  const form = await request.formData();
  const intent = String(form.get("intent"));
  try {
    if (intent === "enable") {
      const key = builtinFrameworks.find((k) => k === form.get("key"));
      if (!key) return { intent, errors: { form: { key: "validation.invalidChoice" } } };
      const name = translator(user.locale)(`frameworks.builtin.${key}`);
      throw redirect(onceTo(context.db, user.id, form, () => `/krav/${enableBuiltin(context.db, user, key, name)}`));
    }
    const parsed = parseForm(frameworkSchema, form);
    if (!parsed.ok) return { intent, errors: parsed.errors };
    if (intent === "create") {
      throw redirect(
        onceTo(context.db, user.id, form, () => `/krav/${createFramework(context.db, user, parsed.data)}`),
      );
    }
    const file = uploadedFile(form);
    if (!(file instanceof File)) return { intent, errors: { file } };
    const rows = await requirementRowsOf(file);
    throw redirect(
      onceTo(context.db, user.id, form, () => `/krav/${importFramework(context.db, user, { ...parsed.data, rows })}`),
    );
  } catch (error) {
    if (error instanceof Response) throw error;
    if (error instanceof FrameworkImportError) return { intent, errors: {}, problems: error.problems };
    return { intent, errors: refusalAsFormError(error) };
  }
}

/** The frameworks the organisation answers to, and how well each is covered. */
export default function Requirements({ loaderData, actionData }: Route.ComponentProps) {
  const { t } = useTranslation();
  const importing = actionData?.intent === "import" ? actionData : undefined;
  const creating = actionData?.intent === "create" ? actionData : undefined;
  return (
    <>
      <PageHeader title={t("sections.requirements.title")} intro={t("frameworks.intro")}>
        <Link to="/krav/sammanhang" className="button button-secondary">
          {t("context.title")}
        </Link>
        <Link to="/krav/delaktighet" className="button button-secondary">
          {t("participation.title")}
        </Link>
        <Link to="/krav/lagar" className="button button-secondary">
          {t("legal.title")}
        </Link>
        <Link to="/krav/uppgiftsfordelning" className="button button-secondary">
          {t("delegations.title")}
        </Link>
        <Link to="/krav/kompetens" className="button button-secondary">
          {t("competence.title")}
        </Link>
        {loaderData.canSeeEvidence ? (
          <Link to="/krav/bevis" className="button button-secondary">
            {t("evidence.title")}
          </Link>
        ) : null}
      </PageHeader>
      {actionData?.intent === "enable" && actionData.errors.form ? (
        <Notice tone="error">{t(actionData.errors.form.key as "errors.unit.notFound")}</Notice>
      ) : null}
      <section className="card" aria-labelledby="frameworks-heading">
        <h2 id="frameworks-heading">{t("frameworks.list")}</h2>
        {loaderData.frameworks.length === 0 ? <p className="muted">{t("frameworks.none")}</p> : null}
        <ul className="plain-list framework-list">
          {loaderData.frameworks.map((f) => (
            <li key={f.id}>
              <Link to={`/krav/${f.id}`}>{f.name}</Link>
              <CoverageBar summary={f.summary} />
            </li>
          ))}
        </ul>
      </section>
      {loaderData.canManage ? (
        <>
          {loaderData.available.length > 0 ? (
            <section className="card" aria-labelledby="builtin-heading">
              <h2 id="builtin-heading">{t("frameworks.builtinHeading")}</h2>
              <p className="muted">{t("frameworks.builtinHint")}</p>
              <ul className="plain-list">
                {loaderData.available.map((key) => (
                  <li key={key}>
                    <Form method="post" className="inline-form">
                      <input type="hidden" name="key" value={key} />
                      <SubmitButton name="intent" value="enable" className="button button-secondary">
                        {t("frameworks.enable", { name: t(`frameworks.builtin.${key}`) })}
                      </SubmitButton>
                    </Form>
                  </li>
                ))}
              </ul>
            </section>
          ) : null}
          <details className="card details-panel" open={Boolean(creating)}>
            <summary>{t("frameworks.create.title")}</summary>
            <p className="muted">{t("frameworks.create.hint")}</p>
            <FormRefusal errors={creating?.errors} />
            <Form method="post" className="form-grid" noValidate>
              <TextField
                label={t("frameworks.import.name")}
                name="name"
                maxLength={200}
                error={creating?.errors.name}
              />
              <TextAreaField label={t("frameworks.import.description")} name="description" optional maxLength={2000} />
              <div className="form-actions">
                <SubmitButton name="intent" value="create">
                  {t("frameworks.create.submit")}
                </SubmitButton>
              </div>
            </Form>
          </details>
          <details className="card details-panel" open={Boolean(importing)}>
            <summary>{t("frameworks.import.title")}</summary>
            <p className="muted">{t("frameworks.import.hint")}</p>
            <FormRefusal errors={importing?.errors} />
            <ImportProblems problems={importing?.problems} />
            <Form method="post" encType="multipart/form-data" className="form-grid" noValidate>
              <TextField
                label={t("frameworks.import.name")}
                name="name"
                maxLength={200}
                error={importing?.errors.name}
              />
              <TextAreaField label={t("frameworks.import.description")} name="description" optional maxLength={2000} />
              <RequirementFileField error={importing?.errors.file} />
              <div className="form-actions">
                <SubmitButton name="intent" value="import">
                  {t("frameworks.import.submit")}
                </SubmitButton>
              </div>
            </Form>
          </details>
        </>
      ) : null}
    </>
  );
}
