import type { Content, TDocumentDefinitions } from "pdfmake/interfaces";
import type { Db } from "#db/client.ts";
import type { SoaStatus } from "#db/schema/index.ts";
import type { Actor } from "#app/auth/permissions.server.ts";
import { getOrganisation } from "./organisation.server.ts";
import { pageFooter, pdfStyle, renderPdf } from "./pdf.server.ts";
import { dayOf } from "./releases.server.ts";
import { frameworkCoverage, getFramework } from "./requirements.server.ts";

/**
 * ISO 27001's Statement of Applicability: each Annex A control, whether it applies and why
 * not, how far it is implemented, and what in the management system meets it.
 */
export function statementOfApplicability(db: Db, actor: Actor, frameworkId: string, now = new Date()) {
  const framework = getFramework(db, frameworkId);
  if (!framework) return undefined;
  const { requirements } = frameworkCoverage(db, actor, frameworkId, now);
  return {
    organisation: getOrganisation(db)?.name ?? "",
    framework: framework.name,
    scope: framework.scope,
    generatedOn: dayOf(now),
    rows: requirements.map((r) => ({
      code: r.code,
      title: r.title,
      titleKey: r.titleKey,
      isHeading: r.isHeading,
      applicable: r.applicable,
      justification: r.justification,
      implementation: r.implementation as SoaStatus | null,
      evidence: r.evidence.filter((e) => e.inEffect).map((e) => e.title),
    })),
  };
}

export type StatementOfApplicability = NonNullable<ReturnType<typeof statementOfApplicability>>;

/** The words of the PDF, in the language of the person who downloads it. */
export type SoaLabels = {
  title: string;
  intro: string;
  scope: string;
  columns: Record<"control" | "applies" | "justification" | "implementation" | "evidence", string>;
  titleOf: (row: StatementOfApplicability["rows"][number]) => string;
  yesNo: (applicable: boolean) => string;
  implementation: (status: SoaStatus | null) => string;
  page: (page: number, pages: number) => string;
};

/** The statement as a PDF in landscape, one row per control under its theme. */
export function statementOfApplicabilityPdf(soa: StatementOfApplicability, labels: SoaLabels): Promise<Buffer> {
  const c = labels.columns;
  const body = [
    [c.control, c.applies, c.justification, c.implementation, c.evidence].map((text) => ({ text, bold: true })),
    ...soa.rows.map((r) =>
      r.isHeading
        ? [{ text: `${r.code} ${labels.titleOf(r)}`, bold: true, colSpan: 5 }, "", "", "", ""]
        : [
            `${r.code} ${labels.titleOf(r)}`,
            labels.yesNo(r.applicable),
            r.applicable ? "" : r.justification,
            r.applicable ? labels.implementation(r.implementation) : "",
            r.evidence.join("\n"),
          ],
    ),
  ];
  const content: Content[] = [
    { text: `${labels.title}: ${soa.organisation}`, style: "h1" },
    { text: labels.intro, color: "#444444", margin: [0, 0, 0, 6] },
    ...(soa.scope ? [{ text: labels.scope, style: "h3" }, { text: soa.scope, margin: [0, 0, 0, 8] } as Content] : []),
    {
      table: { headerRows: 1, widths: ["*", "auto", "*", "auto", "*"], body },
      layout: "lightHorizontalLines",
      fontSize: 9,
    },
  ];
  const definition: TDocumentDefinitions = {
    info: { title: `${labels.title}: ${soa.organisation}`, creator: "Lots" },
    pageSize: "A4",
    pageOrientation: "landscape",
    pageMargins: [40, 40, 40, 48],
    footer: pageFooter(`${soa.framework}, ${soa.generatedOn}`, labels.page),
    content,
    ...pdfStyle,
  };
  return renderPdf(definition);
}
