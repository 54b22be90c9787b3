import { data } from "react-router";
import { requireAuth } from "#app/auth/guards.server.ts";
import { translator } from "#app/i18n/translator.server.ts";
import { download } from "#app/models/downloads.server.ts";
import { writeRegister } from "#app/models/register-sheets.server.ts";
import { dayOf } from "#app/models/releases.server.ts";
import { registerSheets } from "#app/models/register-catalogue.server.ts";
import type { Route } from "./+types/excel";

const XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

/** A register as Excel: what its list shows, with the list's filters from the address. */
export async function loader({ request, params, context }: Route.LoaderArgs) {
  const { user } = requireAuth(request, context);
  const entry = registerSheets[params.register];
  if (!entry || !entry.canExport(user)) throw data({ reason: "notFound" }, { status: 404 });
  const items = entry.list(context.db, new URL(request.url).searchParams);
  const file = await writeRegister(entry.sheet, items, user.locale);
  const name = `${entry.title(translator(user.locale))}-${dayOf(new Date())}.xlsx`;
  return download(file, name, XLSX);
}
