import { databaseAnswers } from "#app/models/health.server.ts";
import type { Route } from "./+types/healthz";

export function loader({ context }: Route.LoaderArgs) {
  const ok = databaseAnswers(context.db);
  return Response.json({ ok }, { status: ok ? 200 : 503, headers: { "Cache-Control": "no-store" } });
}
