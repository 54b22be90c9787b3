import type { JSONContent } from "@tiptap/core";
import {
  Document,
  HeadingLevel,
  Packer,
  PageBreak,
  Paragraph,
  TableOfContents,
  TextRun,
  type ISectionOptions,
} from "docx";
import type { Content, TDocumentDefinitions } from "pdfmake/interfaces";
import { mapSteps, type HandbookEntry } from "./handbook.server.ts";
import { isGraph } from "./process-map-content.server.ts";
import { mapToSvg } from "./process-map-svg.ts";
import { docxBlocks, docxStyles, listNumbering, pageFooter as docxFooter } from "./release-docx.server.ts";
import { blocks } from "./release-pdf.server.ts";
import { pageFooter, pdfStyle, renderPdf } from "./pdf.server.ts";

/**
 * The handbook as one PDF and one Word file: a cover, a table of contents, and every chosen
 * release, each starting on a page of its own under its identity (number, version, approver,
 * valid from). A process map is drawn in the PDF and listed by its steps in Word.
 */

export type HandbookCover = { organisation: string; title: string; scope: string; made: string };

export type HandbookLabels = {
  contents: string;
  reference: string;
  version: string;
  approvedBy: string;
  effective: string;
  process: string;
  mapSteps: string;
  page: string;
  of: string;
  date: (value: Date | string) => string;
};

const identity = (entry: HandbookEntry, labels: HandbookLabels) =>
  [
    ...(entry.reference ? [`${labels.reference} ${entry.reference}`] : []),
    `${labels.version} ${entry.version}`,
    `${labels.approvedBy} ${entry.approverName} ${labels.date(entry.approvedAt)}`,
    `${labels.effective} ${labels.date(entry.effectiveOn)}`,
    ...(entry.process ? [`${labels.process} ${entry.process}`] : []),
  ].join("  ·  ");

/** A document's own headings sit one level under its title in the handbook. */
function demoted(nodes: JSONContent[] = []): JSONContent[] {
  return nodes.map((node) =>
    node.type === "heading"
      ? { ...node, attrs: { ...node.attrs, level: Math.min(Number(node.attrs?.level ?? 1) + 1, 4) } }
      : node,
  );
}

export function handbookPdf(entries: HandbookEntry[], cover: HandbookCover, labels: HandbookLabels): Promise<Buffer> {
  const documents = entries.flatMap((entry): Content[] => [
    { text: entry.title, style: "h1", tocItem: true, pageBreak: "before" },
    { text: identity(entry, labels), fontSize: 8, color: "#444444", margin: [0, 0, 0, 10] },
    ...(isGraph(entry.content)
      ? [{ svg: mapToSvg(entry.content, { title: entry.title }), fit: [515, 600] } as Content]
      : blocks(demoted(entry.content.content), entry.images)),
  ]);
  const definition: TDocumentDefinitions = {
    info: { title: cover.title, creator: "Lots", subject: cover.organisation },
    pageSize: "A4",
    pageMargins: [40, 48, 40, 48],
    footer: pageFooter(cover.organisation, (page, pages) => `${labels.page} ${page} ${labels.of} ${pages}`),
    content: [
      { text: cover.organisation, fontSize: 14, margin: [0, 200, 0, 8] },
      { text: cover.title, fontSize: 28, bold: true },
      { text: cover.scope, fontSize: 12, margin: [0, 12, 0, 0] },
      { text: cover.made, fontSize: 10, color: "#444444", margin: [0, 4, 0, 0] },
      { toc: { title: { text: labels.contents, style: "h1" } }, pageBreak: "before" },
      ...documents,
    ],
    ...pdfStyle,
  };
  return renderPdf(definition);
}

export function handbookDocx(entries: HandbookEntry[], cover: HandbookCover, labels: HandbookLabels): Promise<Buffer> {
  const footers = { default: docxFooter(cover.organisation, labels) };
  const coverSection: ISectionOptions = {
    footers,
    children: [
      new Paragraph({ spacing: { before: 3000 }, children: [new TextRun({ text: cover.organisation, size: 28 })] }),
      new Paragraph({
        heading: HeadingLevel.TITLE,
        children: [new TextRun({ text: cover.title, bold: true, size: 56 })],
      }),
      new Paragraph({ children: [new TextRun({ text: cover.scope, size: 24 })] }),
      new Paragraph({ children: [new TextRun({ text: cover.made, size: 20, color: "444444" })] }),
      new Paragraph({ children: [new PageBreak()] }),
      new Paragraph({ children: [new TextRun({ text: labels.contents, bold: true, size: 32 })] }),
      // Word fills the table in when the file is opened (it asks to update fields).
      new TableOfContents(labels.contents, { hyperlink: true, headingStyleRange: "1-1" }),
    ],
  };
  const sections = entries.map((entry): ISectionOptions => ({
    footers,
    children: [
      new Paragraph({ heading: HeadingLevel.HEADING_1, children: [new TextRun(entry.title)] }),
      new Paragraph({ children: [new TextRun({ text: identity(entry, labels), size: 16, color: "444444" })] }),
      ...(isGraph(entry.content)
        ? [
            new Paragraph({ children: [new TextRun({ text: labels.mapSteps, italics: true })] }),
            ...mapSteps(entry.content).map((step) => new Paragraph({ text: step, bullet: { level: 0 } })),
          ]
        : docxBlocks(demoted(entry.content.content), entry.images)),
    ],
  }));
  const document = new Document({
    creator: "Lots",
    title: cover.title,
    description: cover.organisation,
    features: { updateFields: true },
    styles: docxStyles,
    numbering: listNumbering,
    sections: [coverSection, ...sections],
  });
  return Packer.toBuffer(document);
}
