import type { JSONContent } from "@tiptap/core";
import type { Db } from "#db/client.ts";
import { writeInitialContent } from "./document-content.server.ts";
import type { Fact } from "./management-review-rules.ts";
import type { Evidence } from "./period-evidence.server.ts";

/** A record's words for its headings and evidence, in the language of the person who starts it. */
export type RecordTexts<Section extends string> = { headings: Record<Section, string>; fact: (fact: Fact) => string };

const heading = (text: string): JSONContent => ({
  type: "heading",
  attrs: { level: 2 },
  content: [{ type: "text", text }],
});
const bullets = (lines: string[]): JSONContent => ({
  type: "bulletList",
  content: lines.map((text) => ({
    type: "listItem",
    content: [{ type: "paragraph", content: [{ type: "text", text }] }],
  })),
});

/**
 * Lays out a new record (a management review's, an annual report): a heading per section and,
 * under it, the evidence the system holds as a list, or an empty paragraph for people to write in.
 */
export function writeEvidenceRecord<Section extends string>(
  db: Db,
  documentId: string,
  sections: readonly Section[],
  evidence: Record<Section, Evidence>,
  texts: RecordTexts<Section>,
): void {
  writeInitialContent(
    db,
    documentId,
    sections.flatMap((key) => {
      const lines = evidence[key].facts.map(texts.fact);
      return [heading(texts.headings[key]), lines.length > 0 ? bullets(lines) : { type: "paragraph" }];
    }),
  );
}
