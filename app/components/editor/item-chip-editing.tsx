import { NodeViewWrapper, ReactNodeViewRenderer, ReactRenderer, type NodeViewProps } from "@tiptap/react";
import type { SuggestionKeyDownProps, SuggestionProps } from "@tiptap/suggestion";
import { useTranslation } from "react-i18next";
import { chipKinds } from "#app/domain/item-refs.ts";
import { ItemStatus } from "../item-status.tsx";
import { useItemStatus } from "../item-status-store.ts";
import { chipHref, chipText, ItemChip, type ChipAttrs } from "#app/content/item-chip.ts";

type Found = { kind: string; id: string; title: string; status: string; attention: boolean };

/** The chip as the live editor shows it: the item's name, linked, with its status now. */
function ChipView({ node }: NodeViewProps) {
  const { t } = useTranslation();
  const attrs = node.attrs as ChipAttrs;
  const known = useItemStatus(attrs.kind, attrs.id);
  return (
    <NodeViewWrapper as="span" className="item-chip" data-item-kind={attrs.kind ?? undefined}>
      <a href={chipHref(attrs)} target="_blank" rel="noreferrer" contentEditable={false}>
        {chipText(attrs)}
      </a>
      {known === "unavailable" ? (
        <span className="badge badge-neutral">{t("chips.unavailable")}</span>
      ) : known ? (
        <ItemStatus status={known.status} attention={known.attention} />
      ) : null}
    </NodeViewWrapper>
  );
}

type ListProps = { items: Found[]; selected: number; loading: boolean; pick: (item: Found) => void };

function ChipSuggestions({ items, selected, loading, pick }: ListProps) {
  const { t } = useTranslation();
  return (
    <div className="chip-suggestions">
      <p className="visually-hidden" role="status">
        {loading ? t("chips.searching") : t("chips.found", { count: items.length })}
      </p>
      {items.length === 0 ? (
        <p className="muted">{loading ? t("chips.searching") : t("chips.none")}</p>
      ) : (
        <ul role="listbox" aria-label={t("chips.label")}>
          {items.map((item, index) => (
            <li
              key={`${item.kind}:${item.id}`}
              role="option"
              aria-selected={index === selected}
              className={index === selected ? "selected" : undefined}
              // Keep the editor's focus and selection: a mousedown would move them.
              onMouseDown={(event) => {
                event.preventDefault();
                pick(item);
              }}
            >
              <span className="muted">{t(`links.kinds.${item.kind}` as "links.title")}</span> {item.title}{" "}
              <ItemStatus status={item.status} attention={item.attention} />
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

/** Links the document to the item the chip names, so the item's own page shows the document. */
function linkDocument(documentId: string, item: Found) {
  const body = new FormData();
  body.set("from", `document:${documentId}`);
  body.set("intent", "link");
  body.set("target", `${item.kind}:${item.id}`);
  // A refused link (a reader, a vanished item) leaves the chip as a plain reference.
  void fetch("/lankar", { method: "POST", body }).catch(() => undefined);
}

/**
 * The `#` chip for the live editor: typing `#` searches risks, KPIs and actions; picking one
 * inserts the chip and links the document to it. The schema is the shared one (item-chip.ts).
 */
export function editingItemChip(documentId: string) {
  return ItemChip.extend({
    addNodeView() {
      return ReactNodeViewRenderer(ChipView, { as: "span" });
    },
  }).configure({
    suggestion: {
      char: "#",
      debounce: 150,
      items: async ({ query, signal }) => {
        const params = new URLSearchParams({ q: query });
        for (const kind of chipKinds) params.append("typ", kind);
        const response = await fetch(`/lankar?${params}`, { signal });
        return response.ok ? ((await response.json()) as { items: Found[] }).items : [];
      },
      render: () => {
        let renderer: ReactRenderer<unknown, ListProps> | null = null;
        let unmount: (() => void) | undefined;
        let current: SuggestionProps<Found, ChipAttrs> | null = null;
        let selected = 0;
        const pick = (item: Found) => {
          if (!current) return;
          linkDocument(documentId, item);
          current.command({ id: item.id, label: item.title, kind: item.kind });
        };
        const props = (): ListProps => ({
          items: current?.items ?? [],
          selected,
          loading: current?.loading ?? false,
          pick,
        });
        return {
          onStart: (start) => {
            current = start;
            selected = 0;
            renderer = new ReactRenderer(ChipSuggestions, { props: props(), editor: start.editor });
            renderer.element.classList.add("chip-popup");
            unmount = start.mount(renderer.element);
          },
          onUpdate: (update) => {
            current = update;
            selected = Math.min(selected, Math.max(0, update.items.length - 1));
            renderer?.updateProps(props());
          },
          onKeyDown: ({ event }: SuggestionKeyDownProps) => {
            const count = current?.items.length ?? 0;
            if (event.key === "ArrowDown" || event.key === "ArrowUp") {
              if (count === 0) return false;
              selected = (selected + (event.key === "ArrowDown" ? 1 : count - 1)) % count;
              renderer?.updateProps(props());
              return true;
            }
            if ((event.key === "Enter" || event.key === "Tab") && count > 0) {
              pick(current!.items[selected]!);
              return true;
            }
            return false;
          },
          onExit: () => {
            unmount?.();
            renderer?.destroy();
            renderer = null;
            current = null;
          },
        };
      },
    },
  });
}
