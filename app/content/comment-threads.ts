import * as Y from "yjs";

/**
 * Comment threads live in the document's own Yjs map, next to the text they anchor to, so they
 * sync live to everyone in the document and survive concurrent edits and reconnects.
 */
export const COMMENTS = "comments";

export type CommentMessage = {
  id: string;
  authorId: string;
  authorName: string;
  text: string;
  createdAt: number;
  mentions: string[];
};

export type Thread = {
  id: string;
  quote: string;
  resolved: boolean;
  createdAt: number;
  messages: CommentMessage[];
};

export const MAX_COMMENT_LENGTH = 4000;

export function newCommentId(): string {
  return Array.from(crypto.getRandomValues(new Uint8Array(9)), (b) => b.toString(36).padStart(2, "0")).join("");
}

function threads(doc: Y.Doc): Y.Map<Y.Map<unknown>> {
  return doc.getMap(COMMENTS);
}

export function readThreads(doc: Y.Doc): Thread[] {
  const out: Thread[] = [];
  threads(doc).forEach((thread, id) => {
    const messages = thread.get("messages");
    out.push({
      id,
      quote: String(thread.get("quote") ?? ""),
      resolved: thread.get("resolved") === true,
      createdAt: Number(thread.get("createdAt") ?? 0),
      messages: messages instanceof Y.Array ? (messages.toArray() as CommentMessage[]) : [],
    });
  });
  return out.sort((a, b) => a.createdAt - b.createdAt);
}

export function startThread(doc: Y.Doc, threadId: string, quote: string, first: CommentMessage): void {
  doc.transact(() => {
    const thread = new Y.Map<unknown>();
    thread.set("quote", quote.slice(0, 300));
    thread.set("resolved", false);
    thread.set("createdAt", first.createdAt);
    const messages = new Y.Array<CommentMessage>();
    messages.push([first]);
    thread.set("messages", messages);
    threads(doc).set(threadId, thread);
  });
}

export function reply(doc: Y.Doc, threadId: string, message: CommentMessage): void {
  const messages = threads(doc).get(threadId)?.get("messages");
  if (messages instanceof Y.Array) messages.push([message]);
}

export function setResolved(doc: Y.Doc, threadId: string, resolved: boolean): void {
  threads(doc).get(threadId)?.set("resolved", resolved);
}

/**
 * The people a text mentions as "@Full Name". Longer names are matched first and taken out of
 * the text, so "@Per Persson" does not also mention "Per"; a name must end where a word ends.
 */
export function mentionsIn(text: string, people: { id: string; name: string }[]): string[] {
  const found = new Set<string>();
  let rest = text;
  for (const person of [...people].sort((a, b) => b.name.length - a.name.length)) {
    const pattern = new RegExp(`@${person.name.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}(?![\\p{L}\\p{N}])`, "gu");
    if (pattern.test(rest)) {
      found.add(person.id);
      rest = rest.replace(pattern, " ");
    }
  }
  return [...found];
}

/** Messages added by one Yjs transaction, found from the events of an observeDeep on the map. */
export function addedMessages(
  events: Y.YEvent<Y.AbstractType<unknown>>[],
): { threadId: string; message: CommentMessage }[] {
  const out: { threadId: string; message: CommentMessage }[] = [];
  for (const event of events) {
    if (event.target instanceof Y.Map && event.path.length === 0) {
      // A new thread: its first message arrived with it.
      for (const [key, change] of event.changes.keys) {
        if (change.action !== "add") continue;
        const messages = (event.target as Y.Map<Y.Map<unknown>>).get(key)?.get("messages");
        if (messages instanceof Y.Array)
          for (const m of messages.toArray()) out.push({ threadId: key, message: m as CommentMessage });
      }
    } else if (event.target instanceof Y.Array && event.path.length === 2) {
      const threadId = String(event.path[0]);
      for (const item of event.changes.added) {
        for (const m of item.content.getContent()) out.push({ threadId, message: m as CommentMessage });
      }
    }
  }
  return out;
}
