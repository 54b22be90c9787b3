import type { JSONContent } from "@tiptap/core";
import type { Content, ContentText, TableCell, TDocumentDefinitions } from "pdfmake/interfaces";
import { imageSize } from "image-size";
import { documentFileIdOf } from "#app/content/document-image.ts";
import type { StoredImage } from "./document-files.server.ts";
import { pageFooter, pdfStyle, renderPdf } from "./pdf.server.ts";

/**
 * A release as a PDF, made from its stored ProseMirror JSON (never from HTML, so nothing in
 * the content can run). Every page carries the document's identity: title, version,
 * approver and dates in the header, "page X of Y" in the footer.
 */

export type PdfLabels = {
  version: string;
  approvedBy: string;
  effective: string;
  nextReview: string;
  page: (page: number, pages: number) => string;
};

export type PdfRelease = {
  title: string;
  version: string;
  approverName: string;
  approvedOn: string;
  effectiveOn: string;
  nextReviewOn: string | null;
  organisation: string;
  content: JSONContent;
};

type Inline = ContentText | string;

function inlines(nodes: JSONContent[] = []): Inline[] {
  return nodes.map((node): Inline => {
    if (node.type === "hardBreak") return "\n";
    const marks = new Set(node.marks?.map((m) => m.type));
    const link = node.marks?.find((m) => m.type === "link")?.attrs?.href as string | undefined;
    const decoration = marks.has("underline") || link ? "underline" : marks.has("strike") ? "lineThrough" : undefined;
    return {
      text: node.text ?? "",
      ...(marks.has("bold") ? { bold: true } : {}),
      ...(marks.has("italic") ? { italics: true } : {}),
      ...(decoration ? { decoration } : {}),
      ...(link && /^(https?|mailto):/i.test(link) ? { link, color: "#1d4ed8" } : {}),
    };
  });
}

/** The bytes of a release's own pictures, by file id (see releaseImages). */
export type PdfImages = (fileId: string) => StoredImage | undefined;

const noImages: PdfImages = () => undefined;

/** A document's stored content as PDF blocks: for a release of its own and for packs that quote one. */
export function blocks(nodes: JSONContent[] = [], images: PdfImages = noImages): Content[] {
  return nodes.flatMap((node) => block(node, images));
}

/** A4 less the page margins, in points. */
const CONTENT_WIDTH_PT = 515;

/** pdfmake draws PNG and JPEG; any other picture is named by its description instead. */
function picture(node: JSONContent, images: PdfImages): Content[] {
  const id = documentFileIdOf(node.attrs?.src);
  const image = id ? images(id) : undefined;
  const alt = String(node.attrs?.alt ?? "");
  if (!image || !["image/png", "image/jpeg"].includes(image.mime)) {
    return alt ? [{ text: `[${alt}]`, italics: true, margin: [0, 0, 0, 6] }] : [];
  }
  // Pixels at 96 to the inch are three quarters of a point.
  const width = Math.min((Number(node.attrs?.width) || imageSize(image.bytes).width || 600) * 0.75, CONTENT_WIDTH_PT);
  return [
    {
      image: `data:${image.mime};base64,${Buffer.from(image.bytes).toString("base64")}`,
      width,
      margin: [0, 2, 0, 8],
    },
  ];
}

function block(node: JSONContent, images: PdfImages): Content[] {
  switch (node.type) {
    case "image":
      return picture(node, images);
    case "paragraph":
      return [{ text: inlines(node.content), margin: [0, 0, 0, 6] }];
    case "heading": {
      const level = Math.min(Number(node.attrs?.level ?? 1), 4);
      return [{ text: inlines(node.content), style: `h${level}` }];
    }
    case "bulletList":
      return [{ ul: (node.content ?? []).map((i) => item(i, images)), margin: [0, 0, 0, 6] }];
    case "orderedList":
      return [
        {
          ol: (node.content ?? []).map((i) => item(i, images)),
          start: Number(node.attrs?.start ?? 1),
          margin: [0, 0, 0, 6],
        },
      ];
    case "taskList":
      return [
        {
          stack: (node.content ?? []).map((task) => ({
            columns: [
              { text: task.attrs?.checked ? "[x]" : "[  ]", width: 22 },
              { stack: blocks(task.content, images) },
            ],
          })),
          margin: [0, 0, 0, 6],
        },
      ];
    case "blockquote":
      return [{ stack: blocks(node.content, images), margin: [14, 0, 0, 6], color: "#444444" }];
    case "codeBlock":
      return [{ text: inlines(node.content), margin: [8, 2, 0, 8], fontSize: 9, preserveLeadingSpaces: true }];
    case "horizontalRule":
      return [{ canvas: [{ type: "line", x1: 0, y1: 4, x2: 515, y2: 4, lineWidth: 0.5 }], margin: [0, 4, 0, 8] }];
    case "table":
      return [table(node, images)];
    default:
      return blocks(node.content, images);
  }
}

function item(node: JSONContent, images: PdfImages): Content {
  return { stack: blocks(node.content, images) };
}

/** pdfmake wants rectangular tables, with placeholders under spanned cells. */
function table(node: JSONContent, images: PdfImages): Content {
  const rows = (node.content ?? []).map((row) =>
    (row.content ?? []).flatMap((cell): TableCell[] => {
      const span = Math.max(1, Number(cell.attrs?.colspan ?? 1));
      const content: TableCell = {
        stack: blocks(cell.content, images),
        ...(cell.type === "tableHeader" ? { bold: true, fillColor: "#f1f5f9" } : {}),
        ...(span > 1 ? { colSpan: span } : {}),
      };
      return [content, ...Array.from({ length: span - 1 }, () => ({}))];
    }),
  );
  const width = Math.max(1, ...rows.map((r) => r.length));
  const body = rows.map((r) => [...r, ...Array.from({ length: width - r.length }, () => ({}))]);
  if (body.length === 0) return { text: "" };
  return { table: { body, widths: Array.from({ length: width }, () => "*") }, margin: [0, 0, 0, 8] };
}

export function releasePdf(release: PdfRelease, labels: PdfLabels, images: PdfImages = noImages): Promise<Buffer> {
  const meta = [
    `${labels.version} ${release.version}`,
    `${labels.approvedBy} ${release.approverName} ${release.approvedOn}`,
    `${labels.effective} ${release.effectiveOn}`,
    ...(release.nextReviewOn ? [`${labels.nextReview} ${release.nextReviewOn}`] : []),
  ].join("  ·  ");
  const definition: TDocumentDefinitions = {
    info: { title: `${release.title} ${release.version}`, creator: "Lots", subject: release.organisation },
    pageSize: "A4",
    pageMargins: [40, 78, 40, 48],
    header: {
      margin: [40, 24, 40, 0],
      stack: [
        { text: release.title, bold: true, fontSize: 12 },
        { text: meta, fontSize: 8, color: "#444444", margin: [0, 2, 0, 0] },
        { canvas: [{ type: "line", x1: 0, y1: 6, x2: 515, y2: 6, lineWidth: 0.5, lineColor: "#999999" }] },
      ],
    },
    footer: pageFooter(release.organisation, labels.page),
    content: blocks(release.content.content, images),
    ...pdfStyle,
  };
  return renderPdf(definition);
}
