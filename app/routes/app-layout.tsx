import { Outlet, useRouteLoaderData } from "react-router";
import { AppShell } from "#app/components/app-shell.tsx";
import { ErrorContent } from "#app/components/error-content.tsx";
import { requireAuth } from "#app/auth/guards.server.ts";
import { appShell } from "#app/models/shell.server.ts";
import type { Route } from "./+types/app-layout";

export function loader({ request, context }: Route.LoaderArgs) {
  const { user } = requireAuth(request, context);
  return appShell(context.db, user);
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
