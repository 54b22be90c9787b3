import * as decoding from "lib0/decoding";
import * as encoding from "lib0/encoding";
import pino from "pino";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import * as awarenessProtocol from "y-protocols/awareness";
import * as Y from "yjs";
import { reply, startThread, type CommentMessage } from "#app/content/comment-threads.ts";
import { updateAppender } from "#app/models/collab-store.server.ts";
import { colourFor } from "#app/models/presence.ts";
import { CollabHub, MessageType, ProtocolError } from "#server/collab/hub.ts";
import { createTestDb } from "#tests/fixtures/db.ts";
import { FakeTransport, frame, updateFrame } from "#tests/fixtures/hub.ts";

let hub: CollabHub;
beforeEach(() => {
  const db = createTestDb();
  hub = new CollabHub({
    db,
    append: updateAppender(db),
    logger: pino({ level: "silent" }),
    compactEvery: 1000,
    idleUnloadMs: 5,
    awarenessMaxBytes: 64 * 1024,
    awarenessPerSecond: 1000,
  });
});
afterEach(() => hub.shutdown());

function join(userId: string, userName: string, readOnly = false) {
  const transport = new FakeTransport();
  const conn = hub.connect(transport, { docName: "doc", userId, userName, sessionId: userId, readOnly });
  return { conn, transport };
}

/** What a client would send as its presence: any state it likes, under its client id. */
function presenceFrame(clientId: number, state: unknown, clock = 1) {
  const update = frame(
    (e) => encoding.writeVarUint(e, 1),
    (e) => encoding.writeVarUint(e, clientId),
    (e) => encoding.writeVarUint(e, clock),
    (e) => encoding.writeVarString(e, JSON.stringify(state)),
  );
  return frame(
    (e) => encoding.writeVarUint(e, MessageType.awareness),
    (e) => encoding.writeVarUint8Array(e, update),
  );
}

/** The presence states a connection was sent, as a client would read them. */
function presenceSeen(transport: FakeTransport): Map<number, Record<string, unknown>> {
  const awareness = new awarenessProtocol.Awareness(new Y.Doc());
  for (const sent of transport.sent) {
    const d = decoding.createDecoder(sent);
    if (decoding.readVarUint(d) !== MessageType.awareness) continue;
    awarenessProtocol.applyAwarenessUpdate(awareness, decoding.readVarUint8Array(d), "server");
  }
  const states = new Map(awareness.getStates() as Map<number, Record<string, unknown>>);
  states.delete(awareness.clientID);
  return states;
}

describe("presence", () => {
  const claims = [
    { user: { id: "admin", name: "Anna Admin", color: "red;background:url(https://evil.example)" } },
    { user: { id: "admin" } },
    { user: "Anna Admin" },
    { user: { name: "<img src=x onerror=alert(1)>", color: "</style><script>alert(1)</script>" } },
    { cursor: { anchor: 1 } },
    {},
  ];
  it.each(claims)("is stamped with the connection's own person whatever it claims: %j", (claim) => {
    const reader = join("staff-1", "Sara Staff", true);
    const watcher = join("qm-1", "Kim Kvalitet");
    hub.receive(reader.conn, presenceFrame(101, claim));
    const seen = presenceSeen(watcher.transport).get(101);
    expect(seen?.user).toEqual({ id: "staff-1", name: "Sara Staff", color: colourFor("staff-1") });
  });

  it("cannot speak for a client id another connection already uses", () => {
    const anna = join("admin", "Anna Admin");
    const mallory = join("staff-1", "Sara Staff", true);
    const watcher = join("qm-1", "Kim Kvalitet");
    hub.receive(anna.conn, presenceFrame(7, { cursor: null }));
    hub.receive(mallory.conn, presenceFrame(7, { cursor: { anchor: 99 } }, 2));
    hub.receive(mallory.conn, presenceFrame(7, null, 3));
    expect(presenceSeen(watcher.transport).get(7)?.user).toMatchObject({ id: "admin", name: "Anna Admin" });
  });

  it("refuses a state that is not JSON", () => {
    const reader = join("staff-1", "Sara Staff", true);
    const bad = frame(
      (e) => encoding.writeVarUint(e, MessageType.awareness),
      (e) =>
        encoding.writeVarUint8Array(
          e,
          frame(
            (x) => encoding.writeVarUint(x, 1),
            (x) => encoding.writeVarUint(x, 5),
            (x) => encoding.writeVarUint(x, 1),
            (x) => encoding.writeVarString(x, "{not json"),
          ),
        ),
    );
    expect(() => hub.receive(reader.conn, bad)).toThrow(ProtocolError);
  });
});

describe("comment authors", () => {
  const message = (authorId: string, authorName: string, text = "Bra formulerat"): CommentMessage => ({
    id: `m-${Math.random()}`,
    authorId,
    authorName,
    text,
    createdAt: 1,
    mentions: [],
  });

  function updateOf(change: (doc: Y.Doc) => void, base = new Y.Doc()) {
    const before = Y.encodeStateVector(base);
    change(base);
    return { doc: base, update: Y.encodeStateAsUpdate(base, before) };
  }

  const forgeries: [string, CommentMessage][] = [
    ["another person's id and name", message("admin", "Anna Admin")],
    ["own id, another's name", message("qm-1", "Anna Admin")],
    ["another's id, own name", message("admin", "Kim Kvalitet")],
    ["no name", { ...message("qm-1", ""), authorName: "" }],
  ];
  it.each(forgeries)("refuses a new thread written with %s", (_label, forged) => {
    const writer = join("qm-1", "Kim Kvalitet");
    const other = join("po-1", "Per Process");
    const { update } = updateOf((doc) => startThread(doc, "t1", "citat", forged));
    expect(() => hub.receive(writer.conn, updateFrame(update))).toThrow(ProtocolError);
    expect(other.transport.updates()).toHaveLength(0);
    expect(writer.conn.shared.doc.getMap("comments").size).toBe(0);
  });

  it("refuses a forged reply in an existing thread, and accepts the person's own", () => {
    const writer = join("qm-1", "Kim Kvalitet");
    const own = updateOf((doc) => startThread(doc, "t1", "citat", message("qm-1", "Kim Kvalitet")));
    hub.receive(writer.conn, updateFrame(own.update));
    const forged = updateOf((doc) => reply(doc, "t1", message("admin", "Anna Admin")), own.doc);
    expect(() => hub.receive(writer.conn, updateFrame(forged.update))).toThrow(ProtocolError);
    const base = new Y.Doc();
    Y.applyUpdate(base, own.update);
    const honest = updateOf((doc) => reply(doc, "t1", message("qm-1", "Kim Kvalitet", "Håller med")), base);
    hub.receive(writer.conn, updateFrame(honest.update));
    const messages = writer.conn.shared.doc
      .getMap<Y.Map<unknown>>("comments")
      .get("t1")!
      .get("messages") as Y.Array<CommentMessage>;
    expect(messages.toArray().map((m) => m.authorName)).toEqual(["Kim Kvalitet", "Kim Kvalitet"]);
  });
});
