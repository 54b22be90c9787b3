import { useTranslation } from "react-i18next";
import { data, Link } from "react-router";
import { DiffView } from "#app/components/reading/diff-view.tsx";
import { EmptyState } from "#app/components/ui/empty-state.tsx";
import { PageHeader } from "#app/components/ui/page-header.tsx";
import { requirePermission } from "#app/auth/guards.server.ts";
import { getDocument } from "#app/models/documents.server.ts";
import { diffDraftAgainstCurrent } from "#app/models/release-diff.server.ts";
import type { Route } from "./+types/compare";

/** The living draft against the release in effect: what approving it now would change. */
export function loader({ request, params, context }: Route.LoaderArgs) {
  const document = getDocument(context.db, params.id);
  if (!document) throw data({ reason: "notFound" }, { status: 404 });
  requirePermission(request, context, "view", { type: "documents" });
  return { title: document.title, id: document.id, diff: diffDraftAgainstCurrent(context.db, document.id) };
}

export default function CompareDraft({ loaderData }: Route.ComponentProps) {
  const { t } = useTranslation();
  const { diff } = loaderData;
  return (
    <>
      <PageHeader title={loaderData.title} intro={diff ? t("reading.draftIntro", { version: diff.from }) : undefined}>
        <Link to={`/dokument/${loaderData.id}`} className="button button-secondary">
          {t("control.backToDraft")}
        </Link>
      </PageHeader>
      {diff ? <DiffView html={diff.html} changed={diff.changed} /> : <EmptyState title={t("reading.noCurrent")} />}
    </>
  );
}
