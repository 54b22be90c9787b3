import { useTranslation } from "react-i18next";
import { data, Link } from "react-router";
import { z } from "zod";
import { DiffView } from "#app/components/reading/diff-view.tsx";
import { PageHeader } from "#app/components/ui/page-header.tsx";
import { requirePermission } from "#app/auth/guards.server.ts";
import { can } from "#app/auth/permissions.server.ts";
import { getDocument, documentResource } from "#app/models/documents.server.ts";
import { DomainError } from "#app/models/errors.ts";
import { diffReleases } from "#app/models/release-diff.server.ts";
import type { Route } from "./+types/compare";

const querySchema = z.object({ fran: z.string().max(20), till: z.string().max(20) });

/** Any two releases of a document, as an inline diff. */
export function loader({ request, params, context }: Route.LoaderArgs) {
  const { user } = requirePermission(request, context, "read", { type: "releases" });
  const document = getDocument(context.db, params.id);
  if (!document || !can(user, "read", documentResource(document))) {
    throw data({ reason: "notFound" }, { status: 404 });
  }
  const query = querySchema.safeParse(Object.fromEntries(new URL(request.url).searchParams));
  if (!query.success) throw data({ reason: "badRequest" }, { status: 400 });
  try {
    return {
      title: document.title,
      id: document.id,
      diff: diffReleases(context.db, document.id, query.data.fran, query.data.till),
    };
  } catch (error) {
    if (error instanceof DomainError) throw data({ reason: "notFound" }, { status: 404 });
    throw error;
  }
}

export default function CompareReleases({ loaderData }: Route.ComponentProps) {
  const { t } = useTranslation();
  const { diff } = loaderData;
  return (
    <>
      <PageHeader title={loaderData.title} intro={t("reading.compareIntro", { from: diff.from, to: diff.to })}>
        <Link to={`/gallande/${loaderData.id}`} className="button button-secondary">
          {t("reading.backToCurrent")}
        </Link>
      </PageHeader>
      <DiffView html={diff.html} changed={diff.changed} />
    </>
  );
}
