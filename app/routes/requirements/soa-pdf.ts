import { data } from "react-router";
import { requirePermission } from "#app/auth/guards.server.ts";
import { pdfDownload } from "#app/models/pdf.server.ts";
import { translator } from "#app/i18n/translator.server.ts";
import {
  statementOfApplicability,
  statementOfApplicabilityPdf,
} from "#app/models/statement-of-applicability.server.ts";
import { requirementTitle } from "#app/models/requirement-rules.ts";
import { formatDate } from "#app/utils/dates.ts";
import type { Route } from "./+types/soa-pdf";

/** A framework's Statement of Applicability as a PDF document. */
export async function loader({ request, params, context }: Route.LoaderArgs) {
  const { user } = requirePermission(request, context, "view", { type: "requirements" });
  const soa = statementOfApplicability(context.db, user, params.id);
  if (!soa) throw data({ reason: "notFound" }, { status: 404 });
  const t = translator(user.locale);
  const pdf = await statementOfApplicabilityPdf(soa, {
    title: t("frameworks.soa.title"),
    intro: t("frameworks.soa.intro", {
      framework: soa.framework,
      organisation: soa.organisation,
      date: formatDate(soa.generatedOn, user.locale),
    }),
    scope: t("frameworks.scope"),
    columns: {
      control: t("frameworks.soa.control"),
      applies: t("frameworks.soa.applies"),
      justification: t("frameworks.soa.justification"),
      implementation: t("frameworks.soa.implementation"),
      evidence: t("frameworks.soa.evidence"),
    },
    titleOf: (r) => requirementTitle(r, (key) => t(key as "clauses.4_1"), t("frameworks.soa.untitled")),
    yesNo: (applicable) => t(applicable ? "frameworks.soa.yes" : "frameworks.soa.no"),
    implementation: (status) => (status ? t(`soa.${status}`) : t("frameworks.implementationNone")),
    page: (page, pages) => t("reading.pageOf", { page, pages }),
  });
  return pdfDownload(pdf, `uttalande-om-tillamplighet-${soa.generatedOn}.pdf`);
}
