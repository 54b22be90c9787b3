import { type RouteConfig, index, layout, prefix, route } from "@react-router/dev/routes";
import { sectionPaths, sections } from "./navigation.ts";

/** Sections whose issue has not landed yet share one placeholder page. */
const built = new Set([
  "start",
  "admin",
  "documents",
  "current",
  "trail",
  "actions",
  "risks",
  "objectives",
  "processes",
  "deviations",
  "audits",
  "reviews",
]);
const placeholders = sections.filter((s) => !built.has(s));

export default [
  index("routes/index.tsx"),
  route("healthz", "routes/healthz.ts"),
  route("login", "routes/login.tsx"),
  route("logga-ut", "routes/logout.tsx"),
  route("glomt-losenord", "routes/forgot-password.tsx"),
  route("aterstall-losenord/:token", "routes/reset-password.tsx"),
  route("inbjudan/:token", "routes/invitation.tsx"),
  route("sprak", "routes/language.tsx"),
  layout("routes/app-layout.tsx", [
    route("start", "routes/start.tsx"),
    route("konto", "routes/account.tsx"),
    route("notiser", "routes/notifications.tsx"),
    ...prefix("dokument", [
      index("routes/documents/index.tsx"),
      route("ny", "routes/documents/new.tsx"),
      route(":id", "routes/documents/document.tsx"),
      route(":id/granskning", "routes/documents/control.tsx"),
      route(":id/jamfor", "routes/documents/compare.tsx"),
    ]),
    ...prefix("gallande", [
      index("routes/current/index.tsx"),
      route(":id/jamfor", "routes/current/compare.tsx"),
      route(":id/:version?", "routes/current/release.tsx"),
      route(":id/:version/pdf", "routes/current/pdf.ts"),
    ]),
    route("sparbarhet", "routes/trail.tsx"),
    route("lankar", "routes/links/index.ts"),
    ...prefix("mal", [
      index("routes/objectives/index.tsx"),
      route("nyckeltal/ny", "routes/objectives/new-kpi.tsx"),
      route("nyckeltal/:id", "routes/objectives/kpi.tsx"),
    ]),
    ...prefix("processer", [
      index("routes/processes/index.tsx"),
      route(":id", "routes/processes/process.tsx"),
      route(":id/karta", "routes/processes/map.tsx"),
      route(":id/export/:format", "routes/processes/export.ts"),
    ]),
    ...prefix("avvikelser", [
      index("routes/reports/index.tsx"),
      route("ny", "routes/reports/new.tsx"),
      route("analys", "routes/reports/analysis.tsx"),
      route("egenkontroller", "routes/checklists/index.tsx"),
      route("egenkontroller/svar/:roundId", "routes/checklists/round.tsx"),
      route("sam", "routes/sam/index.tsx"),
      route("sam/:id", "routes/sam/follow-up.tsx"),
      route("sam/:id/enhet/:unitId", "routes/sam/unit.tsx"),
      route("sam/:id/niva/:level", "routes/sam/level.tsx"),
      route("egenkontroller/:templateId/:subject", "routes/checklists/answer.tsx"),
      route(":id", "routes/reports/report.tsx"),
    ]),
    route("bilagor/:id", "routes/reports/attachment.ts"),
    ...prefix("risker", [
      index("routes/risks/index.tsx"),
      route("ny", "routes/risks/new.tsx"),
      route("andringar", "routes/risks/changes/index.tsx"),
      route("andringar/:id", "routes/risks/changes/analysis.tsx"),
      route(":id", "routes/risks/risk.tsx"),
    ]),
    ...prefix("revision", [
      index("routes/audits/index.tsx"),
      route("granskningar/:id", "routes/audits/audit.tsx"),
      route("fynd/:id", "routes/audits/finding.ts"),
    ]),
    ...prefix("ledningens-genomgang", [
      index("routes/management-reviews/index.tsx"),
      route("arsrapporter", "routes/management-reviews/annual-reports.tsx"),
      route("arshjul", "routes/management-reviews/annual-cycle.tsx"),
      route(":id", "routes/management-reviews/review.tsx"),
    ]),
    ...prefix("atgarder", [
      index("routes/actions/index.tsx"),
      route("ny", "routes/actions/new.tsx"),
      route("export/:format", "routes/actions/export.ts"),
      route(":id", "routes/actions/action.tsx"),
    ]),
    ...placeholders.map((section) =>
      route(sectionPaths[section].slice(1), "routes/section.tsx", { id: `section-${section}` }),
    ),
    ...prefix("admin", [
      index("routes/admin/index.tsx"),
      route("anvandare", "routes/admin/users.tsx"),
      route("anvandare/:userId", "routes/admin/user.tsx"),
      route("enheter", "routes/admin/units.tsx"),
      route("organisation", "routes/admin/organisation.tsx"),
      route("riskskala", "routes/admin/risk-scale.tsx"),
    ]),
  ]),
  route("*", "routes/not-found.tsx"),
] satisfies RouteConfig;
