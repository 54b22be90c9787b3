import { translator } from "#app/i18n/translator.server.ts";
import type { Locale } from "#app/domain/values.ts";
import { formatDate } from "#app/utils/dates.ts";
import type { EvidenceLabels } from "./evidence-pack.server.ts";
import { requirementTitle } from "./requirement-rules.ts";

/** The evidence pack's words in one language, for its PDF. */
export function evidencePackLabels(locale: Locale, generatedOn: string): EvidenceLabels {
  const t = translator(locale);
  const column = (key: string) => t(`evidence.columns.${key}` as "evidence.columns.title");
  return {
    title: t("evidence.title"),
    generated: t("evidence.intro", { date: formatDate(generatedOn, locale) }),
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
    ) as EvidenceLabels["sections"],
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
    ) as EvidenceLabels["columns"],
    coverage: (s) =>
      ["covered", "partly", "gap", "not_applicable"]
        .map((c) => `${t(`coverage.${c}` as "coverage.gap")} ${s[c as keyof typeof s]}`)
        .join(", "),
    term: (key) => t(key as "coverage.gap"),
    review: (r) =>
      `${r.title}, ${formatDate(r.heldOn, locale)}${r.version ? `, ${t("managementReviews.released", { version: r.version })}` : ""}`,
    noReview: t("evidence.noReview"),
    noFrameworks: t("evidence.noFrameworks"),
    actions: (byStatus) => t("evidence.actions", byStatus),
    trail: (v) =>
      v.ok
        ? t("evidence.trailOk", { count: v.checked })
        : t("evidence.trailBad", { row: v.firstBadSeq, reason: v.reason }),
    page: (page, pages) => t("reading.pageOf", { page, pages }),
  };
}
