import type { AppLoadContext } from "react-router";
import { z } from "zod";
import type { Actor } from "#app/auth/permissions.server.ts";
import { controlledTypes, type Locale } from "#app/domain/values.ts";
import { translator } from "#app/i18n/translator.server.ts";
import {
  guessType,
  importWordFile,
  refusalOf,
  wordFilesIn,
  type ImportChoice,
  type ImportedFile,
  type ImportRefusalReason,
  type Upload,
} from "#app/models/document-import.server.ts";
import { DomainError } from "#app/models/errors.ts";
import { stageBatch, stagedFile, unstage, type Batch } from "#app/models/import-staging.server.ts";

/** The most files one import takes; a larger system comes in a few batches. */
const MAX_FILES = 500;

export const importChoiceSchema = z.object({
  type: z.enum(["guess", ...controlledTypes]).default("guess"),
  ownerId: z.string().min(1).max(40),
  unitId: z
    .string()
    .max(40)
    .optional()
    .transform((v) => v || null),
  approvedOutside: z
    .string()
    .optional()
    .transform((v) => v === "on"),
});
export type ImportForm = z.output<typeof importChoiceSchema>;

export type BatchOutcome =
  | ({ ok: true } & ImportedFile)
  | { ok: false; path: string; reason: ImportRefusalReason | "notAllowed" | "badChoice" | "missing" };

type Refused = Extract<BatchOutcome, { ok: false }>;

type Sent =
  | { kind: "none" }
  | { kind: "single"; documentId: string }
  | { kind: "refused"; refused: Omit<Refused, "ok">[] }
  | { kind: "preview"; batch: Batch };

function wordsFor(locale: Locale) {
  const t = translator(locale);
  return {
    notesHeading: t("wordImport.notesHeading"),
    approvedOutside: (by: string | undefined) =>
      by ? t("wordImport.approvedOutsideSummary", { by }) : t("wordImport.approvedOutsideSummaryNoName"),
  };
}

/** Imports one file, turning a refusal into the file's line in the report. */
async function importOne(
  context: AppLoadContext,
  user: Actor & { locale: Locale },
  upload: Upload,
  choice: ImportChoice,
): Promise<BatchOutcome> {
  try {
    const imported = await importWordFile(
      context.db,
      context.config.dataDir,
      user,
      upload,
      choice,
      wordsFor(user.locale),
    );
    context.logger.info({ doc: imported.documentId, images: imported.report.kept.images ?? 0 }, "word file imported");
    return { ok: true, ...imported };
  } catch (error) {
    const reason = refusalOf(error);
    if (reason) {
      context.logger.warn({ reason }, "word file refused");
      return { ok: false, path: upload.name, reason };
    }
    if (error instanceof DomainError) {
      // A refused person, or an owner or unit that no longer exists: the choices, not the file.
      return {
        ok: false,
        path: upload.name,
        reason: error.code === "document.notAllowed" ? "notAllowed" : "badChoice",
      };
    }
    throw error;
  }
}

const typeOf = (form: ImportForm, fallback: (typeof controlledTypes)[number]) =>
  form.type === "guess" ? fallback : form.type;

/** What was sent: one Word file is imported at once; more, or a zip, wait for the preview. */
export async function importUploads(
  context: AppLoadContext,
  user: Actor & { locale: Locale },
  files: File[],
  form: ImportForm,
): Promise<Sent> {
  if (files.length === 0) return { kind: "none" };
  const uploads = await Promise.all(
    files.map(async (file) => ({ name: file.name, bytes: new Uint8Array(await file.arrayBuffer()) })),
  );
  const found = await wordFilesIn(uploads);
  if (found.files.length > MAX_FILES)
    return { kind: "refused", refused: [{ path: files[0]!.name, reason: "tooManyFiles" }] };
  const single = uploads.length === 1 && found.files.length === 1 && !/\.zip$/i.test(uploads[0]!.name);
  if (single) {
    const upload = found.files[0]!;
    const outcome = await importOne(context, user, upload, { ...form, type: typeOf(form, guessType(upload.name)) });
    return outcome.ok ? { kind: "single", documentId: outcome.documentId } : { kind: "refused", refused: [outcome] };
  }
  if (found.files.length === 0) return { kind: "refused", refused: found.refused };
  return { kind: "preview", batch: stageBatch(context.config.dataDir, user.id, found.files, found.refused) };
}

/** One file of a previewed batch, with the type chosen for it; it leaves the batch either way. */
export async function importBatchFile(
  context: AppLoadContext,
  user: Actor & { locale: Locale },
  batch: Batch,
  index: number,
  type: string,
  form: ImportForm,
): Promise<BatchOutcome> {
  const upload = stagedFile(context.config.dataDir, batch, index);
  const path = batch.files.find((f) => f.index === index)?.path ?? String(index);
  if (!upload) return { ok: false, path, reason: "missing" };
  const chosen = z.enum(controlledTypes).safeParse(type);
  try {
    return await importOne(context, user, upload, { ...form, type: chosen.success ? chosen.data : "routine" });
  } finally {
    unstage(context.config.dataDir, batch, index);
  }
}
