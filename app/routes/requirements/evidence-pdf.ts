import { requirePermission } from "#app/auth/guards.server.ts";
import { pdfDownload } from "#app/models/pdf.server.ts";
import { translator } from "#app/i18n/index.ts";
import { evidencePack, evidencePackPdf } from "#app/models/evidence-pack.server.ts";
import { requirementTitle } from "#app/models/requirement-rules.ts";
import { formatDate } from "#app/utils/dates.ts";
import type { Route } from "./+types/evidence-pdf";

/** The evidence pack as one PDF, in the language of the person who downloads it. */
export async function loader({ request, context }: Route.LoaderArgs) {
  const { user } = requirePermission(request, context, "view", { type: "evidencePack" });
  const t = translator(user.locale);
  const pack = evidencePack(context.db, user);
  const column = (key: string) => t(`evidence.columns.${key}` as "evidence.columns.title");
  const pdf = await evidencePackPdf(context.db, pack, {
    title: t("evidence.title"),
    generated: t("evidence.intro", { date: formatDate(pack.generatedOn, user.locale) }),
    sections: Object.fromEntries(
      [
        "scope",
        "policy",
        "frameworks",
        "releases",
        "processes",
        "risks",
        "kpis",
        "audits",
        "review",
        "actions",
        "trail",
      ].map((s) => [s, t(`evidence.sections.${s}` as "evidence.sections.trail")]),
    ) as Parameters<typeof evidencePackPdf>[2]["sections"],
    scope: {
      scope: t("frameworks.scopeText"),
      boundaries: t("frameworks.boundaries"),
      exclusions: t("evidence.exclusions"),
      none: t("frameworks.noScope"),
    },
    requirementTitle: (r) => requirementTitle(r, (key) => t(key as "clauses.4_1")),
    columns: Object.fromEntries(
      [
        "title",
        "version",
        "approver",
        "effective",
        "owner",
        "level",
        "latest",
        "target",
        "status",
        "result",
        "trend",
      ].map((k) => [k, column(k)]),
    ) as Parameters<typeof evidencePackPdf>[2]["columns"],
    coverage: (s) =>
      ["covered", "partly", "gap", "not_applicable"]
        .map((c) => `${t(`coverage.${c}` as "coverage.gap")} ${s[c as keyof typeof s]}`)
        .join(", "),
    term: (key) => t(key as "coverage.gap"),
    review: (r) =>
      `${r.title}, ${formatDate(r.heldOn, user.locale)}${r.version ? `, ${t("reviews.released", { version: r.version })}` : ""}`,
    noReview: t("evidence.noReview"),
    actions: (byStatus) => t("evidence.actions", byStatus),
    trail: (v) =>
      v.ok
        ? t("evidence.trailOk", { count: v.checked })
        : t("evidence.trailBad", { row: v.firstBadSeq, reason: v.reason }),
    page: (page, pages) => t("reading.pageOf", { page, pages }),
  });
  return pdfDownload(pdf, `bevispaket-${pack.generatedOn}.pdf`);
}
