import { data } from "react-router";
import { requirePermission } from "#app/auth/guards.server.ts";
import { can } from "#app/auth/permissions.server.ts";
import { translator } from "#app/i18n/translator.server.ts";
import { releaseImages } from "#app/models/document-files.server.ts";
import { download, DOCX_MIME, releaseFileName } from "#app/models/downloads.server.ts";
import { documentResource, getDocument } from "#app/models/documents.server.ts";
import { getOrganisation } from "#app/models/organisation.server.ts";
import { releaseDocx } from "#app/models/release-docx.server.ts";
import { currentRelease, findRelease, requireRelease, versionOf } from "#app/models/releases.server.ts";
import { formatDate } from "#app/utils/dates.ts";
import type { Route } from "./+types/docx";

/** A release as a Word file: the one in effect today, or the version asked for. */
export async function loader({ request, params, context }: Route.LoaderArgs) {
  const { user } = requirePermission(request, context, "read", { type: "releases" });
  const document = getDocument(context.db, params.id);
  const summary = document
    ? params.version
      ? findRelease(context.db, document.id, params.version)
      : currentRelease(context.db, document.id)
    : undefined;
  if (!document || !summary || !can(user, "read", documentResource(document))) {
    throw data({ reason: "notFound" }, { status: 404 });
  }
  const release = requireRelease(context.db, summary.id);
  const t = translator(user.locale);
  const date = (value: Date | string) => formatDate(value, user.locale);
  const file = await releaseDocx(
    {
      title: release.title,
      reference: document.reference,
      version: versionOf(release),
      approverName: release.approverName,
      approvedOn: date(release.approvedAt),
      effectiveOn: date(release.effectiveOn),
      organisation: getOrganisation(context.db)?.name ?? "Lots",
      content: JSON.parse(release.contentJson),
    },
    {
      reference: t("documents.reference"),
      version: t("reading.version"),
      approvedBy: t("reading.approvedBy"),
      effective: t("reading.effective"),
      page: t("reading.page"),
      of: t("reading.of"),
    },
    releaseImages(context.db, context.config.dataDir, release.id),
  );
  return download(file, releaseFileName(release.title, versionOf(release), "docx"), DOCX_MIME);
}
