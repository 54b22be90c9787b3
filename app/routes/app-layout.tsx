import { Outlet, useRouteLoaderData } from "react-router";
import { AppShell } from "#app/components/app-shell.tsx";
import { ErrorContent } from "#app/components/error-content.tsx";
import { requireAuth } from "#app/auth/guards.server.ts";
import { can } from "#app/auth/permissions.server.ts";
import { sectionPaths, sections } from "#app/navigation.ts";
import { unreadCount } from "#app/models/notifications.server.ts";
import { getOrganisation } from "#app/models/organisation.server.ts";
import type { Route } from "./+types/app-layout";

export function loader({ request, context }: Route.LoaderArgs) {
  const { user } = requireAuth(request, context);
  return {
    organisationName: getOrganisation(context.db)?.name ?? "Lots",
    user: { name: user.name, role: user.role, locale: user.locale },
    unread: unreadCount(context.db, user.id),
    nav: sections
      .filter((section) => can(user, "view", { type: "section", section }))
      .map((section) => ({ section, path: sectionPaths[section] })),
  };
}

export default function AppLayout({ loaderData }: Route.ComponentProps) {
  return (
    <AppShell {...loaderData}>
      <Outlet />
    </AppShell>
  );
}

/** A page that fails keeps the navigation around it, so the person is never stranded. */
export function ErrorBoundary({ error }: Route.ErrorBoundaryProps) {
  const data = useRouteLoaderData<typeof loader>("routes/app-layout");
  if (!data) return <ErrorContent error={error} />;
  return (
    <AppShell {...data}>
      <ErrorContent error={error} />
    </AppShell>
  );
}
