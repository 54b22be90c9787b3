import { useTranslation } from "react-i18next";
import { data, Form, Link } from "react-router";
import { z } from "zod";
import { TextField } from "#app/components/ui/field.tsx";
import { Notice } from "#app/components/ui/notice.tsx";
import { PageHeader } from "#app/components/ui/page-header.tsx";
import { SubmitButton } from "#app/components/ui/submit-button.tsx";
import { requireAuth } from "#app/auth/guards.server.ts";
import { translator } from "#app/i18n/translator.server.ts";
import {
  previewRegister,
  saveRegister,
  SheetImportError,
  type Problem,
  type SheetPreview,
} from "#app/models/register-sheets.server.ts";
import { readCells, SheetError, type Cell } from "#app/models/spreadsheet.server.ts";
import { registerSheets } from "#app/models/register-catalogue.server.ts";
import type { Route } from "./+types/import";

function entryFor(context: Route.LoaderArgs["context"], request: Request, register: string) {
  const { user } = requireAuth(request, context);
  const entry = registerSheets[register];
  if (!entry?.importer || !entry.canImport(user)) throw data({ reason: "notFound" }, { status: 404 });
  return { user, entry, importer: entry.importer };
}

export function loader({ request, params, context }: Route.LoaderArgs) {
  const { user, entry } = entryFor(context, request, params.register);
  return { title: entry.title(translator(user.locale)), back: entry.back };
}

const cellsSchema = z.array(
  z.array(z.object({ text: z.string().max(4000), formula: z.boolean(), merged: z.boolean() })),
);

/** What the preview sent back; anything that is not JSON is as if nothing were sent. */
function jsonOrNull(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}

type Result =
  | { stage: "preview"; preview: SheetPreview; cells: string }
  | { stage: "saved"; counts: { created: number; updated: number; unchanged: number } }
  | { stage: "refused"; problems: Problem[] }
  | { stage: "unreadable" };

/**
 * First the sheet is read and every row shown with what would happen to it; the cells travel
 * back with the confirmation, are read again from scratch, and saved all or nothing.
 */
export async function action({ request, params, context }: Route.ActionArgs): Promise<Result> {
  const { user, importer } = entryFor(context, request, params.register);
  const form = await request.formData();
  let cells: Cell[][];
  if (form.get("intent") === "save") {
    const parsed = cellsSchema.safeParse(jsonOrNull(String(form.get("cells") ?? "")));
    if (!parsed.success) return { stage: "unreadable" };
    cells = parsed.data;
    try {
      const counts = saveRegister(context.db, user, importer, cells, user.locale);
      context.logger.info({ register: params.register, ...counts }, "register imported");
      return { stage: "saved", counts };
    } catch (error) {
      if (error instanceof SheetImportError) return { stage: "refused", problems: error.problems };
      throw error;
    }
  }
  const file = form.get("file");
  if (!(file instanceof File) || file.size === 0) return { stage: "unreadable" };
  try {
    cells = await readCells(new Uint8Array(await file.arrayBuffer()), file.name);
  } catch (error) {
    if (error instanceof SheetError) return { stage: "unreadable" };
    throw error;
  }
  const preview = previewRegister(context.db, importer, cells, user.locale);
  return { stage: "preview", preview, cells: JSON.stringify(cells) };
}

export default function ImportRegister({ loaderData, actionData }: Route.ComponentProps) {
  const { t } = useTranslation();
  const problems =
    actionData?.stage === "preview"
      ? actionData.preview.problems
      : actionData?.stage === "refused"
        ? actionData.problems
        : [];
  return (
    <>
      <PageHeader
        title={t("sheets.importTitle", { register: loaderData.title.toLocaleLowerCase() })}
        intro={t("sheets.importIntro")}
      >
        <Link to={loaderData.back} className="button button-ghost">
          {t("sheets.back")}
        </Link>
      </PageHeader>
      {actionData?.stage === "saved" ? <Notice tone="success">{t("sheets.saved", actionData.counts)}</Notice> : null}
      {actionData?.stage === "unreadable" ? <Notice tone="error">{t("sheets.problems.unreadable")}</Notice> : null}
      {problems.length > 0 ? <ProblemList problems={problems} /> : null}
      {actionData?.stage === "preview" && problems.length === 0 ? (
        <PreviewTable preview={actionData.preview} cells={actionData.cells} />
      ) : (
        <section className="card">
          <Form method="post" encType="multipart/form-data" className="form-grid" noValidate>
            <TextField label={t("sheets.file")} name="file" type="file" required accept=".xlsx,.csv" />
            <div className="form-actions">
              <SubmitButton name="intent" value="preview">
                {t("sheets.preview")}
              </SubmitButton>
            </div>
          </Form>
        </section>
      )}
    </>
  );
}

/** Every problem by row and column, so the person can go straight to the cell in Excel. */
function ProblemList({ problems }: { problems: Problem[] }) {
  const { t } = useTranslation();
  return (
    <section className="notice notice-error" role="alert" aria-labelledby="sheet-problems">
      <h2 id="sheet-problems">{t("sheets.problemsTitle", { count: problems.length })}</h2>
      <p>{t("sheets.problemsHint")}</p>
      <div className="table-scroll">
        <table className="data-table">
          <thead>
            <tr>
              <th scope="col">{t("sheets.row")}</th>
              <th scope="col">{t("sheets.column")}</th>
              <th scope="col">{t("sheets.what")}</th>
            </tr>
          </thead>
          <tbody>
            {problems.map((p, i) => (
              <tr key={i}>
                <td>{p.row}</td>
                <td>{p.column}</td>
                <td>{t(`sheets.problems.${p.code}`, { value: p.value ?? "", message: p.message ?? "" })}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}

function PreviewTable({ preview, cells }: { preview: SheetPreview; cells: string }) {
  const { t } = useTranslation();
  const changes = preview.rows.filter((r) => r.action !== "unchanged").length;
  return (
    <section className="card" aria-labelledby="sheet-preview">
      <h2 id="sheet-preview">{t("sheets.preview")}</h2>
      <div className="table-scroll">
        <table className="data-table">
          <thead>
            <tr>
              <th scope="col">{t("sheets.row")}</th>
              <th scope="col">{t("sheets.columns.title")}</th>
              <th scope="col">{t("sheets.what")}</th>
            </tr>
          </thead>
          <tbody>
            {preview.rows.map((row) => (
              <tr key={row.row}>
                <td>{row.row}</td>
                <td>{row.label}</td>
                <td>
                  <span className={`badge ${row.action === "unchanged" ? "badge-neutral" : "badge-draft"}`}>
                    {t(`sheets.actions.${row.action}`)}
                  </span>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {changes === 0 ? (
        <p>{t("sheets.nothingToSave")}</p>
      ) : (
        <Form method="post" className="form-actions">
          <input type="hidden" name="cells" value={cells} />
          <SubmitButton name="intent" value="save">
            {t("sheets.save", { count: changes })}
          </SubmitButton>
        </Form>
      )}
    </section>
  );
}
