import { useTranslation } from "react-i18next";
import { Form, Link, redirect } from "react-router";
import { z } from "zod";
import { SelectField, TextField } from "#app/components/ui/field.tsx";
import { Notice } from "#app/components/ui/notice.tsx";
import { PageHeader } from "#app/components/ui/page-header.tsx";
import { SubmitButton } from "#app/components/ui/submit-button.tsx";
import { requirePermission } from "#app/auth/guards.server.ts";
import { processKinds } from "#app/domain/values.ts";
import { DomainError } from "#app/models/errors.ts";
import { BpmnImportRefusal } from "#app/models/process-bpmn-import.server.ts";
import { importBpmnProcess } from "#app/models/process-import.server.ts";
import type { Route } from "./+types/import";

export function loader({ request, context }: Route.LoaderArgs) {
  requirePermission(request, context, "create", { type: "processes" });
  return null;
}

const importForm = z.object({ kind: z.enum(processKinds).catch("core"), file: z.instanceof(File) });

/** A BPMN file from another tool becomes a new process; its page then shows the report. */
export async function action({ request, context }: Route.ActionArgs) {
  const { user } = requirePermission(request, context, "create", { type: "processes" });
  const parsed = importForm.safeParse(Object.fromEntries(await request.formData()));
  if (!parsed.success || parsed.data.file.size === 0) return { error: "bpmnImport.noFile" as const, file: "" };
  const { file, kind } = parsed.data;
  try {
    const { processId } = await importBpmnProcess(
      context.db,
      context.config.dataDir,
      user,
      {
        name: file.name,
        bytes: new Uint8Array(await file.arrayBuffer()),
      },
      kind,
    );
    context.logger.info({ process: processId }, "bpmn file imported");
    return redirect(`/processer/${processId}`);
  } catch (error) {
    if (error instanceof BpmnImportRefusal) {
      context.logger.warn({ reason: error.reason }, "bpmn file refused");
      return { error: `bpmnImport.refusals.${error.reason}` as const, file: file.name };
    }
    if (error instanceof DomainError) return { error: "wordImport.refusals.notAllowed" as const, file: file.name };
    throw error;
  }
}

export default function ImportBpmn({ actionData }: Route.ComponentProps) {
  const { t } = useTranslation();
  return (
    <>
      <PageHeader title={t("bpmnImport.title")} intro={t("bpmnImport.intro")}>
        <Link to="/processer" className="button button-ghost">
          {t("admin.back")}
        </Link>
      </PageHeader>
      <section className="card">
        {actionData?.error ? (
          <Notice tone="error">
            {actionData.file ? `${actionData.file}: ` : ""}
            {t(actionData.error)}
          </Notice>
        ) : null}
        <Form method="post" encType="multipart/form-data" className="form-grid" noValidate>
          <TextField
            label={t("bpmnImport.file")}
            hint={t("bpmnImport.fileHint")}
            name="file"
            type="file"
            required
            accept=".bpmn,.xml,application/xml,text/xml"
          />
          <SelectField
            label={t("processes.kind")}
            name="kind"
            defaultValue="core"
            options={processKinds.map((kind) => ({ value: kind, label: t(`processKinds.${kind}`) }))}
          />
          <div className="form-actions">
            <SubmitButton>{t("bpmnImport.submit")}</SubmitButton>
          </div>
        </Form>
      </section>
    </>
  );
}
