import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { PageHeader } from "#app/components/ui/page-header.tsx";
import { requirePermission } from "#app/auth/guards.server.ts";
import { can } from "#app/auth/permissions.server.ts";
import type { Route } from "./+types/index";

export function loader({ request, context }: Route.LoaderArgs) {
  const { user } = requirePermission(request, context, "view", { type: "section", section: "admin" });
  return {
    areas: [
      { key: "users", path: "/admin/anvandare", allowed: can(user, "view", { type: "users" }) },
      { key: "units", path: "/admin/enheter", allowed: can(user, "view", { type: "units" }) },
      { key: "organisation", path: "/admin/organisation", allowed: can(user, "view", { type: "organisation" }) },
      { key: "signIn", path: "/admin/inloggning", allowed: can(user, "manage", { type: "organisation" }) },
      { key: "riskScale", path: "/admin/riskskala", allowed: can(user, "manage", { type: "risks" }) },
    ].filter((a) => a.allowed),
    canExport: can(user, "manage", { type: "organisation" }),
  };
}

export default function AdminIndex({ loaderData }: Route.ComponentProps) {
  const { t } = useTranslation();
  const intros = {
    users: t("admin.usersIntro"),
    units: t("admin.unitsIntro"),
    organisation: t("admin.organisationIntro"),
    signIn: t("admin.signIn.intro"),
    riskScale: t("riskScale.intro"),
  };
  const titles = {
    users: t("admin.users"),
    units: t("admin.units"),
    organisation: t("admin.organisation"),
    signIn: t("admin.signIn.title"),
    riskScale: t("riskScale.title"),
  };
  return (
    <>
      <PageHeader title={t("sections.admin.title")} intro={t("sections.admin.intro")} />
      <ul className="tile-grid">
        {loaderData.areas.map((area) => (
          <li key={area.key}>
            <Link to={area.path} className="tile">
              <strong>{titles[area.key as keyof typeof titles]}</strong>
              <span>{intros[area.key as keyof typeof intros]}</span>
            </Link>
          </li>
        ))}
      </ul>
      {loaderData.canExport ? (
        <section className="card" aria-labelledby="export-heading">
          <h2 id="export-heading">{t("admin.exportTitle")}</h2>
          <p>{t("admin.exportIntro")}</p>
          <a href="/admin/export.zip" className="button button-secondary" download>
            {t("admin.exportDownload")}
          </a>
        </section>
      ) : null}
    </>
  );
}
