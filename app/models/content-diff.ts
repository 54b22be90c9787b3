import type { JSONContent } from "@tiptap/core";
import { diffArrays } from "diff";

/**
 * A readable inline diff of two documents' ProseMirror JSON, as one document: words that
 * came in carry an `insertion` mark, words that went out a `deletion` mark, and everything
 * keeps its own formatting and structure (headings, lists, tables). Blocks are aligned first
 * and only changed blocks are compared word by word, so a moved paragraph does not smear
 * the whole page.
 */

export const INSERTION = "insertion";
export const DELETION = "deletion";

type Node = JSONContent;

/** Nodes whose children are inline: their words are compared. */
const textblocks = new Set(["paragraph", "heading", "codeBlock"]);

const key = (node: Node) => JSON.stringify(node);

function withMark(node: Node, mark: string): Node {
  if (node.type === "text") return { ...node, marks: [...(node.marks ?? []), { type: mark }] };
  return node.content ? { ...node, content: node.content.map((child) => withMark(child, mark)) } : node;
}

function diffNode(before: Node, after: Node): Node {
  if (textblocks.has(after.type ?? ""))
    return { ...after, content: diffInline(before.content ?? [], after.content ?? []) };
  if (after.content || before.content) {
    return { ...after, content: diffBlocks(before.content ?? [], after.content ?? []) };
  }
  return after;
}

function diffBlocks(before: Node[], after: Node[]): Node[] {
  const out: Node[] = [];
  let removed: Node[] = [];
  const flush = (added: Node[]) => {
    // A removed block followed by an added one of the same kind is one block that changed.
    const paired = Math.min(removed.length, added.length);
    for (let i = 0; i < paired; i++) {
      if (removed[i]!.type === added[i]!.type) out.push(diffNode(removed[i]!, added[i]!));
      else out.push(withMark(removed[i]!, DELETION), withMark(added[i]!, INSERTION));
    }
    for (const node of removed.slice(paired)) out.push(withMark(node, DELETION));
    for (const node of added.slice(paired)) out.push(withMark(node, INSERTION));
    removed = [];
  };
  for (const change of diffArrays(before.map(key), after.map(key))) {
    if (change.removed) {
      removed = change.value.map((k) => JSON.parse(k) as Node);
    } else if (change.added) {
      flush(change.value.map((k) => JSON.parse(k) as Node));
    } else {
      flush([]);
      out.push(...change.value.map((k) => JSON.parse(k) as Node));
    }
  }
  flush([]);
  return out;
}

type Token = { key: string; node: Node };

/** Words and the spaces between them, each with its marks; non-text inline nodes stay whole. */
function tokens(inline: Node[]): Token[] {
  return inline.flatMap((node) => {
    if (node.type !== "text" || !node.text) return [{ key: key(node), node }];
    const marks = JSON.stringify(node.marks ?? []);
    return (node.text.match(/\s+|[^\s]+/g) ?? []).map((word) => ({
      key: `${word}\u0000${marks}`,
      node: { ...node, text: word },
    }));
  });
}

type Segment = { kind: "same" | "removed" | "added"; tokens: Token[] };

/**
 * Word changes, grouped as a reader expects: "samma dag" -> "en timme" reads as one deletion
 * and one insertion, not as four pieces around a shared space.
 */
function diffInline(before: Node[], after: Node[]): Node[] {
  const segments: Segment[] = diffArrays(tokens(before), tokens(after), { comparator: (a, b) => a.key === b.key }).map(
    (change) => ({ kind: change.added ? "added" : change.removed ? "removed" : "same", tokens: change.value }),
  );
  const grouped: Segment[] = [];
  let removed: Token[] = [];
  let added: Token[] = [];
  const flush = () => {
    if (removed.length) grouped.push({ kind: "removed", tokens: removed });
    if (added.length) grouped.push({ kind: "added", tokens: added });
    removed = [];
    added = [];
  };
  segments.forEach((segment, i) => {
    const betweenChanges =
      segment.kind === "same" &&
      segment.tokens.every((t) => t.node.type === "text" && !t.node.text!.trim()) &&
      (removed.length > 0 || added.length > 0) &&
      segments[i + 1] !== undefined &&
      segments[i + 1]!.kind !== "same";
    if (segment.kind === "removed" || betweenChanges) removed.push(...segment.tokens);
    if (segment.kind === "added" || betweenChanges) added.push(...segment.tokens);
    if (segment.kind === "same" && !betweenChanges) {
      flush();
      grouped.push(segment);
    }
  });
  flush();

  const out: Node[] = [];
  const push = (node: Node) => {
    const last = out.at(-1);
    if (last?.type === "text" && node.type === "text" && key({ ...last, text: "" }) === key({ ...node, text: "" })) {
      out[out.length - 1] = { ...last, text: last.text! + node.text! };
    } else out.push(node);
  };
  for (const segment of grouped) {
    const mark = segment.kind === "added" ? INSERTION : segment.kind === "removed" ? DELETION : null;
    for (const token of segment.tokens) push(mark ? withMark(token.node, mark) : token.node);
  }
  return out;
}

export type ContentDiff = { doc: Node; changed: boolean };

export function diffContent(before: Node, after: Node): ContentDiff {
  const doc: Node = { type: "doc", content: diffBlocks(before.content ?? [], after.content ?? []) };
  return { doc, changed: key(before) !== key(after) };
}
