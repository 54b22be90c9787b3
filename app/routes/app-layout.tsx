import { Outlet, useRouteLoaderData } from "react-router";
import { AppShell } from "#app/components/app-shell.tsx";
import { ErrorContent } from "#app/components/error-content.tsx";
import { requireAuth } from "#app/auth/guards.server.ts";
import { appShell } from "#app/models/shell.server.ts";
import { newSubmissionKey } from "#app/models/submissions.server.ts";
import type { Route } from "./+types/app-layout";

export function loader({ request, context }: Route.LoaderArgs) {
  const { user } = requireAuth(request, context);
  // The key is fresh on every load, so each page's forms carry their own (submissions.server.ts).
  // It stays out of appShell, whose value keys the reading-page cache (server/reading-cache.ts):
  // a served copy keeps the key it was rendered with, and no form on a reading page relies on it.
  return { ...appShell(context.db, user), submissionKey: newSubmissionKey() };
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
