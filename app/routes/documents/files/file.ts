import { data } from "react-router";
import { requireAuth } from "#app/auth/guards.server.ts";
import { readStoredFile } from "#app/models/attachments.server.ts";
import { readableDocumentFile } from "#app/models/document-files.server.ts";
import type { Route } from "./+types/file";

/** A document's picture or form, to those who may read the draft or a release that holds it. */
export function loader({ request, params, context }: Route.LoaderArgs) {
  const { user } = requireAuth(request, context);
  const file = readableDocumentFile(context.db, user, params.fileId);
  if (!file) throw data({ reason: "notFound" }, { status: 404 });
  const bytes = readStoredFile(context.config.dataDir, file.id);
  const inline = file.kind === "image" || file.mime === "application/pdf";
  return new Response(new Uint8Array(bytes), {
    headers: {
      "Content-Type": file.mime,
      "Content-Length": String(bytes.byteLength),
      "Content-Disposition": `${inline ? "inline" : "attachment"}; filename*=UTF-8''${encodeURIComponent(file.fileName)}`,
      "X-Content-Type-Options": "nosniff",
      // A file never changes under its id, so the browser may keep it; only for this person.
      "Cache-Control": "private, max-age=86400, immutable",
    },
  });
}
