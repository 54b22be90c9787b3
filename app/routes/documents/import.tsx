import { useState, type FormEvent } from "react";
import { useTranslation } from "react-i18next";
import { Form, Link, redirect } from "react-router";
import { z } from "zod";
import { ImportReportView } from "#app/components/import-report.tsx";
import { personOptions } from "#app/components/person-options.ts";
import { SelectField, TextField } from "#app/components/ui/field.tsx";
import { Notice } from "#app/components/ui/notice.tsx";
import { PageHeader } from "#app/components/ui/page-header.tsx";
import { SubmitButton } from "#app/components/ui/submit-button.tsx";
import { unitOptions } from "#app/components/unit-options.ts";
import { requirePermission } from "#app/auth/guards.server.ts";
import { can } from "#app/auth/permissions.server.ts";
import { documentTypes } from "#app/domain/values.ts";
import { unitTree } from "#app/models/units.server.ts";
import { listPeople } from "#app/models/users.server.ts";
import { importBatchFile, importChoiceSchema, importUploads, type BatchOutcome } from "./import.server.ts";
import { clearBatch, openBatch } from "#app/models/import-staging.server.ts";
import type { Route } from "./+types/import";

export function loader({ request, context }: Route.LoaderArgs) {
  const { user } = requirePermission(request, context, "create", { type: "documents" });
  return {
    people: listPeople(context.db),
    units: unitTree(context.db),
    me: user.id,
    myUnit: user.unitId,
    canApprove: can(user, "approve", { type: "releases" }),
  };
}

const importAll = z.object({ batch: z.string().regex(/^[a-z2-7]{16}$/) });

/**
 * One Word file is imported at once and opens as a draft. Several files, or a zip, are shown
 * first so people can correct each file's type; the import then runs file by file (the page
 * shows its progress), or all in one request without JavaScript.
 */
export async function action({ request, context }: Route.ActionArgs) {
  const { user } = requirePermission(request, context, "create", { type: "documents" });
  const form = await request.formData();
  const choice = importChoiceSchema.safeParse(Object.fromEntries(form));
  if (!choice.success) return { stage: "choose" as const, error: "wordImport.noFiles" as const };
  if (form.get("intent") === "import") {
    const parsed = importAll.safeParse(Object.fromEntries(form));
    const batch = parsed.success ? openBatch(context.config.dataDir, parsed.data.batch, user.id) : undefined;
    if (!batch) return { stage: "choose" as const, error: "wordImport.expired" as const };
    const outcomes: BatchOutcome[] = [];
    for (const file of batch.files) {
      outcomes.push(
        await importBatchFile(context, user, batch, file.index, String(form.get(`type-${file.index}`)), choice.data),
      );
    }
    clearBatch(context.config.dataDir, batch.id);
    return {
      stage: "done" as const,
      outcomes: [...batch.refused.map((r) => ({ ...r, ok: false as const })), ...outcomes],
    };
  }
  const uploads = form.getAll("files").filter((f): f is File => f instanceof File && f.size > 0);
  const sent = await importUploads(context, user, uploads, choice.data);
  if (sent.kind === "none") return { stage: "choose" as const, error: "wordImport.noFiles" as const };
  if (sent.kind === "single") return redirect(`/dokument/${sent.documentId}`);
  if (sent.kind === "refused")
    return { stage: "done" as const, outcomes: sent.refused.map((r) => ({ ...r, ok: false as const })) };
  return { stage: "preview" as const, batch: sent.batch, choice: choice.data };
}

export default function ImportWord({ loaderData, actionData }: Route.ComponentProps) {
  const { t } = useTranslation();
  return (
    <>
      <PageHeader title={t("wordImport.title")} intro={t("wordImport.intro")}>
        <Link to="/dokument" className="button button-ghost">
          {t("admin.back")}
        </Link>
      </PageHeader>
      {actionData?.stage === "preview" ? (
        <BatchPreview batch={actionData.batch} choice={actionData.choice} />
      ) : actionData?.stage === "done" ? (
        <ImportResults outcomes={actionData.outcomes} />
      ) : (
        <section className="card">
          {actionData?.error ? <Notice tone="error">{t(actionData.error)}</Notice> : null}
          <Form method="post" encType="multipart/form-data" className="form-grid" noValidate>
            <TextField
              label={t("wordImport.files")}
              hint={t("wordImport.filesHint")}
              name="files"
              type="file"
              multiple
              required
              accept=".docx,.zip,application/vnd.openxmlformats-officedocument.wordprocessingml.document,application/zip"
            />
            <SelectField
              label={t("wordImport.type")}
              name="type"
              defaultValue="guess"
              options={[
                { value: "guess", label: t("wordImport.typeGuess") },
                ...documentTypes.map((type) => ({ value: type, label: t(`documentTypes.${type}`) })),
              ]}
            />
            <SelectField
              label={t("documents.owner")}
              hint={t("wordImport.batchOwnerHint")}
              name="ownerId"
              defaultValue={loaderData.me}
              options={personOptions(loaderData.people)}
            />
            <SelectField
              label={t("documents.unit")}
              name="unitId"
              defaultValue={loaderData.myUnit ?? ""}
              options={[{ value: "", label: t("documents.wholeOrganisation") }, ...unitOptions(loaderData.units)]}
            />
            {loaderData.canApprove ? (
              <div>
                <label className="checkbox">
                  <input type="checkbox" name="approvedOutside" value="on" aria-describedby="approved-outside-hint" />{" "}
                  {t("wordImport.approvedOutside")}
                </label>
                <p id="approved-outside-hint" className="field-hint">
                  {t("wordImport.approvedOutsideHint")}
                </p>
              </div>
            ) : null}
            <div className="form-actions">
              <SubmitButton>{t("wordImport.preview")}</SubmitButton>
            </div>
          </Form>
        </section>
      )}
    </>
  );
}

type Preview = Extract<NonNullable<Route.ComponentProps["actionData"]>, { stage: "preview" }>;

/** Each file with its guessed type, to correct before anything is saved; then the import, with progress. */
function BatchPreview({ batch, choice }: Pick<Preview, "batch" | "choice">) {
  const { t } = useTranslation();
  const [progress, setProgress] = useState<{ done: number; outcomes: BatchOutcome[] } | null>(null);
  const total = batch.files.length;
  // With JavaScript the files go one by one, so the page can say how far it has come.
  async function importEach(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const outcomes: BatchOutcome[] = batch.refused.map((r) => ({ ...r, ok: false }));
    setProgress({ done: 0, outcomes });
    for (const [done, file] of batch.files.entries()) {
      const body = new FormData();
      for (const key of ["batch", "ownerId", "unitId", "approvedOutside"]) {
        const value = form.get(key);
        if (typeof value === "string") body.set(key, value);
      }
      body.set("index", String(file.index));
      body.set("type", String(form.get(`type-${file.index}`)));
      const answer = await fetch("/dokument/importera/fil", {
        method: "POST",
        body,
        headers: { Accept: "application/json" },
      });
      outcomes.push(
        answer.ok ? ((await answer.json()) as BatchOutcome) : { ok: false, path: file.path, reason: "corrupt" },
      );
      setProgress({ done: done + 1, outcomes: [...outcomes] });
    }
  }
  if (progress && progress.done === total) return <ImportResults outcomes={progress.outcomes} />;
  return (
    <section className="card">
      <h2>{t("wordImport.previewTitle")}</h2>
      <p>{t("wordImport.previewIntro", { count: total })}</p>
      {batch.refused.length > 0 ? <RefusedList outcomes={batch.refused} /> : null}
      <Form method="post" onSubmit={importEach}>
        <input type="hidden" name="batch" value={batch.id} />
        <input type="hidden" name="ownerId" value={choice.ownerId} />
        <input type="hidden" name="unitId" value={choice.unitId ?? ""} />
        {choice.approvedOutside ? <input type="hidden" name="approvedOutside" value="on" /> : null}
        <input type="hidden" name="type" value={choice.type} />
        <div className="table-scroll">
          <table className="data-table">
            <thead>
              <tr>
                <th scope="col">{t("wordImport.file")}</th>
                <th scope="col">{t("wordImport.type")}</th>
              </tr>
            </thead>
            <tbody>
              {batch.files.map((file) => (
                <tr key={file.index}>
                  <th scope="row" className="import-path">
                    {file.path}
                  </th>
                  <td>
                    <select
                      name={`type-${file.index}`}
                      aria-label={t("wordImport.type") + ": " + file.path}
                      defaultValue={choice.type === "guess" ? file.type : choice.type}
                      disabled={progress !== null}
                    >
                      {documentTypes.map((type) => (
                        <option key={type} value={type}>
                          {t(`documentTypes.${type}`)}
                        </option>
                      ))}
                    </select>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        {progress ? (
          <div className="import-progress" role="status">
            <label>
              {t("wordImport.progress", { done: progress.done, total })}
              <progress max={total} value={progress.done} aria-label={t("wordImport.progressLabel")} />
            </label>
          </div>
        ) : (
          <div className="form-actions">
            <SubmitButton name="intent" value="import">
              {t("wordImport.start", { count: total })}
            </SubmitButton>
            <Link to="/dokument/importera" className="button button-ghost">
              {t("wordImport.cancel")}
            </Link>
          </div>
        )}
      </Form>
    </section>
  );
}

function RefusedList({ outcomes }: { outcomes: { path: string; reason: string }[] }) {
  const { t } = useTranslation();
  return (
    <div role="alert" className="notice notice-error">
      <h3>{t("wordImport.refusedTitle")}</h3>
      <ul>
        {outcomes.map((outcome) => (
          <li key={outcome.path}>
            <strong>{outcome.path}</strong>: {t(`wordImport.refusals.${outcome.reason as "corrupt"}`)}
          </li>
        ))}
      </ul>
    </div>
  );
}

/** The batch's report: every file, imported with its own report, or refused with the reason. */
function ImportResults({ outcomes }: { outcomes: BatchOutcome[] }) {
  const { t } = useTranslation();
  const imported = outcomes.filter((o) => o.ok);
  const refused = outcomes.filter((o) => !o.ok);
  return (
    <section className="card" aria-labelledby="import-results">
      <h2 id="import-results">{t("wordImport.resultsTitle")}</h2>
      <p role="status">{t("wordImport.summary", { imported: imported.length, refused: refused.length })}</p>
      {refused.length > 0 ? <RefusedList outcomes={refused} /> : null}
      <ul className="import-results">
        {imported.map((outcome) => (
          <li key={outcome.documentId}>
            <Link to={`/dokument/${outcome.documentId}`}>{outcome.title}</Link>{" "}
            <span className="import-path">{outcome.path}</span>
            {outcome.version ? <> · {t("wordImport.registered", { version: outcome.version })}</> : null}
            <details>
              <summary>{t("wordImport.showReport")}</summary>
              <ImportReportView report={outcome.report} ownerFromFile={outcome.ownerFromFile} />
            </details>
          </li>
        ))}
      </ul>
      <p>
        <Link to="/dokument" className="button button-secondary">
          {t("nav.documents")}
        </Link>
      </p>
    </section>
  );
}
