import { data } from "react-router";
import { requireAuth } from "#app/auth/guards.server.ts";
import { can, type Actor } from "#app/auth/permissions.server.ts";
import { getRound } from "#app/models/checklists.server.ts";
import type { Db } from "#db/client.ts";
import type { AttachmentOwner } from "#db/schema/values.ts";
import { getAttachment, readAttachment } from "#app/models/attachments.server.ts";
import { getReport, reportResource } from "#app/models/reports.server.ts";
import type { Route } from "./+types/attachment";

/** Whether this person may read what the file belongs to: a report (or its receipt), or a check's round. */
function mayRead(db: Db, user: Actor, attachment: { ownerKind: AttachmentOwner; ownerId: string }): boolean {
  if (attachment.ownerKind === "checklist_round") return getRound(db, user, attachment.ownerId) !== null;
  const report = getReport(db, attachment.ownerId);
  return report !== undefined && can(user, "read", reportResource(report));
}

/** A stored file, to those who may read what it belongs to; never guessed into, never run. */
export function loader({ request, params, context }: Route.LoaderArgs) {
  const { user } = requireAuth(request, context);
  const attachment = getAttachment(context.db, params.id);
  if (!attachment || !mayRead(context.db, user, attachment)) throw data({ reason: "notFound" }, { status: 404 });
  const bytes = readAttachment(context.config.dataDir, attachment.id);
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
