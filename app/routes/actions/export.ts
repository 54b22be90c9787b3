import { data } from "react-router";
import { requirePermission } from "#app/auth/guards.server.ts";
import { download } from "#app/models/downloads.server.ts";
import { registerFile } from "#app/models/register-catalogue.server.ts";
import type { Route } from "./+types/export";

/** The action plan as its list shows it, as CSV (semicolons, as Swedish Excel reads them) or Excel. */
export async function loader({ request, params, context }: Route.LoaderArgs) {
  const { user } = requirePermission(request, context, "view", { type: "actions" });
  const format = params.format;
  if (format !== "csv" && format !== "xlsx") throw data({ reason: "notFound" }, { status: 404 });
  const file = await registerFile(context.db, user, "atgarder", new URL(request.url).searchParams, format);
  if (!file) throw data({ reason: "notFound" }, { status: 404 });
  return download(file.bytes, file.name, file.mime);
}
