import type { JSONContent } from "@tiptap/core";
import { generateJSON } from "@tiptap/html/server";
import { isValid, parse } from "date-fns";
import { fileTypeFromBuffer } from "file-type";
import mammoth from "mammoth";
import { documentFileHref } from "#app/content/document-image.ts";
import { documentSchema } from "#app/content/schema.ts";
import { newId } from "#db/ids.ts";
import { conformContent } from "./document-content.server.ts";
import { checkDocumentFile, DocumentFileError, type CheckedDocumentFile } from "./document-files.server.ts";
import { readZip, ZipRefusal } from "./zip-reader.server.ts";
import type { DetailKind, ImportReport, KeptKind, LostKind } from "./word-import-report.ts";

/**
 * A Word file (.docx) as a Lots document: mammoth reads the Word structure into HTML, the
 * editor's own schema parses that HTML (so what comes in is exactly what the editor holds),
 * and a report says what was kept and what Word had that Lots cannot hold. Register details
 * that management-system documents carry in a table at the top or in the page header
 * (document number, version, owner, approver, valid from) are read out of the text.
 */

export const MAX_WORD_BYTES = 50 * 1024 * 1024;

/** A .docx may hold many pictures; these bounds keep one hostile file from filling memory. */
const WORD_ZIP_LIMITS = {
  maxEntries: 5000,
  maxTotalBytes: 400 * 1024 * 1024,
  maxEntryBytes: 200 * 1024 * 1024,
  maxRatio: 200,
};

export type WordRefusalReason = "notDocx" | "encrypted" | "corrupt" | "tooLarge" | "bomb";

export class WordImportRefusal extends Error {
  constructor(public readonly reason: WordRefusalReason) {
    super(`word import refused: ${reason}`);
  }
}

export type WordDocument = {
  title: string;
  content: JSONContent[];
  /** Pictures to store, under the ids the content already points at. */
  images: (CheckedDocumentFile & { id: string })[];
  report: ImportReport;
};

/** Swedish Word names its built-in headings "Rubrik"; files made from templates keep either. */
const styleMap = [
  "p[style-name='Rubrik 1'] => h1:fresh",
  "p[style-name='Rubrik 2'] => h2:fresh",
  "p[style-name='Rubrik 3'] => h3:fresh",
  "p[style-name='Rubrik 4'] => h4:fresh",
  "p.Rubrik1 => h1:fresh",
  "p.Rubrik2 => h2:fresh",
  "p.Rubrik3 => h3:fresh",
  "p.Rubrik4 => h4:fresh",
  "p[style-name='Title'] => h1:fresh",
  "p[style-name='Rubrik'] => h1:fresh",
  "p[style-name='Titel'] => h1:fresh",
  // mammoth drops underlining unless told; policies underline what matters.
  "u => u",
];

/** Converts one .docx. Throws WordImportRefusal for a file that is not one Lots can read. */
export async function convertWord(fileName: string, bytes: Uint8Array, notesHeading: string): Promise<WordDocument> {
  if (bytes.byteLength > MAX_WORD_BYTES) throw new WordImportRefusal("tooLarge");
  const type = await fileTypeFromBuffer(bytes);
  // Encrypted .docx and the old .doc are both OLE compound files, not zips.
  if (type?.mime === "application/x-cfb") throw new WordImportRefusal("encrypted");
  if (type?.mime !== "application/vnd.openxmlformats-officedocument.wordprocessingml.document") {
    throw new WordImportRefusal(type?.mime === "application/zip" ? "corrupt" : "notDocx");
  }
  const parts = await readWordParts(bytes);
  const lost = countLost(parts.body);
  const images: WordDocument["images"] = [];
  let html: string;
  try {
    const result = await mammoth.convertToHtml(
      { buffer: Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength) },
      {
        styleMap,
        externalFileAccess: false,
        convertImage: mammoth.images.imgElement(async (image) => {
          const data = new Uint8Array(await image.readAsBuffer());
          try {
            const checked = await checkDocumentFile("image", "", data);
            const id = newId();
            images.push({
              ...checked,
              id,
              name: `${baseName(fileName)}-${images.length + 1}.${extensionOf(checked.mime)}`,
            });
            return { src: documentFileHref(id) };
          } catch (error) {
            if (!(error instanceof DocumentFileError)) throw error;
            lost.imagesNotShown = (lost.imagesNotShown ?? 0) + 1;
            return { src: "" };
          }
        }),
      },
    );
    html = result.value;
  } catch {
    throw new WordImportRefusal("corrupt");
  }
  // A picture on a line of its own is a block of its own, not a picture after an empty line.
  const blocks = html.replace(/<p>(<img [^>]*\/>)<\/p>/g, "$1");
  const { html: withNotes, count: footnotes } = endNotes(blocks, notesHeading);
  const parsed = conformContent(generateJSON(withNotes, documentSchema()) as JSONContent);
  let content = parsed.content ?? [];
  let report: Pick<ImportReport, "details" | "detailsFrom"> = { details: {}, detailsFrom: null };
  const fromBody = detailsAtTop(content);
  if (fromBody) {
    content = fromBody.rest;
    report = { details: fromBody.details, detailsFrom: fromBody.from };
  } else {
    const fromHeader = detailsFromCells(parts.headers.flatMap(cellsOfXml));
    if (Object.keys(fromHeader).length >= 2) report = { details: fromHeader, detailsFrom: "header" };
  }
  const title = firstHeading(content) ?? baseName(fileName);
  return {
    title: title.slice(0, 200),
    content,
    images: images.filter((image) => content.some((block) => holdsImage(block, image.id))),
    report: { kept: { ...countKept(content), ...(footnotes ? { footnotes } : {}) }, lost: nonZero(lost), ...report },
  };
}

const baseName = (fileName: string) =>
  fileName
    .split(/[\\/]/)
    .pop()!
    .replace(/\.docx$/i, "")
    .trim() || "Word";
const extensionOf = (mime: string) => mime.split("/")[1]!.replace("jpeg", "jpg");

async function readWordParts(bytes: Uint8Array): Promise<{ body: string; headers: string[] }> {
  try {
    const entries = await readZip(bytes, WORD_ZIP_LIMITS);
    const text = (name: string) => entries.find((e) => e.name === name)?.bytes.toString("utf8");
    const body = text("word/document.xml");
    if (body === undefined) throw new WordImportRefusal("corrupt");
    const headers = entries.filter((e) => /^word\/header\d*\.xml$/.test(e.name)).map((e) => e.bytes.toString("utf8"));
    return { body: body + (text("word/footnotes.xml") ?? ""), headers };
  } catch (error) {
    if (error instanceof ZipRefusal) {
      throw new WordImportRefusal(
        error.reason === "tooLarge" ? "tooLarge" : error.reason === "notZip" ? "corrupt" : "bomb",
      );
    }
    throw error;
  }
}

const occurrences = (xml: string, pattern: RegExp) => xml.match(pattern)?.length ?? 0;

/** Counts what mammoth leaves out or flattens, from the Word XML itself. */
function countLost(xml: string): Partial<Record<LostKind, number>> {
  return {
    // Word writes each drawing twice (DrawingML, and VML for old readers): count one of them.
    textBoxes: occurrences(xml, /<wps:txbx\b/g) || occurrences(xml, /<w:txbxContent\b/g),
    smartArt: occurrences(xml, /<dgm:relIds\b/g),
    charts: occurrences(xml, /<c:chart\b/g),
    trackedChanges: occurrences(xml, /<w:(ins|del|moveFrom|moveTo)\b/g),
    comments: occurrences(xml, /<w:commentReference\b/g),
    embeddedObjects: occurrences(xml, /<o:OLEObject\b/g),
    equations: occurrences(xml, /<m:oMath\b/g),
  };
}

const nonZero = <K extends string>(counts: Partial<Record<K, number>>) =>
  Object.fromEntries(Object.entries(counts).filter(([, n]) => (n as number) > 0)) as Partial<Record<K, number>>;

/**
 * mammoth writes footnotes as numbered links to a list at the end. Lots has no footnotes, so
 * they become end notes: the number stays in the text as "[1]", the notes come last under a
 * heading, and the links between them (which would point nowhere once saved) are dropped.
 */
function endNotes(html: string, heading: string): { html: string; count: number } {
  let count = 0;
  const inText = html.replace(
    /<sup><a href="#(?:footnote|endnote)-\d+" id="(?:footnote|endnote)-ref-\d+">\[(\d+)\]<\/a><\/sup>/g,
    (_match, n: string) => {
      count++;
      return `[${n}]`;
    },
  );
  const withoutBacklinks = inText.replace(/\s*<a href="#(?:footnote|endnote)-ref-\d+">↑<\/a>/g, "");
  const list = withoutBacklinks.search(/<ol><li id="(?:footnote|endnote)-\d+"/);
  if (count === 0 || list < 0) return { html: withoutBacklinks, count };
  const escaped = heading.replace(/[&<>]/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;" })[c]!);
  return { html: `${withoutBacklinks.slice(0, list)}<h2>${escaped}</h2>${withoutBacklinks.slice(list)}`, count };
}

function countKept(content: JSONContent[]): Partial<Record<KeptKind, number>> {
  const counts: Record<KeptKind, number> = {
    headings: 0,
    paragraphs: 0,
    lists: 0,
    tables: 0,
    images: 0,
    links: 0,
    footnotes: 0,
  };
  const walk = (node: JSONContent, inList: boolean) => {
    const isList = node.type === "bulletList" || node.type === "orderedList" || node.type === "taskList";
    if (node.type === "heading") counts.headings++;
    if (node.type === "paragraph") counts.paragraphs++;
    if (isList && !inList) counts.lists++;
    if (node.type === "table") counts.tables++;
    if (node.type === "image") counts.images++;
    if (node.marks?.some((m) => m.type === "link")) counts.links++;
    node.content?.forEach((child) => walk(child, inList || isList));
  };
  content.forEach((block) => walk(block, false));
  return nonZero(counts);
}

const textOf = (node: JSONContent): string =>
  node.type === "text"
    ? (node.text ?? "")
    : (node.content ?? []).map(textOf).join(node.type === "paragraph" ? "" : " ");

function firstHeading(content: JSONContent[]): string | undefined {
  const heading = content.find((block) => block.type === "heading");
  const text = heading ? textOf(heading).trim() : "";
  return text || undefined;
}

const holdsImage = (node: JSONContent, id: string): boolean =>
  (node.type === "image" && node.attrs?.src === documentFileHref(id)) ||
  (node.content ?? []).some((c) => holdsImage(c, id));

const labels: [DetailKind, RegExp][] = [
  [
    "reference",
    /^(dokument ?(nummer|nr|-nr|id|beteckning)|dok\.? ?(nr|id)|beteckning|document (number|no\.?|id)|doc\.? ?(no\.?|id))$/,
  ],
  ["version", /^(version|utgåva|revision|rev\.?|versionsnummer)$/],
  ["owner", /^(dokumentägare|ägare|dokumentansvarig|ansvarig|processägare|owner|document owner)$/],
  ["approvedBy", /^(godkänd av|godkänt av|fastställd av|fastställt av|beslutad av|beslutat av|approved by)$/],
  [
    "validFrom",
    /^(gäller från|giltig från|giltigt från|gäller fr\.? ?o\.? ?m\.?|gäller fr\.o\.m\.?|fastställd|fastställt|valid from|effective( date| from)?)$/,
  ],
];

const labelOf = (text: string): DetailKind | undefined => {
  const normal = text
    .toLowerCase()
    .replace(/[:：]\s*$/, "")
    .replace(/\s+/g, " ")
    .trim();
  return labels.find(([, pattern]) => pattern.test(normal))?.[0];
};

/** A date as Word documents write it, as YYYY-MM-DD; anything else is kept as written. */
function normaliseDetail(kind: DetailKind, value: string): string {
  const text = value.replace(/\s+/g, " ").trim().slice(0, 100);
  if (kind !== "validFrom") return text;
  for (const pattern of ["yyyy-MM-dd", "d/M/yyyy", "d.M.yyyy", "yyyyMMdd", "d MMMM yyyy"]) {
    const date = parse(text, pattern, new Date(2000, 0, 1));
    if (isValid(date) && date.getFullYear() > 1950 && date.getFullYear() < 2200) {
      return `${date.getFullYear()}-${String(date.getMonth() + 1).padStart(2, "0")}-${String(date.getDate()).padStart(2, "0")}`;
    }
  }
  return text;
}

/**
 * Label and value pairs among cells read in order: a label cell followed by its value, or a
 * "Label: value" cell. Header tables put labels beside values or above them.
 */
export function detailsFromCells(cells: string[]): Partial<Record<DetailKind, string>> {
  const details: Partial<Record<DetailKind, string>> = {};
  cells.forEach((cell, i) => {
    const inline = /^([^:：]{2,40})[:：]\s*(.+)$/.exec(cell.trim());
    const inlineKind = inline ? labelOf(inline[1]!) : undefined;
    if (inline && inlineKind && !details[inlineKind]) {
      details[inlineKind] = normaliseDetail(inlineKind, inline[2]!);
      return;
    }
    const kind = labelOf(cell);
    const value = cells[i + 1]?.trim();
    if (kind && value && !labelOf(value) && !details[kind]) details[kind] = normaliseDetail(kind, value);
  });
  return details;
}

/** Cells of a table as rows (for labels above values) and then in reading order. */
function tableCells(table: JSONContent): string[] {
  const rows = (table.content ?? []).map((row) => (row.content ?? []).map((cell) => textOf(cell).trim()));
  const byRow = rows.flat();
  // Labels in one row and values in the next: read them column by column instead.
  const labelRow = rows.findIndex((row) => row.filter((cell) => labelOf(cell)).length >= 2);
  if (labelRow >= 0 && rows[labelRow + 1] && !rows[labelRow + 1]!.some((cell) => labelOf(cell))) {
    return rows[labelRow]!.flatMap((label, column) => [label, rows[labelRow + 1]![column] ?? ""]);
  }
  return byRow;
}

/**
 * Details in a table among the first blocks, or in "Label: value" lines at the very top. Found
 * details leave the text: the register holds them now, and the release's own header shows them.
 */
function detailsAtTop(
  content: JSONContent[],
): { details: Partial<Record<DetailKind, string>>; rest: JSONContent[]; from: "table" | "lines" } | null {
  const tableAt = content.slice(0, 4).findIndex((block) => block.type === "table");
  if (tableAt >= 0) {
    const details = detailsFromCells(tableCells(content[tableAt]!));
    if (Object.keys(details).length >= 2) {
      return { details, rest: content.filter((_, i) => i !== tableAt), from: "table" };
    }
  }
  const lines: number[] = [];
  const details: Partial<Record<DetailKind, string>> = {};
  content.slice(0, 12).forEach((block, i) => {
    if (block.type !== "paragraph") return;
    const found = detailsFromCells([textOf(block)]);
    if (Object.keys(found).length === 0) return;
    Object.assign(details, { ...found, ...details });
    lines.push(i);
  });
  if (Object.keys(details).length < 2) return null;
  return { details, rest: content.filter((_, i) => !lines.includes(i)), from: "lines" };
}

const xmlEntities: Record<string, string> = { amp: "&", lt: "<", gt: ">", quot: '"', apos: "'" };
const xmlText = (xml: string) =>
  [...xml.matchAll(/<w:t(?:\s[^>]*)?>([^<]*)<\/w:t>/g)]
    .map((m) => m[1]!)
    .join("")
    .replace(/&(amp|lt|gt|quot|apos);/g, (_m, name: string) => xmlEntities[name]!);

/** The text of a page header's table cells, or of its paragraphs when it has no table. */
function cellsOfXml(xml: string): string[] {
  const cells = [...xml.matchAll(/<w:tc\b[\s\S]*?<\/w:tc>/g)].map((m) => xmlText(m[0]).trim());
  if (cells.length > 0) return cells;
  return [...xml.matchAll(/<w:p\b[\s\S]*?<\/w:p>/g)].map((m) => xmlText(m[0]).trim()).filter(Boolean);
}
