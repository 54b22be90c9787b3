import { data } from "react-router";
import { requirePermission } from "#app/auth/guards.server.ts";
import { translator } from "#app/i18n/translator.server.ts";
import { exportActions } from "#app/models/action-export.server.ts";
import { listActions } from "#app/models/actions.server.ts";
import { dayOf } from "#app/models/releases.server.ts";
import type { Route } from "./+types/export";

const types = {
  csv: "text/csv; charset=utf-8",
  xlsx: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
};

/** The whole action plan (every action, whatever its status) as CSV or Excel. */
export async function loader({ request, params, context }: Route.LoaderArgs) {
  const { user } = requirePermission(request, context, "view", { type: "actions" });
  const format = params.format;
  if (format !== "csv" && format !== "xlsx") throw data({ reason: "notFound" }, { status: 404 });
  const t = translator(user.locale);
  const body = await exportActions(
    listActions(context.db),
    {
      headers: [
        "#",
        t("actions.what"),
        t("actions.why"),
        t("actions.source"),
        t("actions.owner"),
        t("documents.unit"),
        t("actions.dueOn"),
        t("actions.status"),
        t("actions.effectPlan"),
        t("actions.effectMeasure"),
        t("actions.effectCheckOn"),
        t("actions.effectResult"),
      ],
      status: (s) => t(`actionStatuses.${s}`),
      source: (s) => t(`actionSources.${s}`),
      sheet: t("sections.actions.title"),
    },
    format,
  );
  return new Response(new Uint8Array(body), {
    headers: {
      "Content-Type": types[format],
      "Content-Disposition": `attachment; filename="atgarder-${dayOf(new Date())}.${format}"`,
      "Cache-Control": "private, no-store",
    },
  });
}
