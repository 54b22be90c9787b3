import { data } from "react-router";
import { requireAuth } from "#app/auth/guards.server.ts";
import { download } from "#app/models/downloads.server.ts";
import { registerFile } from "#app/models/register-catalogue.server.ts";
import type { Route } from "./+types/excel";

/** A register as Excel: what its list shows, with the list's filters from the address. */
export async function loader({ request, params, context }: Route.LoaderArgs) {
  const { user } = requireAuth(request, context);
  const file = await registerFile(context.db, user, params.register, new URL(request.url).searchParams);
  if (!file) throw data({ reason: "notFound" }, { status: 404 });
  return download(file.bytes, file.name, file.mime);
}
