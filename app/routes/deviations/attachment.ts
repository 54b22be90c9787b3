import { data } from "react-router";
import { requireAuth } from "#app/auth/guards.server.ts";
import { readableAttachment } from "#app/models/attachment-access.server.ts";
import { readStoredFile } from "#app/models/attachments.server.ts";
import type { Route } from "./+types/attachment";

/** A stored file, to those who may read what it belongs to; never guessed into, never run. */
export function loader({ request, params, context }: Route.LoaderArgs) {
  const { user } = requireAuth(request, context);
  const attachment = readableAttachment(context.db, user, params.id);
  if (!attachment) throw data({ reason: "notFound" }, { status: 404 });
  const bytes = readStoredFile(context.config.dataDir, attachment.id);
  const inline = attachment.mime.startsWith("image/") || attachment.mime === "application/pdf";
  return new Response(new Uint8Array(bytes), {
    headers: {
      "Content-Type": attachment.mime,
      "Content-Length": String(bytes.byteLength),
      "Content-Disposition": `${inline ? "inline" : "attachment"}; filename*=UTF-8''${encodeURIComponent(attachment.fileName)}`,
      "X-Content-Type-Options": "nosniff",
      // Reports may hold health data: nothing is kept where another person could find it later.
      "Cache-Control": "private, no-store",
    },
  });
}
