import type { JSONContent } from "@tiptap/core";
import {
  AlignmentType,
  BorderStyle,
  Document,
  ExternalHyperlink,
  Footer,
  Header,
  HeadingLevel,
  ImageRun,
  LevelFormat,
  Packer,
  PageNumber,
  Paragraph,
  ShadingType,
  Table,
  TableCell,
  TableRow,
  TextRun,
  WidthType,
  type ISectionOptions,
  type ParagraphChild,
} from "docx";
import { imageSize } from "image-size";
import { documentFileIdOf } from "#app/content/document-image.ts";
import { chipText, type ChipAttrs } from "#app/content/item-chip.ts";
import type { StoredImage } from "./document-files.server.ts";

/**
 * Releases as Word files, made from their stored ProseMirror JSON with the `docx` library:
 * every page carries the document's identity in its header and "page X of Y" in its footer,
 * and headings, lists, tables and pictures keep their structure, so the file can be edited
 * or printed by people outside Lots.
 */

/** The bytes of a picture a release shows, looked up by its file id (only the release's own). */
export type ImageSource = (fileId: string) => StoredImage | undefined;

export type DocxLabels = {
  reference: string;
  version: string;
  approvedBy: string;
  effective: string;
  /** "Sida" and "av", around the page numbers Word fills in. */
  page: string;
  of: string;
};

export type DocxRelease = {
  title: string;
  reference: string | null;
  version: string;
  approverName: string;
  approvedOn: string;
  effectiveOn: string;
  organisation: string;
  content: JSONContent;
};

/** A4 less Word's default margins, in pixels at 96 to the inch. */
const CONTENT_WIDTH_PX = 600;
const FONT = "Arial";

type Context = { images: ImageSource; lists: { count: number }; quoted?: boolean };

type Marks = { bold?: boolean; italics?: boolean; underline?: object; strike?: boolean };

function runs(nodes: JSONContent[] = [], context: Context): ParagraphChild[] {
  return nodes.flatMap((node): ParagraphChild[] => {
    if (node.type === "hardBreak") return [new TextRun({ text: "", break: 1 })];
    if (node.type === "itemChip") return [new TextRun({ text: chipText(node.attrs as ChipAttrs) })];
    if (node.type === "image") return imageRun(node, context);
    const types = new Set(node.marks?.map((m) => m.type));
    const marks: Marks = {
      ...(types.has("bold") ? { bold: true } : {}),
      ...(types.has("italic") ? { italics: true } : {}),
      ...(types.has("underline") ? { underline: {} } : {}),
      ...(types.has("strike") ? { strike: true } : {}),
    };
    const href = node.marks?.find((m) => m.type === "link")?.attrs?.href as string | undefined;
    if (href && /^(https?|mailto):/i.test(href)) {
      return [
        new ExternalHyperlink({
          link: href,
          children: [new TextRun({ text: node.text ?? "", ...marks, style: "Hyperlink" })],
        }),
      ];
    }
    return [new TextRun({ text: node.text ?? "", ...marks })];
  });
}

const imageTypes: Record<string, "png" | "jpg" | "gif"> = {
  "image/png": "png",
  "image/jpeg": "jpg",
  "image/gif": "gif",
};

function imageRun(node: JSONContent, context: Context): ParagraphChild[] {
  const id = documentFileIdOf(node.attrs?.src);
  const image = id ? context.images(id) : undefined;
  const alt = String(node.attrs?.alt ?? "");
  const type = image ? imageTypes[image.mime] : undefined;
  // Word cannot hold WebP; its description stands in, so the reader knows a picture was there.
  if (!image || !type) return alt ? [new TextRun({ text: `[${alt}]`, italics: true })] : [];
  const natural = imageSize(image.bytes);
  const wanted = Math.min(Number(node.attrs?.width) || natural.width || CONTENT_WIDTH_PX, CONTENT_WIDTH_PX);
  const scale = natural.width ? wanted / natural.width : 1;
  return [
    new ImageRun({
      type,
      data: image.bytes,
      transformation: { width: Math.round(wanted), height: Math.round((natural.height || wanted) * scale) },
      altText: { name: alt || "image", description: alt, title: alt },
    }),
  ];
}

const headingLevels = [HeadingLevel.HEADING_1, HeadingLevel.HEADING_2, HeadingLevel.HEADING_3, HeadingLevel.HEADING_4];

type ListPlace = { reference: "bullets" | "numbers"; level: number; instance: number };

/** A document's stored content as Word blocks: for a release of its own and for the handbook. */
export function docxBlocks(nodes: JSONContent[] = [], images: ImageSource): (Paragraph | Table)[] {
  return blocksOf(nodes, { images, lists: { count: 0 } });
}

function blocksOf(nodes: JSONContent[] = [], context: Context, list?: ListPlace): (Paragraph | Table)[] {
  return nodes.flatMap((node) => block(node, context, list));
}

function block(node: JSONContent, context: Context, list?: ListPlace): (Paragraph | Table)[] {
  switch (node.type) {
    case "paragraph":
      return [
        new Paragraph({
          children: runs(node.content, context),
          spacing: { after: 120 },
          ...(context.quoted ? { indent: { left: 567 } } : {}),
        }),
      ];
    case "heading": {
      const level = Math.min(Math.max(Number(node.attrs?.level ?? 1), 1), 4);
      return [new Paragraph({ heading: headingLevels[level - 1], children: runs(node.content, context) })];
    }
    case "image":
      return [new Paragraph({ children: imageRun(node, context), spacing: { after: 120 } })];
    case "bulletList":
    case "orderedList": {
      const reference = node.type === "bulletList" ? "bullets" : "numbers";
      // Each list counts from its own start; nested lists go one level in.
      const place = {
        reference,
        level: list ? Math.min(list.level + 1, 8) : 0,
        instance: ++context.lists.count,
      } as const;
      return (node.content ?? []).flatMap((item) => listItem(item, context, place));
    }
    case "taskList":
      return (node.content ?? []).flatMap((task) => {
        const [first, ...rest] = task.content ?? [];
        const mark = task.attrs?.checked ? "☑ " : "☐ ";
        return [
          new Paragraph({ children: [new TextRun(mark), ...runs(first?.content, context)] }),
          ...blocksOf(rest, context, list),
        ];
      });
    case "blockquote":
      return blocksOf(node.content, { ...context, quoted: true }, list);
    case "codeBlock":
      return [
        new Paragraph({
          children: (node.content ?? []).map((t) => new TextRun({ text: t.text ?? "", font: "Courier New", size: 18 })),
        }),
      ];
    case "horizontalRule":
      return [new Paragraph({ border: { bottom: { style: BorderStyle.SINGLE, size: 6, color: "999999", space: 1 } } })];
    case "table":
      return [table(node, context)];
    default:
      return blocksOf(node.content, context, list);
  }
}

function listItem(item: JSONContent, context: Context, place: ListPlace): (Paragraph | Table)[] {
  const [first, ...rest] = item.content ?? [];
  const numbered =
    first?.type === "paragraph"
      ? [
          new Paragraph({
            children: runs(first.content, context),
            numbering: { reference: place.reference, level: place.level, instance: place.instance },
          }),
        ]
      : block(first ?? { type: "paragraph" }, context, place);
  return [...numbered, ...blocksOf(rest, context, place)];
}

function table(node: JSONContent, context: Context): Table {
  const rows = (node.content ?? []).map((row) => {
    const header = (row.content ?? []).every((cell) => cell.type === "tableHeader");
    return new TableRow({
      // Written only when on: some readers (mammoth) take an explicit "off" for a header row.
      ...(header ? { tableHeader: true } : {}),
      children: (row.content ?? []).map(
        (cell) =>
          new TableCell({
            children: blocksOf(cell.content, context).filter((b) => b instanceof Paragraph || b instanceof Table),
            columnSpan: Math.max(1, Number(cell.attrs?.colspan ?? 1)),
            rowSpan: Math.max(1, Number(cell.attrs?.rowspan ?? 1)),
            ...(cell.type === "tableHeader"
              ? { shading: { type: ShadingType.CLEAR, color: "auto", fill: "F1F5F9" } }
              : {}),
          }),
      ),
    });
  });
  return new Table({ rows, width: { size: 100, type: WidthType.PERCENTAGE } });
}

/** Bullets and numbers for nine levels, as Word's own lists have. */
export const listNumbering = {
  config: [
    {
      reference: "bullets",
      levels: Array.from({ length: 9 }, (_, level) => ({
        level,
        format: LevelFormat.BULLET,
        text: ["•", "◦", "▪"][level % 3]!,
        alignment: AlignmentType.LEFT,
        style: { paragraph: { indent: { left: 360 * (level + 1), hanging: 260 } } },
      })),
    },
    {
      reference: "numbers",
      levels: Array.from({ length: 9 }, (_, level) => ({
        level,
        format: [LevelFormat.DECIMAL, LevelFormat.LOWER_LETTER, LevelFormat.LOWER_ROMAN][level % 3]!,
        text: `%${level + 1}.`,
        alignment: AlignmentType.LEFT,
        style: { paragraph: { indent: { left: 360 * (level + 1), hanging: 260 } } },
      })),
    },
  ],
};

export const docxStyles = { default: { document: { run: { font: FONT, size: 22 } } } };

/** "Sida X av Y" (or the reader's words for it), with the organisation's name. */
export function pageFooter(organisation: string, labels: Pick<DocxLabels, "page" | "of">): Footer {
  return new Footer({
    children: [
      new Paragraph({
        alignment: AlignmentType.RIGHT,
        children: [
          new TextRun({ text: `${organisation}    ${labels.page} `, size: 16, color: "555555" }),
          new TextRun({ children: [PageNumber.CURRENT], size: 16, color: "555555" }),
          new TextRun({ text: ` ${labels.of} `, size: 16, color: "555555" }),
          new TextRun({ children: [PageNumber.TOTAL_PAGES], size: 16, color: "555555" }),
        ],
      }),
    ],
  });
}

/** The identity block every page of a release carries. */
export function releaseHeader(release: DocxRelease, labels: DocxLabels): Header {
  const meta = [
    ...(release.reference ? [`${labels.reference} ${release.reference}`] : []),
    `${labels.version} ${release.version}`,
    `${labels.approvedBy} ${release.approverName} ${release.approvedOn}`,
    `${labels.effective} ${release.effectiveOn}`,
  ].join("  ·  ");
  return new Header({
    children: [
      new Paragraph({ children: [new TextRun({ text: release.title, bold: true, size: 24 })] }),
      new Paragraph({
        children: [new TextRun({ text: meta, size: 16, color: "444444" })],
        border: { bottom: { style: BorderStyle.SINGLE, size: 4, color: "999999", space: 4 } },
      }),
    ],
  });
}

export function releaseSection(release: DocxRelease, labels: DocxLabels, images: ImageSource): ISectionOptions {
  return {
    headers: { default: releaseHeader(release, labels) },
    footers: { default: pageFooter(release.organisation, labels) },
    children: docxBlocks(release.content.content, images),
  };
}

export function releaseDocx(release: DocxRelease, labels: DocxLabels, images: ImageSource): Promise<Buffer> {
  const document = new Document({
    creator: "Lots",
    title: `${release.title} ${release.version}`,
    description: release.organisation,
    styles: docxStyles,
    numbering: listNumbering,
    sections: [releaseSection(release, labels, images)],
  });
  return Packer.toBuffer(document);
}
