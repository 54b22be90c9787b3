import { useTranslation } from "react-i18next";
import { data, Form, Link } from "react-router";
import { CoverageBar } from "#app/components/coverage-bar.tsx";
import { ImportProblems, RequirementFileField } from "#app/components/requirement-file.tsx";
import { SelectField, TextAreaField, TextField } from "#app/components/ui/field.tsx";
import { WrittenSamNotice } from "#app/components/written-sam-notice.tsx";
import { FormRefusal, Notice } from "#app/components/ui/notice.tsx";
import { PageHeader } from "#app/components/ui/page-header.tsx";
import { SubmitButton } from "#app/components/ui/submit-button.tsx";
import { requirePermission } from "#app/auth/guards.server.ts";
import { can } from "#app/auth/permissions.server.ts";
import { setFrameworkScope, writtenSamDocuments, WRITTEN_SAM_FROM } from "#app/models/context.server.ts";
import { refusalAsFormError } from "#app/models/errors.ts";
import { requirementRowsOf, uploadedFile } from "#app/models/framework-file.server.ts";
import { requirementTitle, validateTitles, type ImportProblem } from "#app/models/requirement-rules.ts";
import {
  addRequirement,
  frameworkCoverage,
  FrameworkImportError,
  getFramework,
  nameRequirements,
} from "#app/models/requirements.server.ts";
import { formText, parseForm, text, type FieldErrors } from "#app/utils/forms.ts";
import { z } from "zod";
import { SheetLinks } from "#app/components/sheet-links.tsx";
import { queryOf } from "#app/utils/query.ts";
import type { Route } from "./+types/framework";
import { once } from "#app/models/submissions.server.ts";

export function loader({ request, params, context }: Route.LoaderArgs) {
  const { user } = requirePermission(request, context, "view", { type: "requirements" });
  const framework = getFramework(context.db, params.id);
  if (!framework) throw data({ reason: "notFound" }, { status: 404 });
  const { requirements, summary } = frameworkCoverage(context.db, user, framework.id);
  return {
    framework: {
      id: framework.id,
      name: framework.name,
      description: framework.description,
      scope: framework.scope,
      boundaries: framework.boundaries,
      builtin: framework.builtin,
    },
    // AFS 2023:1's size rule is shown where its requirements are.
    written: framework.key === "afs2023_1" ? writtenSamDocuments(context.db) : null,
    writtenFrom: WRITTEN_SAM_FROM,
    hasSoa: framework.key === "iso27001a",
    canManage: can(user, "manage", { type: "requirements" }),
    summary,
    requirements: requirements.map((r) => ({
      id: r.id,
      code: r.code,
      title: r.title,
      titleKey: r.titleKey,
      isHeading: r.isHeading,
      parentCode: r.parentCode,
      coverage: r.coverage,
      justification: r.justification,
      evidence: r.evidence.map((e) => ({ key: e.linkId, title: e.title, href: e.href, inEffect: e.inEffect })),
    })),
  };
}

const requirementSchema = z.object({
  code: text(40),
  title: text(300),
  parentCode: z
    .string()
    .trim()
    .max(40, "validation.tooLong")
    .transform((v) => v || null),
});

type ActionResult = { intent: string; errors: FieldErrors; problems?: ImportProblem[]; done?: boolean };

export async function action({ request, params, context }: Route.ActionArgs): Promise<ActionResult> {
  const { user } = requirePermission(request, context, "manage", { type: "requirements" });
  const form = await request.formData();
  const intent = String(form.get("intent"));
  try {
    if (intent === "add") {
      const parsed = parseForm(requirementSchema, form);
      if (!parsed.ok) return { intent, errors: parsed.errors };
      once(context.db, user.id, form, () => addRequirement(context.db, user, params.id, parsed.data));
    } else if (intent === "names") {
      const file = uploadedFile(form);
      if (!(file instanceof File)) return { intent, errors: { file } };
      const checked = validateTitles(await requirementRowsOf(file));
      if (!checked.ok) return { intent, errors: {}, problems: checked.problems };
      nameRequirements(context.db, user, params.id, checked.titles);
    } else {
      setFrameworkScope(context.db, user, params.id, {
        scope: formText(form, "scope"),
        boundaries: formText(form, "boundaries"),
      });
    }
  } catch (error) {
    if (error instanceof FrameworkImportError) return { intent, errors: {}, problems: error.problems };
    return { intent, errors: refusalAsFormError(error) };
  }
  return { intent, errors: {}, done: true };
}

/** One framework requirement by requirement: covered, partly covered, a gap, or not applicable, with the evidence a click away. */
export default function FrameworkCoverage({ loaderData, actionData }: Route.ComponentProps) {
  const { t } = useTranslation();
  const { framework } = loaderData;
  const result = (intent: string) => (actionData?.intent === intent ? actionData : undefined);
  const scoping = actionData && actionData.intent !== "add" && actionData.intent !== "names" ? actionData : undefined;
  const adding = result("add");
  const naming = result("names");
  const titleOf = (r: { title: string | null; titleKey: string | null }) =>
    requirementTitle(r, (key) => t(key as "clauses.4_1"));
  return (
    <>
      <PageHeader title={framework.name} intro={framework.description || t("frameworks.coverageIntro")}>
        <SheetLinks
          register="kravtackning"
          query={queryOf({ ramverk: framework.id })}
          canImport={loaderData.canManage}
        />
        {loaderData.hasSoa ? (
          <a href={`/krav/${framework.id}/soa.pdf`} className="button button-secondary" download>
            {t("frameworks.soa.download")}
          </a>
        ) : null}
        <Link to="/krav" className="button button-ghost">
          {t("admin.back")}
        </Link>
      </PageHeader>
      <section className="card" aria-labelledby="summary-heading">
        <h2 id="summary-heading">{t("frameworks.coverage")}</h2>
        <CoverageBar summary={loaderData.summary} />
        {loaderData.written ? <WrittenSamNotice written={loaderData.written} from={loaderData.writtenFrom} /> : null}
      </section>
      <section className="card" aria-labelledby="scope-heading">
        <h2 id="scope-heading">{t("frameworks.scope")}</h2>
        <FormRefusal errors={scoping?.errors} />
        {scoping?.done ? <Notice tone="success">{t("admin.saved")}</Notice> : null}
        {loaderData.canManage ? (
          <Form method="post" className="form-grid sam-compile" noValidate>
            <TextAreaField
              label={t("frameworks.scopeText")}
              hint={t("frameworks.scopeHint")}
              name="scope"
              optional
              maxLength={4000}
              defaultValue={framework.scope}
            />
            <TextAreaField
              label={t("frameworks.boundaries")}
              name="boundaries"
              optional
              maxLength={4000}
              defaultValue={framework.boundaries}
            />
            <div className="form-actions">
              <SubmitButton name="intent" value="scope">
                {t("frameworks.saveScope")}
              </SubmitButton>
            </div>
          </Form>
        ) : (
          <dl className="facts">
            <dt>{t("frameworks.scopeText")}</dt>
            <dd className="pre-line">{framework.scope || t("frameworks.noScope")}</dd>
            <dt>{t("frameworks.boundaries")}</dt>
            <dd className="pre-line">{framework.boundaries || "–"}</dd>
          </dl>
        )}
        <p className="muted">{t("frameworks.exclusionsHint")}</p>
      </section>
      <section className="card" aria-labelledby="requirements-heading">
        <h2 id="requirements-heading">{t("frameworks.requirements")}</h2>
        <div className="table-wrap">
          <table>
            <caption className="visually-hidden">{t("frameworks.requirements")}</caption>
            <thead>
              <tr>
                <th scope="col">{t("frameworks.requirement")}</th>
                <th scope="col">{t("frameworks.status")}</th>
                <th scope="col">{t("frameworks.evidence")}</th>
              </tr>
            </thead>
            <tbody>
              {loaderData.requirements.map((r) =>
                r.isHeading ? (
                  <tr key={r.id} className="requirement-heading">
                    <th scope="rowgroup" colSpan={3}>
                      {r.code} {titleOf(r)}
                    </th>
                  </tr>
                ) : (
                  <tr key={r.id}>
                    <th scope="row">
                      <Link to={`/krav/krav/${r.id}`}>
                        {r.code} {titleOf(r)}
                      </Link>
                    </th>
                    <td>
                      <span className={`badge coverage-${r.coverage}`}>{t(`coverage.${r.coverage}`)}</span>
                    </td>
                    <td>
                      {r.coverage === "not_applicable" ? (
                        <span className="muted">{r.justification}</span>
                      ) : (
                        <ul className="plain-list">
                          {r.evidence.map((e) => (
                            <li key={e.key}>
                              <Link to={e.href}>{e.title}</Link>
                              {e.inEffect ? null : <span className="muted"> ({t("frameworks.notInEffect")})</span>}
                            </li>
                          ))}
                        </ul>
                      )}
                    </td>
                  </tr>
                ),
              )}
            </tbody>
          </table>
        </div>
      </section>
      {loaderData.canManage ? (
        <>
          <details className="card details-panel" open={Boolean(adding)}>
            <summary>{t("frameworks.add.title")}</summary>
            <p className="muted">{t(framework.builtin ? "frameworks.add.builtinHint" : "frameworks.add.hint")}</p>
            <FormRefusal errors={adding?.errors} />
            {adding?.done ? <Notice tone="success">{t("frameworks.add.done")}</Notice> : null}
            <Form method="post" className="form-grid" noValidate>
              <TextField label={t("frameworks.add.code")} name="code" maxLength={40} error={adding?.errors.code} />
              <TextField label={t("frameworks.add.title_")} name="title" maxLength={300} error={adding?.errors.title} />
              <SelectField
                label={t("frameworks.add.parent")}
                name="parentCode"
                options={[
                  { value: "", label: t("frameworks.add.noParent") },
                  ...loaderData.requirements.map((r) => ({ value: r.code, label: `${r.code} ${titleOf(r)}` })),
                ]}
              />
              <div className="form-actions">
                <SubmitButton name="intent" value="add">
                  {t("frameworks.add.submit")}
                </SubmitButton>
              </div>
            </Form>
          </details>
          <details className="card details-panel" open={Boolean(naming)}>
            <summary>{t("frameworks.names.title")}</summary>
            <p className="muted">{t("frameworks.names.hint")}</p>
            <FormRefusal errors={naming?.errors} />
            <ImportProblems problems={naming?.problems} />
            {naming?.done ? <Notice tone="success">{t("admin.saved")}</Notice> : null}
            <Form method="post" encType="multipart/form-data" className="form-grid" noValidate>
              <RequirementFileField error={naming?.errors.file} />
              <div className="form-actions">
                <SubmitButton name="intent" value="names">
                  {t("frameworks.names.submit")}
                </SubmitButton>
              </div>
            </Form>
          </details>
        </>
      ) : null}
    </>
  );
}
