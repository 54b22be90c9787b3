import { z } from "zod";
import { requirePermission } from "#app/auth/guards.server.ts";
import { documentAreas, documentTypes } from "#app/domain/values.ts";
import { translator } from "#app/i18n/translator.server.ts";
import { download, DOCX_MIME } from "#app/models/downloads.server.ts";
import { handbookDocx, handbookPdf } from "#app/models/handbook-files.server.ts";
import { handbookEntries } from "#app/models/handbook.server.ts";
import { getOrganisation } from "#app/models/organisation.server.ts";
import { getProcess } from "#app/models/processes.server.ts";
import { dayOf } from "#app/models/releases.server.ts";
import { unitTree } from "#app/models/units.server.ts";
import { formatDate } from "#app/utils/dates.ts";
import type { Route } from "./+types/handbook";

// The list's own filters (see current/index.tsx), plus a process; anything unknown is ignored.
const filterSchema = z.object({
  typ: z.enum(documentTypes).optional().catch(undefined),
  omrade: z.enum(documentAreas).optional().catch(undefined),
  enhet: z.string().max(40).optional().catch(undefined),
  process: z.string().max(40).optional().catch(undefined),
});

/** The handbook: every release in effect that the filters choose, as one PDF or Word file. */
export async function loader({ request, context }: Route.LoaderArgs) {
  const { user } = requirePermission(request, context, "read", { type: "releases" });
  const url = new URL(request.url);
  const format = url.pathname.endsWith(".docx") ? "docx" : "pdf";
  const filter = filterSchema.parse(Object.fromEntries([...url.searchParams].filter(([, v]) => v !== "")));
  const entries = handbookEntries(context.db, context.config.dataDir, {
    type: filter.typ,
    area: filter.omrade,
    unitId: filter.enhet,
    processId: filter.process,
  });
  const t = translator(user.locale);
  const date = (value: Date | string) => formatDate(value, user.locale);
  const unit = filter.enhet ? unitTree(context.db).find((u) => u.id === filter.enhet)?.name : undefined;
  const process = filter.process ? getProcess(context.db, filter.process)?.title : undefined;
  const scope = [
    ...(filter.omrade ? [t(`areas.${filter.omrade}`)] : []),
    ...(filter.typ ? [t(`documentTypes.${filter.typ}`)] : []),
    ...(unit ? [unit] : []),
    ...(process ? [`${t("handbook.process")} ${process}`] : []),
  ];
  const cover = {
    organisation: getOrganisation(context.db)?.name ?? "Lots",
    title: t("handbook.title"),
    scope: scope.length > 0 ? scope.join(" · ") : t("handbook.whole"),
    made: t("handbook.made", { date: date(new Date()), count: entries.length }),
  };
  const labels = {
    contents: t("handbook.contents"),
    reference: t("documents.reference"),
    version: t("reading.version"),
    approvedBy: t("reading.approvedBy"),
    effective: t("reading.effective"),
    process: t("handbook.process"),
    mapSteps: t("handbook.mapSteps"),
    page: t("reading.page"),
    of: t("reading.of"),
    date,
  };
  const name = `${t("handbook.fileName")}-${dayOf(new Date())}.${format}`;
  context.logger.info({ documents: entries.length, format }, "handbook made");
  return format === "docx"
    ? download(await handbookDocx(entries, cover, labels), name, DOCX_MIME)
    : download(await handbookPdf(entries, cover, labels), name, "application/pdf");
}
