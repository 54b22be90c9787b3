import { mergeAttributes } from "@tiptap/core";
import Mention from "@tiptap/extension-mention";
import { chipKinds, itemHref, type ChipKind } from "#app/domain/item-refs.ts";

export type ChipAttrs = { id: string | null; label: string | null; kind: string | null };

const chipKind = (value: unknown): ChipKind | null => chipKinds.find((k) => k === value) ?? null;

export const chipText = (attrs: ChipAttrs) => `#${attrs.label ?? attrs.id ?? ""}`;

/** Where a chip leads; a chip whose kind is unknown (hostile content) leads nowhere harmful. */
export const chipHref = (attrs: ChipAttrs) => {
  const kind = chipKind(attrs.kind);
  return kind && attrs.id ? itemHref(kind, attrs.id) : "/start";
};

/**
 * A `#` chip: a risk, KPI or action named inside a policy or routine. In the document it is an
 * atom that stores the item's kind, id and the name it had when inserted; a release keeps it
 * as a plain link to the item, and the live editor shows the item's status next to it.
 */
export const ItemChip = Mention.extend({
  name: "itemChip",
  addAttributes() {
    return {
      ...this.parent?.(),
      kind: {
        default: null,
        parseHTML: (element) => chipKind(element.getAttribute("data-item-kind")),
        renderHTML: (attributes) => {
          const kind = chipKind(attributes.kind);
          return kind ? { "data-item-kind": kind } : {};
        },
      },
    };
  },
  parseHTML() {
    return [{ tag: "a[data-item-kind][data-id]" }];
  },
}).configure({
  renderText: ({ node }) => chipText(node.attrs as ChipAttrs),
  renderHTML: ({ options, node }) => [
    "a",
    mergeAttributes(options.HTMLAttributes, { class: "item-chip", href: chipHref(node.attrs as ChipAttrs) }),
    chipText(node.attrs as ChipAttrs),
  ],
  suggestion: { char: "#" },
});
