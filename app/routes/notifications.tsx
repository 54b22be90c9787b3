import { useTranslation } from "react-i18next";
import { Form, Link } from "react-router";
import { EmptyState } from "#app/components/ui/empty-state.tsx";
import { PageHeader } from "#app/components/ui/page-header.tsx";
import { SubmitButton } from "#app/components/ui/submit-button.tsx";
import { requireAuth } from "#app/auth/guards.server.ts";
import { listNotifications, markAllRead } from "#app/models/notifications.server.ts";
import type { Route } from "./+types/notifications";
import { formatDateTime } from "#app/utils/dates.ts";

export function loader({ request, context }: Route.LoaderArgs) {
  const { user } = requireAuth(request, context);
  return {
    notifications: listNotifications(context.db, user.id).map((n) => ({
      id: n.id,
      kind: n.kind,
      link: n.link,
      text: n.text,
      actorName: n.actorName,
      createdAt: n.createdAt.toISOString(),
      unread: n.readAt === null,
    })),
  };
}

export function action({ request, context }: Route.ActionArgs) {
  const { user } = requireAuth(request, context);
  markAllRead(context.db, user.id);
  return { done: true };
}

export default function Notifications({ loaderData }: Route.ComponentProps) {
  const { t, i18n } = useTranslation();
  const { notifications } = loaderData;
  return (
    <>
      <PageHeader title={t("notifications.title")}>
        {notifications.some((n) => n.unread) ? (
          <Form method="post">
            <SubmitButton className="button button-secondary">{t("notifications.markAllRead")}</SubmitButton>
          </Form>
        ) : null}
      </PageHeader>
      {notifications.length === 0 ? (
        <EmptyState title={t("notifications.none")} />
      ) : (
        <ul className="notification-list">
          {notifications.map((n) => (
            <li key={n.id} className={n.unread ? "unread" : undefined}>
              <Link to={n.link}>
                <strong>{t(`notifications.${n.kind}`, { name: n.actorName ?? "?" })}</strong>
                <span className="notification-text">“{n.text}”</span>
                <time dateTime={n.createdAt}>{formatDateTime(n.createdAt, i18n.language)}</time>
              </Link>
            </li>
          ))}
        </ul>
      )}
    </>
  );
}
