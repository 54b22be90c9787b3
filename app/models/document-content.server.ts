import { getSchema, type JSONContent } from "@tiptap/core";
import { renderToHTMLString } from "@tiptap/static-renderer/pm/html-string";
import { prosemirrorJSONToYDoc, yXmlFragmentToProsemirrorJSON } from "@tiptap/y-tiptap";
import * as Y from "yjs";
import type { Db } from "#db/client.ts";
import { documentSchema, FRAGMENT } from "#app/components/editor/schema.ts";
import { compact, readStoredUpdate } from "./collab-store.server.ts";

export type RenderedContent = { json: Record<string, unknown>; html: string };

/** Renders a Yjs document state as ProseMirror JSON and HTML, without a browser. */
export function renderContent(update: Uint8Array | null): RenderedContent {
  const doc = new Y.Doc();
  if (update) Y.applyUpdate(doc, update);
  const json = yXmlFragmentToProsemirrorJSON(doc.getXmlFragment(FRAGMENT));
  doc.destroy();
  const html = renderToHTMLString({ content: json, extensions: documentSchema() });
  return { json, html };
}

/** The stored document as people first see it, before the live connection opens. */
export function renderStoredDocument(db: Db, documentId: string): RenderedContent {
  return renderContent(readStoredUpdate(db, documentId));
}

/** Gives a new document its first content (a template, or the demo's text) as a stored state. */
export function writeInitialContent(db: Db, documentId: string, content: JSONContent[]): void {
  const ydoc = prosemirrorJSONToYDoc(getSchema(documentSchema()), { type: "doc", content }, FRAGMENT);
  compact(db, documentId, ydoc);
  ydoc.destroy();
}
