import { useTranslation } from "react-i18next";
import { data, Form, Link } from "react-router";
import { LinkedPanel } from "#app/components/linked-panel.tsx";
import { SelectField, TextAreaField } from "#app/components/ui/field.tsx";
import { FormRefusal, Notice } from "#app/components/ui/notice.tsx";
import { PageHeader } from "#app/components/ui/page-header.tsx";
import { SubmitButton } from "#app/components/ui/submit-button.tsx";
import { requirePermission } from "#app/auth/guards.server.ts";
import { can } from "#app/auth/permissions.server.ts";
import { refusalAsFormError } from "#app/models/errors.ts";
import { linkedTo } from "#app/models/links.server.ts";
import { coverageOf, requirementTitle } from "#app/models/requirement-rules.ts";
import { getRequirement, inEffect, setApplicability } from "#app/models/requirements.server.ts";
import { linkFormIntent } from "#app/routes/links/link-form.server.ts";
import { formText, type FieldErrors } from "#app/utils/forms.ts";
import { soaStatuses } from "#app/domain/values.ts";
import type { Route } from "./+types/requirement";

function requirementOr404(context: Route.LoaderArgs["context"], id: string) {
  const requirement = getRequirement(context.db, id);
  if (!requirement) throw data({ reason: "notFound" }, { status: 404 });
  return requirement;
}

export function loader({ request, params, context }: Route.LoaderArgs) {
  const { user } = requirePermission(request, context, "view", { type: "requirements" });
  const r = requirementOr404(context, params.id);
  const linked = linkedTo(context.db, user, { kind: "requirement", id: r.id });
  return {
    requirement: {
      id: r.id,
      code: r.code,
      title: r.title,
      titleKey: r.titleKey,
      applicable: r.applicable,
      justification: r.justification,
      implementation: r.implementation,
      frameworkId: r.framework.id,
      frameworkName: r.framework.name,
    },
    coverage: coverageOf(
      r.applicable,
      linked.map((l) => ({ inEffect: inEffect(l) })),
    ),
    linked,
    canLink: can(user, "edit", { type: "links" }),
    canManage: can(user, "manage", { type: "requirements" }),
  };
}

export async function action({
  request,
  params,
  context,
}: Route.ActionArgs): Promise<{ intent: string; errors: FieldErrors; done?: boolean }> {
  const { user } = requirePermission(request, context, "view", { type: "requirements" });
  const r = requirementOr404(context, params.id);
  const form = await request.formData();
  const linking = linkFormIntent(context.db, user, { kind: "requirement", id: r.id }, form);
  if (linking) return { intent: "link", ...linking };
  try {
    setApplicability(context.db, user, r.id, {
      applicable: form.get("applicable") === "yes",
      justification: formText(form, "justification", 2000),
      implementation: soaStatuses.find((s) => s === form.get("implementation")) ?? null,
    });
  } catch (error) {
    return { intent: "applicability", errors: refusalAsFormError(error) };
  }
  return { intent: "applicability", errors: {}, done: true };
}

/** One requirement: what meets it, how well, and whether it applies here. */
export default function RequirementPage({ loaderData, actionData }: Route.ComponentProps) {
  const { t } = useTranslation();
  const { requirement: r } = loaderData;
  const title = requirementTitle(r, (key) => t(key as "clauses.4_1"));
  const applying = actionData?.intent === "applicability" ? actionData : undefined;
  const linkErrors = actionData?.intent === "link" ? actionData.errors : undefined;
  return (
    <>
      <PageHeader title={`${r.code} ${title}`} intro={r.frameworkName}>
        <Link to={`/krav/${r.frameworkId}`} className="button button-ghost">
          {t("admin.back")}
        </Link>
      </PageHeader>
      <p className="document-meta">
        <span className={`badge coverage-${loaderData.coverage}`}>{t(`coverage.${loaderData.coverage}`)}</span>{" "}
        {r.implementation ? t(`soa.${r.implementation}`) : null}
      </p>
      <LinkedPanel
        self={{ kind: "requirement", id: r.id }}
        items={loaderData.linked}
        canLink={loaderData.canLink}
        error={linkErrors?.form ?? linkErrors?.target}
      >
        <p className="muted">{t("frameworks.linkHint")}</p>
      </LinkedPanel>
      {loaderData.canManage ? (
        <section className="card" aria-labelledby="applicability-heading">
          <h2 id="applicability-heading">{t("frameworks.applicability")}</h2>
          <FormRefusal errors={applying?.errors} />
          {applying?.done ? <Notice tone="success">{t("admin.saved")}</Notice> : null}
          <Form method="post" className="form-grid" noValidate>
            <SelectField
              label={t("frameworks.applies")}
              name="applicable"
              defaultValue={r.applicable ? "yes" : "no"}
              options={[
                { value: "yes", label: t("frameworks.appliesYes") },
                { value: "no", label: t("frameworks.appliesNo") },
              ]}
            />
            <SelectField
              label={t("frameworks.implementation")}
              name="implementation"
              defaultValue={r.implementation ?? ""}
              options={[
                { value: "", label: t("frameworks.implementationNone") },
                ...soaStatuses.map((s) => ({ value: s, label: t(`soa.${s}`) })),
              ]}
            />
            <TextAreaField
              label={t("frameworks.justification")}
              hint={t("frameworks.justificationHint")}
              name="justification"
              optional
              maxLength={2000}
              defaultValue={r.justification}
            />
            <div className="form-actions">
              <SubmitButton>{t("frameworks.saveApplicability")}</SubmitButton>
            </div>
          </Form>
        </section>
      ) : null}
    </>
  );
}
