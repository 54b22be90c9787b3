import sanitizeHtml from "sanitize-html";
import { documentFileIdOf } from "#app/content/document-image.ts";

/**
 * The HTML of a release is what staff read and what the PDF and diffs are made from. It is
 * rendered from schema-checked content, and then still passed through this allowlist: a
 * release is kept for years and must never carry script, whatever a client once sent.
 */
const options: sanitizeHtml.IOptions = {
  allowedTags: [
    "p",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "ul",
    "ol",
    "li",
    "blockquote",
    "pre",
    "code",
    "hr",
    "br",
    "strong",
    "em",
    "s",
    "u",
    "a",
    "table",
    "colgroup",
    "col",
    "thead",
    "tbody",
    "tr",
    "th",
    "td",
    "label",
    "input",
    "span",
    "div",
    "ins",
    "del",
    "img",
  ],
  allowedAttributes: {
    a: ["href", "target", "rel", "class", "data-type", "data-id", "data-label", "data-item-kind"],
    ol: ["start", "type"],
    ul: ["data-type"],
    li: ["data-type", "data-checked"],
    input: ["type", "checked", "disabled"],
    th: ["colspan", "rowspan", "colwidth"],
    td: ["colspan", "rowspan", "colwidth"],
    code: ["class"],
    table: ["style"],
    col: ["style"],
    ins: ["class"],
    del: ["class"],
    img: ["src", "alt", "title", "width", "height"],
  },
  allowedClasses: {
    code: [/^language-[\w-]+$/],
    ins: ["diff-block"],
    del: ["diff-block"],
    a: ["item-chip"],
  },
  allowedStyles: { "*": { "min-width": [/^\d+px$/], width: [/^\d+px$/] } },
  allowedSchemes: ["http", "https", "mailto"],
  allowedSchemesAppliedToAttributes: ["href"],
  allowProtocolRelative: false,
  // Only checkboxes may be inputs, and they never submit anything.
  transformTags: {
    input: (tagName, attribs) => ({
      tagName,
      attribs: {
        type: "checkbox",
        disabled: "disabled",
        ...(attribs.checked !== undefined ? { checked: "checked" } : {}),
      },
    }),
  },
  // A picture shows only a file from Lots' own store (see document-image.ts), nothing from outside.
  exclusiveFilter: (frame) => frame.tag === "img" && documentFileIdOf(frame.attribs.src) === null,
  disallowedTagsMode: "discard",
};

export function sanitiseHtml(html: string): string {
  return sanitizeHtml(html, options);
}
