import type { JSONContent } from "@tiptap/core";
import { describe, expect, it } from "vitest";
import { diffContent } from "#app/models/content-diff.ts";
import { renderDiffHtml } from "#app/models/document-content.server.ts";

const text = (value: string, marks: string[] = []): JSONContent => ({
  type: "text",
  text: value,
  ...(marks.length ? { marks: marks.map((type) => ({ type })) } : {}),
});
const p = (...content: JSONContent[]): JSONContent => ({ type: "paragraph", content });
const doc = (...content: JSONContent[]): JSONContent => ({ type: "doc", content });
const html = (before: JSONContent, after: JSONContent) => renderDiffHtml(diffContent(before, after).doc);

describe("diffs between releases", () => {
  it("says nothing changed when nothing did", () => {
    const same = doc(p(text("Samma text.")));
    expect(diffContent(same, same).changed).toBe(false);
    expect(html(same, same)).toBe("<p>Samma text.</p>");
  });

  it("marks changed words and keeps the formatting around them", () => {
    const before = doc(p(text("Rapportera "), text("alltid", ["bold"]), text(" samma dag.")));
    const after = doc(p(text("Rapportera "), text("alltid", ["bold"]), text(" inom en timme.")));
    expect(html(before, after)).toBe(
      "<p>Rapportera <strong>alltid</strong> <del>samma dag.</del><ins>inom en timme.</ins></p>",
    );
  });

  it("marks a word whose formatting changed as removed and added", () => {
    expect(html(doc(p(text("viktigt"))), doc(p(text("viktigt", ["bold"]))))).toBe(
      "<p><del>viktigt</del><ins><strong>viktigt</strong></ins></p>",
    );
  });

  it("shows a new paragraph and a removed one whole, and leaves unchanged ones alone", () => {
    const before = doc(p(text("Ett.")), p(text("Två.")), p(text("Tre.")));
    const after = doc(p(text("Ett.")), p(text("Tre.")), {
      type: "heading",
      attrs: { level: 2 },
      content: [text("Fyra")],
    });
    expect(html(before, after)).toBe("<p>Ett.</p><p><del>Två.</del></p><p>Tre.</p><h2><ins>Fyra</ins></h2>");
  });

  it("compares list items and table cells inside their structure", () => {
    const list = (...items: string[]): JSONContent => ({
      type: "bulletList",
      content: items.map((item) => ({ type: "listItem", content: [p(text(item))] })),
    });
    expect(html(doc(list("Väg", "Mät")), doc(list("Väg", "Mät två gånger")))).toBe(
      "<ul><li><p>Väg</p></li><li><p>Mät<ins> två gånger</ins></p></li></ul>",
    );
  });
});
