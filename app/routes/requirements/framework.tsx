import { useTranslation } from "react-i18next";
import { data, Form, Link } from "react-router";
import { CoverageBar } from "#app/components/coverage-bar.tsx";
import { TextAreaField } from "#app/components/ui/field.tsx";
import { Notice } from "#app/components/ui/notice.tsx";
import { PageHeader } from "#app/components/ui/page-header.tsx";
import { SubmitButton } from "#app/components/ui/submit-button.tsx";
import { requirePermission } from "#app/auth/guards.server.ts";
import { can } from "#app/auth/permissions.server.ts";
import { setFrameworkScope } from "#app/models/context.server.ts";
import { refusalAsFormError } from "#app/models/errors.ts";
import { frameworkCoverage, getFramework } from "#app/models/requirements.server.ts";
import { formText, type FieldErrors } from "#app/utils/forms.ts";
import type { Route } from "./+types/framework";

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
    },
    canManage: can(user, "manage", { type: "requirements" }),
    summary,
    requirements: requirements.map((r) => ({
      id: r.id,
      code: r.code,
      title: r.title,
      titleKey: r.titleKey,
      isHeading: r.isHeading,
      coverage: r.coverage,
      justification: r.justification,
      evidence: r.evidence.map((e) => ({ key: e.linkId, title: e.title, href: e.href, inEffect: e.inEffect })),
    })),
  };
}

export async function action({
  request,
  params,
  context,
}: Route.ActionArgs): Promise<{ errors: FieldErrors; done?: boolean }> {
  const { user } = requirePermission(request, context, "manage", { type: "requirements" });
  const form = await request.formData();
  try {
    setFrameworkScope(context.db, user, params.id, {
      scope: formText(form, "scope"),
      boundaries: formText(form, "boundaries"),
    });
  } catch (error) {
    return { errors: refusalAsFormError(error) };
  }
  return { errors: {}, done: true };
}

/** One framework requirement by requirement: covered, partly covered, a gap, or not applicable, with the evidence a click away. */
export default function FrameworkCoverage({ loaderData, actionData }: Route.ComponentProps) {
  const { t } = useTranslation();
  const { framework } = loaderData;
  const titleOf = (r: { title: string | null; titleKey: string | null }) =>
    r.title ?? (r.titleKey ? t(r.titleKey as "clauses.4_1") : "");
  return (
    <>
      <PageHeader title={framework.name} intro={framework.description || t("frameworks.coverageIntro")}>
        <Link to="/krav" className="button button-ghost">
          {t("admin.back")}
        </Link>
      </PageHeader>
      <section className="card" aria-labelledby="summary-heading">
        <h2 id="summary-heading">{t("frameworks.coverage")}</h2>
        <CoverageBar summary={loaderData.summary} />
      </section>
      <section className="card" aria-labelledby="scope-heading">
        <h2 id="scope-heading">{t("frameworks.scope")}</h2>
        {actionData?.errors.form ? (
          <Notice tone="error">{t(actionData.errors.form.key as "errors.unit.notFound")}</Notice>
        ) : null}
        {actionData?.done ? <Notice tone="success">{t("admin.saved")}</Notice> : null}
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
              <SubmitButton>{t("frameworks.saveScope")}</SubmitButton>
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
    </>
  );
}
