import { getSchema, type JSONContent } from "@tiptap/core";
import { renderToHTMLString } from "@tiptap/static-renderer/pm/html-string";
import { prosemirrorJSONToYDoc, yXmlFragmentToProsemirrorJSON } from "@tiptap/y-tiptap";
import * as Y from "yjs";
import type { Db } from "#db/client.ts";
import { documentSchema, FRAGMENT } from "#app/components/editor/schema.ts";
import { compact, loadYDoc } from "./collab-store.server.ts";

export type RenderedContent = { json: JSONContent; html: string };

const schema = getSchema(documentSchema());

/**
 * Any client with write access shapes the Yjs document, and Yjs accepts any element name.
 * Keep only what the schema defines: an unknown node gives way to its content, an unknown
 * mark is dropped. Attributes are left to each extension's own rendering, which knows them.
 */
function conform(node: JSONContent): JSONContent[] {
  const content = node.content?.flatMap(conform);
  if (node.type === "text") {
    if (typeof node.text !== "string" || node.text === "") return [];
    const marks = node.marks?.filter((mark) => mark.type in schema.marks);
    return [{ ...node, ...(marks ? { marks } : {}) }];
  }
  if (!node.type || !(node.type in schema.nodes)) return content ?? [];
  return [{ ...node, ...(content ? { content } : {}) }];
}

/** Renders a Yjs document state as ProseMirror JSON and HTML, without a browser. */
export function renderContent(update: Uint8Array | null): RenderedContent {
  const doc = new Y.Doc();
  if (update) Y.applyUpdate(doc, update);
  return renderDoc(doc);
}

/** Renders (and then frees) a Y.Doc. */
function renderDoc(doc: Y.Doc): RenderedContent {
  const raw = yXmlFragmentToProsemirrorJSON(doc.getXmlFragment(FRAGMENT)) as JSONContent;
  doc.destroy();
  const json: JSONContent = { type: "doc", content: (raw.content ?? []).flatMap(conform) };
  try {
    return { json, html: renderToHTMLString({ content: json, extensions: documentSchema() }) };
  } catch {
    // Known nodes in an impossible arrangement: still show the words, never an error page.
    return { json, html: plainText(json) };
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
