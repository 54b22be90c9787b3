import { describe, expect, it } from "vitest";
import * as Y from "yjs";
import { renderContent } from "#app/models/document-content.server.ts";
import { sanitiseHtml } from "#app/models/sanitise.server.ts";

/** A document as a hostile client could shape it: Yjs accepts any element names and attributes. */
function hostile(build: (fragment: Y.XmlFragment) => void): Uint8Array {
  const doc = new Y.Doc();
  build(doc.getXmlFragment("default"));
  return Y.encodeStateAsUpdate(doc);
}

describe("rendering stored content for the first paint", () => {
  it("keeps text as text: markup typed into a paragraph is escaped", () => {
    const html = renderContent(
      hostile((f) => {
        const p = new Y.XmlElement("paragraph");
        p.insert(0, [new Y.XmlText('<img src=x onerror="alert(1)"><script>alert(2)</script>')]);
        f.insert(0, [p]);
      }),
    ).html;
    expect(html).toContain("&lt;script&gt;");
    expect(html).not.toMatch(/<script|<img/i);
  });

  it("emits no element or attribute the schema does not define", () => {
    const { html } = renderContent(
      hostile((f) => {
        const script = new Y.XmlElement("script");
        script.insert(0, [new Y.XmlText("alert(1)")]);
        const p = new Y.XmlElement("paragraph");
        p.setAttribute("onclick", "alert(3)");
        p.setAttribute("style", "background:url(javascript:alert(4))");
        p.insert(0, [new Y.XmlText("hej")]);
        const heading = new Y.XmlElement("heading");
        heading.setAttribute("level", '1 onmouseover="alert(5)"' as unknown as string);
        heading.insert(0, [new Y.XmlText("rubrik")]);
        f.insert(0, [script, p, heading]);
      }),
    );
    expect(html).not.toMatch(/<script|onclick|onmouseover|javascript:/i);
    expect(html).toContain("hej");
  });

  it("drops javascript: links but keeps the linked words", () => {
    const { html } = renderContent(
      hostile((f) => {
        const p = new Y.XmlElement("paragraph");
        const text = new Y.XmlText();
        text.insert(0, "klicka", { link: { href: "javascript:alert(6)" } });
        p.insert(0, [text]);
        f.insert(0, [p]);
      }),
    );
    expect(html).not.toContain("javascript:");
    expect(html).toContain("klicka");
  });

  it("shows the words, escaped, when known nodes come in an impossible arrangement", () => {
    const { html } = renderContent(
      hostile((f) => {
        const row = new Y.XmlElement("tableRow");
        const cell = new Y.XmlElement("tableCell");
        cell.insert(0, [new Y.XmlText("<b>fri</b> cell")]);
        row.insert(0, [cell]);
        f.insert(0, [row]);
      }),
    );
    expect(html).toContain("fri");
    expect(html).not.toContain("<b>");
  });

  it("renders a # chip as a link to its item that survives release sanitising, whatever its attributes hold", () => {
    const chip = (attrs: Record<string, string>) => {
      const node = new Y.XmlElement("itemChip");
      for (const [key, value] of Object.entries(attrs)) node.setAttribute(key, value);
      return node;
    };
    const { html } = renderContent(
      hostile((f) => {
        const p = new Y.XmlElement("paragraph");
        p.insert(0, [
          new Y.XmlText("Se "),
          chip({ kind: "kpi", id: "k1", label: "Leveransprecision" }),
          chip({ kind: "javascript", id: "x", label: '"><script>alert(1)</script>' }),
          chip({ kind: "risk", id: "../admin?x=1", label: "R2" }),
        ]);
        f.insert(0, [p]);
      }),
    );
    const released = sanitiseHtml(html);
    expect(released).toContain('href="/mal/nyckeltal/k1"');
    expect(released).toContain('class="item-chip"');
    expect(released).toContain(">#Leveransprecision</a>");
    expect(released).toContain('href="/risker/..%2Fadmin%3Fx%3D1"');
    expect(html).not.toMatch(/<script|javascript/i);
  });

  it("renders an empty or never-written document as nothing, not an error", () => {
    expect(renderContent(null).html).toBe("");
  });
});
