import { data, redirect } from "react-router";
import { requirePermission } from "#app/auth/guards.server.ts";
import { findingHref, getFinding } from "#app/models/audit-findings.server.ts";
import type { Route } from "./+types/finding";

/** A finding's own address, for links and notifications: it lives on its audit's page. */
export function loader({ request, params, context }: Route.LoaderArgs) {
  requirePermission(request, context, "view", { type: "audits" });
  const finding = getFinding(context.db, params.id);
  if (!finding) throw data({ reason: "notFound" }, { status: 404 });
  throw redirect(findingHref(finding.auditId, finding.id));
}
