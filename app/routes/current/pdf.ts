import { data } from "react-router";
import { requirePermission } from "#app/auth/guards.server.ts";
import { can } from "#app/auth/permissions.server.ts";
import { translator } from "#app/i18n/translator.server.ts";
import { releaseImages } from "#app/models/document-files.server.ts";
import { getDocument, documentResource } from "#app/models/documents.server.ts";
import { getOrganisation } from "#app/models/organisation.server.ts";
import { releaseFileName } from "#app/models/downloads.server.ts";
import { pdfDownload } from "#app/models/pdf.server.ts";
import { releasePdf } from "#app/models/release-pdf.server.ts";
import { findRelease, requireRelease, versionOf } from "#app/models/releases.server.ts";
import { formatDate } from "#app/utils/dates.ts";
import type { Route } from "./+types/pdf";

/** The PDF of one release, for printing and for evidence outside Lots. */
export async function loader({ request, params, context }: Route.LoaderArgs) {
  const { user } = requirePermission(request, context, "read", { type: "releases" });
  const document = getDocument(context.db, params.id);
  const summary = document ? findRelease(context.db, document.id, params.version) : undefined;
  if (!document || !summary || !can(user, "read", documentResource(document))) {
    throw data({ reason: "notFound" }, { status: 404 });
  }
  const release = requireRelease(context.db, summary.id);
  const t = translator(user.locale);
  const date = (value: Date | string) => formatDate(value, user.locale);
  const pdf = await releasePdf(
    {
      title: release.title,
      version: versionOf(release),
      approverName: release.approverName,
      approvedOn: date(release.approvedAt),
      effectiveOn: date(release.effectiveOn),
      nextReviewOn: document.nextReviewOn ? date(document.nextReviewOn) : null,
      organisation: getOrganisation(context.db)?.name ?? "Lots",
      content: JSON.parse(release.contentJson),
    },
    {
      version: t("reading.version"),
      approvedBy: t("reading.approvedBy"),
      effective: t("reading.effective"),
      nextReview: t("reading.nextReview"),
      page: (page, pages) => t("reading.pageOf", { page, pages }),
    },
    releaseImages(context.db, context.config.dataDir, release.id),
  );
  return pdfDownload(pdf, releaseFileName(release.title, versionOf(release), "pdf"));
}
