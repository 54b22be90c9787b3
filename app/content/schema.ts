import type { Extensions } from "@tiptap/core";
import { TableKit } from "@tiptap/extension-table";
import { TaskItem, TaskList } from "@tiptap/extension-list";
import StarterKit from "@tiptap/starter-kit";
import { CommentMark } from "./comment-mark.ts";
import { DocumentImage } from "./document-image.ts";
import { ItemChip } from "./item-chip.ts";

/** The Yjs fragment a Tiptap document lives in (docs/ARCHITECTURE.md, contracts). */
export const FRAGMENT = "default";

/**
 * The content model of policies, routines, instructions, plans and audit reports. The editor in
 * the browser and the server's read-only rendering use this one list, so they agree on every node;
 * the browser passes a `chip` that also searches and shows live status, with the same schema.
 */
export function documentSchema({ chip = ItemChip }: { chip?: typeof ItemChip } = {}): Extensions {
  return [
    StarterKit.configure({
      // Yjs keeps per-person history; ProseMirror's own would undo other people's typing.
      undoRedo: false,
      link: { openOnClick: false, autolink: true, defaultProtocol: "https", protocols: ["http", "https", "mailto"] },
    }),
    TableKit.configure({ table: { resizable: false } }),
    TaskList,
    TaskItem.configure({ nested: true }),
    DocumentImage,
    CommentMark,
    chip,
  ];
}
