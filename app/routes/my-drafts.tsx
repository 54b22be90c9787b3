import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { EmptyState } from "#app/components/ui/empty-state.tsx";
import { PageHeader } from "#app/components/ui/page-header.tsx";
import { requirePermission } from "#app/auth/guards.server.ts";
import { draftsNaming } from "#app/models/participants.server.ts";
import { useParticipationEnd } from "#app/components/participants-panel.tsx";
import type { Route } from "./+types/my-drafts";

/** "Mina utkast": the drafts a person has been named on, each a link to its live editor. */
export function loader({ request, context }: Route.LoaderArgs) {
  const { user } = requirePermission(request, context, "view", { type: "section", section: "myDrafts" });
  return { drafts: draftsNaming(context.db, user.id) };
}

export default function MyDrafts({ loaderData }: Route.ComponentProps) {
  const { t } = useTranslation();
  const until = useParticipationEnd();
  return (
    <>
      <PageHeader title={t("sections.myDrafts.title")} intro={t("sections.myDrafts.intro")} />
      {loaderData.drafts.length === 0 ? (
        <EmptyState title={t("myDrafts.none")}>
          <p>{t("myDrafts.noneHint")}</p>
        </EmptyState>
      ) : (
        <ul className="reading-list">
          {loaderData.drafts.map((d) => (
            <li key={d.id} className="card">
              <h2>
                <Link to={`/dokument/${d.id}`}>{d.title}</Link>
              </h2>
              <p>
                {t(`myDrafts.roles.${d.role}`)} · {until(d)}
              </p>
            </li>
          ))}
        </ul>
      )}
    </>
  );
}
