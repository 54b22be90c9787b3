import { data } from "react-router";
import { requireAuth } from "#app/auth/guards.server.ts";
import { can } from "#app/auth/permissions.server.ts";
import { getAttachment, readAttachment } from "#app/models/attachments.server.ts";
import { getReport, reportResource } from "#app/models/reports.server.ts";
import type { Route } from "./+types/attachment";

/** A stored file, to those who may read what it belongs to; never guessed into, never run. */
export function loader({ request, params, context }: Route.LoaderArgs) {
  const { user } = requireAuth(request, context);
  const attachment = getAttachment(context.db, params.id);
  const report = attachment && getReport(context.db, attachment.ownerId);
  if (!attachment || !report || !can(user, "read", reportResource(report))) {
    throw data({ reason: "notFound" }, { status: 404 });
  }
  const bytes = readAttachment(context.config.dataDir, attachment.id);
  const inline = attachment.mime.startsWith("image/") || attachment.mime === "application/pdf";
  return new Response(new Uint8Array(bytes), {
    headers: {
      "Content-Type": attachment.mime,
      "Content-Length": String(bytes.byteLength),
      "Content-Disposition": `${inline ? "inline" : "attachment"}; filename*=UTF-8''${encodeURIComponent(attachment.fileName)}`,
      "X-Content-Type-Options": "nosniff",
      "Cache-Control": "private, max-age=3600",
    },
  });
}
