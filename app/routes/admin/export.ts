import { Readable } from "node:stream";
import { requirePermission } from "#app/auth/guards.server.ts";
import { dayOf } from "#app/models/releases.server.ts";
import { recordExport } from "#app/models/organisation.server.ts";
import { exportOrganisation } from "#app/models/organisation-export.server.ts";
import type { Route } from "./+types/export";

/** The whole organisation as one zip, for an administrator: streamed, never held in memory whole. */
export function loader({ request, context }: Route.LoaderArgs) {
  const { user } = requirePermission(request, context, "manage", { type: "organisation" });
  // Who took a full copy out is a fact an auditor asks about.
  recordExport(context.db, user);
  context.logger.info("organisation exported");
  const zip = exportOrganisation(context.db, context.config.dataDir);
  return new Response(Readable.toWeb(zip) as ReadableStream, {
    headers: {
      "Content-Type": "application/zip",
      "Content-Disposition": `attachment; filename="lots-export-${dayOf(new Date())}.zip"`,
      "Cache-Control": "private, no-store",
      "X-Content-Type-Options": "nosniff",
    },
  });
}
