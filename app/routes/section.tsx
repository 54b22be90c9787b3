import { useTranslation } from "react-i18next";
import { data } from "react-router";
import { EmptyState } from "#app/components/ui/empty-state.tsx";
import { PageHeader } from "#app/components/ui/page-header.tsx";
import { requirePermission } from "#app/auth/guards.server.ts";
import { sectionForPath } from "#app/navigation.ts";
import type { Route } from "./+types/section";

/** The sections whose features have not landed yet: the permission is real, the page waits. */
export function loader({ request, context }: Route.LoaderArgs) {
  const section = sectionForPath(new URL(request.url).pathname);
  if (!section) throw data({ reason: "notFound" }, { status: 404 });
  requirePermission(request, context, "view", { type: "section", section });
  return { section };
}

export default function SectionPlaceholder({ loaderData }: Route.ComponentProps) {
  const { t } = useTranslation();
  const { section } = loaderData;
  return (
    <>
      <PageHeader title={t(`sections.${section}.title`)} intro={t(`sections.${section}.intro`)} />
      <EmptyState title={t("empty.title")}>
        <p>{t("empty.comingSoon")}</p>
      </EmptyState>
    </>
  );
}
