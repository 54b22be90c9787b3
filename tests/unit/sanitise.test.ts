import { describe, expect, it } from "vitest";
import { sanitiseHtml } from "#app/models/sanitise.server.ts";

describe("released HTML", () => {
  it("keeps the formatting a document uses", () => {
    const html =
      '<h2>Syfte</h2><p><strong>Fet</strong> <em>kursiv</em> <a href="https://exempel.se" target="_blank" rel="noopener noreferrer nofollow">länk</a></p>' +
      '<ul data-type="taskList"><li data-checked="true" data-type="taskItem"><label><input type="checkbox" checked="checked"></label><div><p>Klar</p></div></li></ul>' +
      '<table style="min-width: 25px"><tbody><tr><th colspan="2" rowspan="1"><p>Rubrik</p></th></tr></tbody></table>';
    expect(sanitiseHtml(html)).toBe(
      '<h2>Syfte</h2><p><strong>Fet</strong> <em>kursiv</em> <a href="https://exempel.se" target="_blank" rel="noopener noreferrer nofollow">länk</a></p>' +
        '<ul data-type="taskList"><li data-checked="true" data-type="taskItem"><label><input type="checkbox" disabled="disabled" checked="checked" /></label><div><p>Klar</p></div></li></ul>' +
        '<table style="min-width:25px"><tbody><tr><th colspan="2" rowspan="1"><p>Rubrik</p></th></tr></tbody></table>',
    );
  });

  it("removes script, event handlers, javascript: links and styles that could hide content", () => {
    const html =
      '<p onclick="alert(1)">Text<script>alert(1)</script><img src=x onerror="alert(1)"></p>' +
      '<a href="javascript:alert(1)">x</a><a href="JaVaScRiPt:alert(1)">y</a><iframe src="https://evil"></iframe>' +
      '<p style="position:fixed">z</p><svg><script>alert(1)</script></svg><input type="text" name="password">';
    const clean = sanitiseHtml(html);
    expect(clean).not.toMatch(/script|onerror|onclick|javascript|iframe|<img|<svg|position|type="text"/i);
    expect(clean).toContain("Text");
  });
});
