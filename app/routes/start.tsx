import { useTranslation } from "react-i18next";
import { Link, useRouteLoaderData } from "react-router";
import { PageHeader } from "#app/components/ui/page-header.tsx";
import { requirePermission } from "#app/auth/guards.server.ts";
import { formatDate } from "#app/utils/dates.ts";
import type { loader as layoutLoader } from "./app-layout.tsx";
import type { Route } from "./+types/start";

export function loader({ request, context }: Route.LoaderArgs) {
  const { user } = requirePermission(request, context, "view", { type: "section", section: "start" });
  return { accessExpiresAt: user.accessExpiresAt?.toISOString() ?? null };
}

export default function Start({ loaderData }: Route.ComponentProps) {
  const { t, i18n } = useTranslation();
  const shell = useRouteLoaderData<typeof layoutLoader>("routes/app-layout");
  if (!shell) return null;
  const shortcuts = shell.nav.filter((item) => item.section !== "start");
  return (
    <>
      <PageHeader
        title={t("start.greeting", { name: shell.user.name.split(" ")[0] })}
        intro={t("sections.start.intro")}
      />
      <p className="role-line">
        <strong>{t("start.yourRole", { role: t(`roles.${shell.user.role}`) })}</strong> —{" "}
        {t(`roleDescriptions.${shell.user.role}`)}
      </p>
      {loaderData.accessExpiresAt ? (
        <p className="notice notice-info">
          {t("start.guestAccessUntil", { date: formatDate(loaderData.accessExpiresAt, i18n.language) })}
        </p>
      ) : null}
      <section className="card" aria-labelledby="todo-heading">
        <h2 id="todo-heading">{t("start.todoTitle")}</h2>
        <p className="muted">{t("start.todoEmpty")}</p>
      </section>
      <section aria-labelledby="shortcuts-heading">
        <h2 id="shortcuts-heading">{t("start.shortcuts")}</h2>
        <ul className="tile-grid">
          {shortcuts.map((item) => (
            <li key={item.section}>
              <Link to={item.path} className="tile">
                <strong>{t(`nav.${item.section}`)}</strong>
                <span>{t(`sections.${item.section}.intro`)}</span>
              </Link>
            </li>
          ))}
        </ul>
      </section>
    </>
  );
}
