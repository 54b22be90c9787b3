import * as Y from "yjs";
import { COMMENTS } from "#app/content/comment-threads.ts";

/**
 * Whether an update from a commenter changes nothing but comments: the threads, and the marks
 * that anchor them in the text. It is tried on a copy of the document and everything else is
 * compared before and after. A copy costs a few milliseconds for a long policy, and only
 * commenters' updates pay it, which arrive at the pace people write comments, not keystrokes.
 */
export function onlyComments(doc: Y.Doc, update: Uint8Array): boolean {
  const copy = new Y.Doc({ gc: false });
  Y.applyUpdate(copy, Y.encodeStateAsUpdate(doc));
  const before = withoutComments(copy);
  try {
    Y.applyUpdate(copy, update);
  } catch {
    return false;
  }
  const pending = copy.store.pendingStructs !== null || copy.store.pendingDs !== null;
  const same = !pending && withoutComments(copy) === before;
  copy.destroy();
  return same;
}

const isCommentMark = (key: string) => key === "comment" || key.startsWith("comment--");

/** Every shared type of the document but the comment threads, with comment marks left out. */
function withoutComments(doc: Y.Doc): string {
  const out: Record<string, unknown> = {};
  for (const name of [...doc.share.keys()].sort()) {
    if (name !== COMMENTS) out[name] = shape(doc.share.get(name)!);
  }
  return JSON.stringify(out);
}

/**
 * A shared type as what it holds, whatever kind it was created as: its list (text runs,
 * formatting other than comment marks, embedded values and types) and its map (attributes, keys).
 */
type Shared = NonNullable<ReturnType<Y.Doc["share"]["get"]>>;

function shape(type: Shared): unknown {
  const list: unknown[] = [];
  for (let item = type._start; item !== null; item = item.right) {
    if (item.deleted) continue;
    const c = item.content;
    if (c instanceof Y.ContentFormat) {
      if (!isCommentMark(c.key)) list.push({ format: c.key, value: c.value });
    } else if (c instanceof Y.ContentString) {
      if (typeof list.at(-1) === "string") list[list.length - 1] += c.str;
      else list.push(c.str);
    } else {
      for (const value of c.getContent()) list.push(value instanceof Y.AbstractType ? shape(value as Shared) : value);
    }
  }
  const map: Record<string, unknown> = {};
  for (const [key, item] of type._map) {
    if (item.deleted) continue;
    const value = item.content.getContent().at(-1);
    map[key] = value instanceof Y.AbstractType ? shape(value as Shared) : value;
  }
  const name = type instanceof Y.XmlElement ? type.nodeName : undefined;
  return { name, list, map };
}
