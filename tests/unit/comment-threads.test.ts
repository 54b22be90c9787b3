import { describe, expect, it } from "vitest";
import * as Y from "yjs";
import {
  addedMessages,
  COMMENTS,
  mentionsIn,
  readThreads,
  reply,
  setResolved,
  startThread,
  type CommentMessage,
} from "#app/content/comment-threads.ts";

const people = [
  { id: "per", name: "Per" },
  { id: "perp", name: "Per Persson" },
  { id: "rut", name: "Rut Revisor" },
];
const msg = (id: string, text: string, mentions: string[] = []): CommentMessage => ({
  id,
  authorId: "rut",
  authorName: "Rut Revisor",
  text,
  createdAt: 1,
  mentions,
});

describe("comment threads", () => {
  it("find mentioned colleagues by full name, the longest name winning", () => {
    expect(mentionsIn("Kan @Per Persson ta detta?", people)).toEqual(["perp"]);
    expect(mentionsIn("@Per och @Rut Revisor", people).sort()).toEqual(["per", "rut"]);
    expect(mentionsIn("ingen nämns", people)).toEqual([]);
  });

  it("live in the document: threads, replies and resolution sync through plain Yjs updates", () => {
    const a = new Y.Doc();
    const b = new Y.Doc();
    a.on("update", (u: Uint8Array) => Y.applyUpdate(b, u));
    startThread(a, "t1", "kalibreringen", msg("m1", "Vem äger detta?"));
    reply(a, "t1", msg("m2", "Jag tar den."));
    setResolved(a, "t1", true);
    const [thread] = readThreads(b);
    expect(thread).toMatchObject({ id: "t1", quote: "kalibreringen", resolved: true });
    expect(thread!.messages.map((m) => m.text)).toEqual(["Vem äger detta?", "Jag tar den."]);
  });

  it("tell the server which messages one transaction added, for mention notices", () => {
    const doc = new Y.Doc();
    const seen: { threadId: string; message: CommentMessage }[][] = [];
    doc.getMap(COMMENTS).observeDeep((events) => seen.push(addedMessages(events)));
    startThread(doc, "t1", "q", msg("m1", "@Per Persson titta", ["perp"]));
    reply(doc, "t1", msg("m2", "svar"));
    setResolved(doc, "t1", true);
    expect(seen.map((batch) => batch.map((x) => `${x.threadId}/${x.message.id}`))).toEqual([["t1/m1"], ["t1/m2"], []]);
  });
});
