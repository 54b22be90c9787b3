import { useTranslation } from "react-i18next";
import { Form, Link, redirect } from "react-router";
import { ProcessFields, processSchema } from "#app/components/process-fields.tsx";
import { EmptyState } from "#app/components/ui/empty-state.tsx";
import { FormRefusal } from "#app/components/ui/notice.tsx";
import { PageHeader } from "#app/components/ui/page-header.tsx";
import { SubmitButton } from "#app/components/ui/submit-button.tsx";
import { requirePermission } from "#app/auth/guards.server.ts";
import { can } from "#app/auth/permissions.server.ts";
import { refusalAsFormError } from "#app/models/errors.ts";
import { createProcess, listProcesses } from "#app/models/processes.server.ts";
import { listPeople } from "#app/models/users.server.ts";
import { parseForm, type FieldErrors } from "#app/utils/forms.ts";
import { processKinds } from "#app/domain/values.ts";
import type { Route } from "./+types/index";
import { onceTo } from "#app/models/submissions.server.ts";

export function loader({ request, context }: Route.LoaderArgs) {
  const { user } = requirePermission(request, context, "view", { type: "processes" });
  const all = listProcesses(context.db);
  const canCreate = can(user, "create", { type: "processes" });
  return {
    top: all
      .filter((p) => p.parentId === null)
      .map((p) => ({
        id: p.id,
        title: p.title,
        kind: p.kind,
        ownerName: p.ownerName,
        purpose: p.purpose,
        subCount: all.filter((c) => c.parentId === p.id).length,
      })),
    canCreate,
    people: canCreate ? listPeople(context.db) : [],
    parents: canCreate ? all.map((p) => ({ id: p.id, title: p.title })) : [],
    me: user.id,
  };
}

export async function action({ request, context }: Route.ActionArgs) {
  const { user } = requirePermission(request, context, "create", { type: "processes" });
  const form = await request.formData();
  const parsed = parseForm(processSchema, form);
  if (!parsed.ok) return { errors: parsed.errors };
  try {
    return redirect(
      onceTo(context.db, user.id, form, () => `/processer/${createProcess(context.db, user, parsed.data)}`),
    );
  } catch (error) {
    return { errors: refusalAsFormError(error) as FieldErrors };
  }
}

/** The process landscape (processkarta): every main process, grouped by kind. */
export default function ProcessLandscape({ loaderData, actionData }: Route.ComponentProps) {
  const { t } = useTranslation();
  const errors: FieldErrors | undefined = actionData?.errors;
  return (
    <>
      <PageHeader title={t("sections.processes.title")} intro={t("processes.landscapeIntro")}>
        {loaderData.canCreate ? (
          <Link to="/processer/importera" className="button button-secondary">
            {t("bpmnImport.open")}
          </Link>
        ) : null}
      </PageHeader>
      {loaderData.top.length === 0 ? (
        <EmptyState title={t("processes.empty")}>
          <p>{loaderData.canCreate ? t("processes.emptyNext") : t("processes.emptyAsk")}</p>
        </EmptyState>
      ) : null}
      <div className="landscape">
        {processKinds.map((kind) => {
          const group = loaderData.top.filter((p) => p.kind === kind);
          if (group.length === 0) return null;
          return (
            <section key={kind} className={`landscape-group landscape-${kind}`} aria-labelledby={`group-${kind}`}>
              <h2 id={`group-${kind}`}>{t(`processes.groups.${kind}`)}</h2>
              <ul className="landscape-list">
                {group.map((p) => (
                  <li key={p.id}>
                    <Link to={`/processer/${p.id}`} className="tile process-tile">
                      <strong>{p.title}</strong>
                      {p.purpose ? <span>{p.purpose}</span> : null}
                      <span className="muted">
                        {p.ownerName}
                        {p.subCount > 0 ? ` · ${t("processes.subCount", { count: p.subCount })}` : ""}
                      </span>
                    </Link>
                  </li>
                ))}
              </ul>
            </section>
          );
        })}
      </div>
      {loaderData.canCreate ? (
        <details className="card details-panel" open={Boolean(errors) || loaderData.top.length === 0}>
          <summary>{t("processes.new")}</summary>
          <FormRefusal errors={errors} />
          <Form method="post" className="form-grid" noValidate>
            <ProcessFields
              people={loaderData.people}
              parents={loaderData.parents}
              defaults={{ ownerId: loaderData.me }}
              errors={errors}
            />
            <div className="form-actions">
              <SubmitButton>{t("processes.create")}</SubmitButton>
            </div>
          </Form>
        </details>
      ) : null}
    </>
  );
}
