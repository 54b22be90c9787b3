import { data } from "react-router";
import { z } from "zod";
import { requireAuth } from "#app/auth/guards.server.ts";
import { translator } from "#app/i18n/translator.server.ts";
import { addDocumentFile, removeForm } from "#app/models/document-files.server.ts";
import { DomainError } from "#app/models/errors.ts";
import type { Route } from "./+types/upload";

const request = z.discriminatedUnion("intent", [
  z.object({ intent: z.literal("add"), kind: z.enum(["image", "form"]), file: z.instanceof(File) }),
  z.object({ intent: z.literal("remove"), fileId: z.string().regex(/^[a-z2-7]{16}$/) }),
]);

/** Nothing to show: this address only takes files. */
export function loader(): never {
  throw data({ reason: "methodNotAllowed" }, { status: 405 });
}

/**
 * Adds a picture (from the editor, which asks for JSON) or a form (from the document's page)
 * to a draft, or takes a form off its list. Refusals come back in the person's language.
 */
export async function action({ request: req, params, context }: Route.ActionArgs) {
  const { user } = requireAuth(req, context);
  const t = translator(user.locale);
  const parsed = request.safeParse(Object.fromEntries(await req.formData()));
  if (!parsed.success) return Response.json({ error: t("errors.documentFile.wrongType") }, { status: 400 });
  try {
    if (parsed.data.intent === "remove") {
      removeForm(context.db, user, params.id, parsed.data.fileId);
      return Response.json({ removed: parsed.data.fileId });
    }
    const { file, kind } = parsed.data;
    const stored = await addDocumentFile(context.db, context.config.dataDir, user, params.id, kind, {
      name: file.name,
      bytes: new Uint8Array(await file.arrayBuffer()),
    });
    return Response.json({ ...stored, fileName: file.name });
  } catch (error) {
    if (error instanceof DomainError) {
      const file = parsed.data.intent === "add" ? `${parsed.data.file.name}: ` : "";
      // Keys come from the model's own error codes, which the catalogues hold.
      return Response.json({ error: file + t(error.messageKey as "errors.documentFile.notFound") }, { status: 400 });
    }
    throw error;
  }
}
