import { data } from "react-router";
import { requirePermission } from "#app/auth/guards.server.ts";
import { download } from "#app/models/downloads.server.ts";
import { writeMeasurements } from "#app/models/kpi-sheet.server.ts";
import { getKpi, kpiResource } from "#app/models/kpis.server.ts";
import { sheetMime } from "#app/models/spreadsheet.server.ts";
import type { Route } from "./+types/measurements";

/** A key figure's measurements, in the columns its import reads. */
export async function loader({ request, params, context }: Route.LoaderArgs) {
  const kpi = getKpi(context.db, params.id);
  const format = params.format;
  if (!kpi || (format !== "xlsx" && format !== "csv")) throw data({ reason: "notFound" }, { status: 404 });
  const { user } = requirePermission(request, context, "read", kpiResource(kpi));
  const file = await writeMeasurements(context.db, kpi, user.locale, format);
  return download(file, `${kpi.name}.${format}`, sheetMime[format]);
}
