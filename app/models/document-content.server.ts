import { getSchema, Mark, type JSONContent } from "@tiptap/core";
import crypto from "node:crypto";
import { renderToHTMLString } from "@tiptap/static-renderer/pm/html-string";
import { prosemirrorJSONToYDoc, yXmlFragmentToProsemirrorJSON } from "@tiptap/y-tiptap";
import * as Y from "yjs";
import { eq } from "drizzle-orm";
import type { Db } from "#db/client.ts";
import { documents } from "#db/schema/index.ts";
import { freezeMap, graphText, isGraph } from "./process-map-content.server.ts";
import type { ProcessGraph } from "./process-map.ts";
import { documentSchema, FRAGMENT } from "#app/content/schema.ts";
import { documentFileIdOf } from "#app/content/document-image.ts";
import { chipText, type ChipAttrs } from "#app/content/item-chip.ts";
import { compact, loadYDoc } from "./collab-store.server.ts";
import { DELETION, INSERTION } from "./content-diff.ts";
import { sanitiseHtml } from "./sanitise.server.ts";

export type RenderedContent = { json: JSONContent; html: string };

const schema = getSchema(documentSchema());

/**
 * Any client with write access shapes the Yjs document, and Yjs accepts any element name.
 * Keep only what the schema defines: an unknown node gives way to its content, an unknown
 * mark is dropped. Attributes are left to each extension's own rendering, which knows them.
 */
function conform(node: JSONContent, dropMarks: readonly string[] = []): JSONContent[] {
  const content = node.content?.flatMap((child) => conform(child, dropMarks));
  if (node.type === "text") {
    if (typeof node.text !== "string" || node.text === "") return [];
    const marks = node.marks?.filter((mark) => mark.type in schema.marks && !dropMarks.includes(mark.type));
    return [{ ...node, ...(marks ? { marks } : {}) }];
  }
  if (!node.type || !(node.type in schema.nodes)) return content ?? [];
  // A picture from anywhere but Lots' own store is not kept (see document-image.ts).
  if (node.type === "image" && documentFileIdOf(node.attrs?.src) === null) return [];
  return [{ ...node, ...(content ? { content } : {}) }];
}

/** Content from outside (an imported file) held to the schema, as stored content is. */
export function conformContent(doc: JSONContent): JSONContent {
  return { type: "doc", content: (doc.content ?? []).flatMap((n) => conform(n)) };
}

/** Renders a Yjs document state as ProseMirror JSON and HTML, without a browser. */
export function renderContent(update: Uint8Array | null): RenderedContent {
  const doc = new Y.Doc();
  if (update) Y.applyUpdate(doc, update);
  return renderDoc(doc);
}

/** Renders (and then frees) a Y.Doc. */
function renderDoc(doc: Y.Doc, dropMarks: readonly string[] = []): RenderedContent {
  const raw = yXmlFragmentToProsemirrorJSON(doc.getXmlFragment(FRAGMENT)) as JSONContent;
  doc.destroy();
  const json: JSONContent = { type: "doc", content: (raw.content ?? []).flatMap((n) => conform(n, dropMarks)) };
  return { json, html: renderJson(json) };
}

function renderJson(json: JSONContent, extensions = documentSchema()): string {
  try {
    return renderToHTMLString({ content: json, extensions });
  } catch {
    // Known nodes in an impossible arrangement: still show the words, never an error page.
    return plainText(json);
  }
}

const escapes: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" };

function plainText(node: JSONContent): string {
  const blocks: string[] = [];
  const walk = (n: JSONContent, into: string[]) => {
    if (n.type === "text" && n.text) into.push(n.text.replace(/[&<>"']/g, (c) => escapes[c]!));
    n.content?.forEach((child) => walk(child, into));
  };
  for (const block of node.content ?? []) {
    const words: string[] = [];
    walk(block, words);
    if (words.length > 0) blocks.push(`<p>${words.join("")}</p>`);
  }
  return blocks.join("");
}

/** The stored document as people first see it, before the live connection opens. */
export function renderStoredDocument(db: Db, documentId: string): RenderedContent {
  // Straight from the loaded doc: merging the log into one update first would build it twice.
  return renderDoc(loadYDoc(db, documentId));
}

/** Gives a new document its first content (a template, or the demo's text) as a stored state. */
export function writeInitialContent(db: Db, documentId: string, content: JSONContent[]): void {
  const ydoc = prosemirrorJSONToYDoc(schema, { type: "doc", content }, FRAGMENT);
  compact(db, documentId, ydoc);
  ydoc.destroy();
}

/** A frozen state of a document: what a reviewer reads and an approver signs. */
export type FrozenContent = {
  state: Uint8Array;
  /** ProseMirror content for a written document; the graph for a process map. */
  json: JSONContent | ProcessGraph;
  /** The JSON as stored, byte for byte: the hash covers this text. */
  jsonText: string;
  /** Sanitised; comment anchors are left out: a release carries the text, not the workshop. */
  html: string;
  /** The words alone, for full-text search. */
  text: string;
  hash: string;
};

const sha256Hex = (data: string | Uint8Array) => crypto.createHash("sha256").update(data).digest("hex");

/**
 * SHA-256 over the stored JSON text, the HTML and the hash of the Yjs state: a change to any
 * of the three stored forms of a release shows up when its hash is recomputed. Hashing the
 * stored text itself (not a re-serialisation) makes the check exact and cheap.
 */
export function contentHash(jsonText: string, html: string, state: Uint8Array): string {
  return sha256Hex(JSON.stringify([jsonText, html, sha256Hex(state)]));
}

/** The words of a document, a line per block. */
export function plainTextOf(node: JSONContent): string {
  if (node.type === "text") return node.text ?? "";
  if (node.type === "hardBreak") return "\n";
  // A chip's name is words of the document: search finds a policy by the KPI it names.
  if (node.type === "itemChip") return chipText(node.attrs as ChipAttrs);
  const inline = node.content?.some(
    (child) => child.type === "text" || child.type === "hardBreak" || child.type === "itemChip",
  );
  return (node.content ?? []).map(plainTextOf).join(inline ? "" : "\n");
}

/** Freezes the living draft as it is stored right now (every accepted update is stored first). */
export function freezeDocument(db: Db, documentId: string): FrozenContent {
  const doc = loadYDoc(db, documentId);
  const state = Y.encodeStateAsUpdate(doc);
  const document = db
    .select({ type: documents.type, title: documents.title })
    .from(documents)
    .where(eq(documents.id, documentId))
    .get();
  if (document?.type === "process_map") {
    // A map's SVG is drawn by our own renderer from a checked graph, every text escaped.
    const { json, html, text } = freezeMap(db, documentId, doc, document.title);
    doc.destroy();
    const jsonText = JSON.stringify(json);
    return { state, json, jsonText, html, text, hash: contentHash(jsonText, html, state) };
  }
  const { json, html: raw } = renderDoc(doc, ["comment"]);
  const html = sanitiseHtml(raw);
  const jsonText = JSON.stringify(json);
  return { state, json, jsonText, html, text: plainTextOf(json), hash: contentHash(jsonText, html, state) };
}

/** The searchable words of stored content, written or drawn. */
export function contentText(json: JSONContent | ProcessGraph): string {
  return isGraph(json) ? graphText(json) : plainTextOf(json);
}

const diffMark = (name: string, tag: string) =>
  Mark.create({ name, renderHTML: () => [tag, 0], parseHTML: () => [{ tag }] });
const diffExtensions = () => [...documentSchema(), diffMark(INSERTION, "ins"), diffMark(DELETION, "del")];

/** Renders a diff document (see content-diff.ts): insertions as <ins>, deletions as <del>. */
export function renderDiffHtml(diff: JSONContent): string {
  return sanitiseHtml(renderJson(diff, diffExtensions()));
}
