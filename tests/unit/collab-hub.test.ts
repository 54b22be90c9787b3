import * as decoding from "lib0/decoding";
import * as encoding from "lib0/encoding";
import pino from "pino";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import * as awarenessProtocol from "y-protocols/awareness";
import * as Y from "yjs";
import { compact, loadYDoc, logLength, updateAppender } from "#app/models/collab-store.server.ts";
import type { DbConnection } from "#db/client.ts";
import { CollabHub, MessageType, ProtocolError, type Connection } from "#server/collab/hub.ts";
import { createTestDb, readStoredUpdate } from "#tests/fixtures/db.ts";
import { FakeTransport, frame, updateFrame } from "#tests/fixtures/hub.ts";

function edit(text: string, base?: Y.Doc): { doc: Y.Doc; update: Uint8Array } {
  const doc = base ?? new Y.Doc();
  const before = Y.encodeStateVector(doc);
  doc.getText("t").insert(doc.getText("t").length, text);
  return { doc, update: Y.encodeStateAsUpdate(doc, before) };
}

const textOf = (update: Uint8Array | null) => {
  const doc = new Y.Doc();
  if (update) Y.applyUpdate(doc, update);
  return doc.getText("t").toString();
};

let db: DbConnection;
let hub: CollabHub;

beforeEach(() => {
  db = createTestDb();
  hub = new CollabHub({
    db,
    append: updateAppender(db),
    logger: pino({ level: "silent" }),
    compactEvery: 1000,
    idleUnloadMs: 5,
    awarenessMaxBytes: 1024,
    awarenessPerSecond: 5,
  });
});
afterEach(() => hub.shutdown());

function join(readOnly = false, docName = "doc1"): { conn: Connection; transport: FakeTransport } {
  const transport = new FakeTransport();
  const userId = readOnly ? "reader" : "writer";
  const conn = hub.connect(transport, { docName, userId, userName: userId, sessionId: "s", readOnly });
  return { conn, transport };
}

describe("the collab hub", () => {
  it("greets a new connection with its state vector (sync step 1)", () => {
    const { transport } = join();
    const d = decoding.createDecoder(transport.sent[0]!);
    expect(decoding.readVarUint(d)).toBe(MessageType.sync);
    expect(decoding.readVarUint(d)).toBe(0);
  });

  it("stores an update before any other connection receives it", () => {
    const writer = join();
    const other = join();
    let storedWhenReceived: string | null = null;
    other.transport.onSend = () => {
      storedWhenReceived = textOf(readStoredUpdate(db, "doc1"));
    };
    hub.receive(writer.conn, updateFrame(edit("Kvalitetspolicy").update));
    expect(storedWhenReceived).toBe("Kvalitetspolicy");
    expect(textOf(other.transport.updates().at(-1)!)).toBe("Kvalitetspolicy");
    // The sender is not sent its own update back.
    expect(writer.transport.updates()).toHaveLength(0);
  });

  it("drops, counts and never stores or forwards updates from a read-only connection", () => {
    const reader = join(true);
    const writer = join();
    hub.receive(reader.conn, updateFrame(edit("intrång").update));
    hub.receive(reader.conn, updateFrame(edit("igen").update));
    expect(reader.conn.dropped).toBe(2);
    expect(hub.stats.droppedReadOnly).toBe(2);
    expect(readStoredUpdate(db, "doc1")).toBeNull();
    expect(writer.transport.updates()).toHaveLength(0);
    expect(reader.transport.closed).toBeNull();
  });

  it("lets a read-only connection read: it receives the document and others' edits", () => {
    const writer = join();
    hub.receive(writer.conn, updateFrame(edit("Rutin").update));
    const reader = join(true);
    const sv = Y.encodeStateVector(new Y.Doc());
    hub.receive(
      reader.conn,
      frame(
        (e) => encoding.writeVarUint(e, MessageType.sync),
        (e) => encoding.writeVarUint(e, 0),
        (e) => encoding.writeVarUint8Array(e, sv),
      ),
    );
    expect(textOf(reader.transport.updates()[0]!)).toBe("Rutin");
  });

  it.each([
    ["garbage bytes", new Uint8Array([255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255])],
    ["a truncated varint", new Uint8Array([0x80])],
    ["an unknown message type", new Uint8Array([42, 0])],
    ["an unknown sync message", new Uint8Array([0, 9, 0])],
    ["an update that is not Yjs", updateFrame(new Uint8Array([1, 2, 3, 4, 5, 6, 7, 8, 9]))],
    ["a truncated update", updateFrame(edit("avkortad").update.slice(0, 6))],
    ["an empty frame", new Uint8Array([])],
  ])("refuses %s, stores nothing, and leaves the other connections be", (_name, bad) => {
    const writer = join();
    const other = join();
    expect(() => hub.receive(writer.conn, bad)).toThrow(ProtocolError);
    expect(readStoredUpdate(db, "doc1")).toBeNull();
    hub.receive(other.conn, updateFrame(edit("fortfarande här").update));
    expect(textOf(readStoredUpdate(db, "doc1"))).toBe("fortfarande här");
  });

  it("refuses an update whose history it does not have (another document's), and asks for a resync", () => {
    const writer = join();
    const elsewhere = edit("första");
    edit(" andra", elsewhere.doc);
    const second = Y.encodeStateAsUpdate(elsewhere.doc, Y.encodeStateVectorFromUpdate(elsewhere.update));
    const sentBefore = writer.transport.sent.length;
    hub.receive(writer.conn, updateFrame(second));
    expect(readStoredUpdate(db, "doc1")).toBeNull();
    expect(hub.stats.rejected).toBe(1);
    expect(writer.transport.sent.length).toBe(sentBefore + 1);
  });

  it("refuses oversized presence, and drops a flood of it beyond the rate limit", () => {
    const { conn } = join();
    const peer = new Y.Doc();
    const awareness = new awarenessProtocol.Awareness(peer);
    const awarenessFrame = () =>
      frame(
        (e) => encoding.writeVarUint(e, MessageType.awareness),
        (e) => encoding.writeVarUint8Array(e, awarenessProtocol.encodeAwarenessUpdate(awareness, [peer.clientID])),
      );
    awareness.setLocalState({ user: { name: "x".repeat(5000) } });
    expect(() => hub.receive(conn, awarenessFrame())).toThrow(ProtocolError);
    awareness.setLocalState({ user: { name: "Anna" } });
    for (let i = 0; i < 20; i++) hub.receive(conn, awarenessFrame());
    expect(hub.stats.awarenessDropped).toBeGreaterThanOrEqual(15);
    awareness.destroy();
  });

  it("forgets a person's presence when their connection closes", () => {
    const a = join();
    const b = join();
    const peer = new Y.Doc();
    const awareness = new awarenessProtocol.Awareness(peer);
    awareness.setLocalState({ user: { name: "Anna" } });
    hub.receive(
      a.conn,
      frame(
        (e) => encoding.writeVarUint(e, MessageType.awareness),
        (e) => encoding.writeVarUint8Array(e, awarenessProtocol.encodeAwarenessUpdate(awareness, [peer.clientID])),
      ),
    );
    expect(a.conn.shared.awareness.getStates().has(peer.clientID)).toBe(true);
    hub.disconnect(a.conn);
    expect(b.conn.shared.awareness.getStates().has(peer.clientID)).toBe(false);
    awareness.destroy();
  });
});

describe("persistence", () => {
  it("compaction keeps exactly the same document and empties the log", () => {
    const writer = join();
    const client = new Y.Doc();
    for (const word of ["Vi ", "levererar ", "rätt ", "från ", "början."]) {
      hub.receive(writer.conn, updateFrame(edit(word, client).update));
    }
    expect(logLength(db, "doc1")).toBe(5);
    const before = readStoredUpdate(db, "doc1");
    compact(db, "doc1", writer.conn.shared.doc);
    expect(logLength(db, "doc1")).toBe(0);
    const after = readStoredUpdate(db, "doc1");
    expect(textOf(after)).toBe(textOf(before));
    expect(Y.encodeStateVector(loadYDoc(db, "doc1"))).toEqual(Y.encodeStateVector(client));
  });

  it("compacts by itself past the threshold, so a long history loads as one state", () => {
    const small = new CollabHub({
      db,
      append: updateAppender(db),
      logger: pino({ level: "silent" }),
      compactEvery: 10,
      idleUnloadMs: 5,
      awarenessMaxBytes: 1024,
      awarenessPerSecond: 5,
    });
    const conn = small.connect(new FakeTransport(), {
      docName: "long",
      userId: "u",
      userName: "U",
      sessionId: "s",
      readOnly: false,
    });
    const client = new Y.Doc();
    for (let i = 0; i < 25; i++) small.receive(conn, updateFrame(edit(`${i},`, client).update));
    expect(logLength(db, "long")).toBeLessThan(10);
    expect(textOf(readStoredUpdate(db, "long"))).toBe(client.getText("t").toString());
    small.shutdown();
  });

  it("counts an update it could not store as not stored, sends it to nobody, and closes the document", () => {
    const failing = new CollabHub({
      db,
      append: () => {
        throw new Error("disk full");
      },
      logger: pino({ level: "silent" }),
      compactEvery: 1000,
      idleUnloadMs: 5,
      awarenessMaxBytes: 1024,
      awarenessPerSecond: 5,
    });
    const info = { docName: "full", userId: "u", userName: "U", sessionId: "s", readOnly: false };
    const writer = new FakeTransport();
    const other = new FakeTransport();
    const conn = failing.connect(writer, info);
    failing.connect(other, { ...info, userId: "v" });
    failing.receive(conn, updateFrame(edit("förlorad").update));
    expect(failing.stats.accepted).toBe(0);
    expect(failing.stats.notStored).toBe(1);
    expect(other.updates()).toHaveLength(0);
    // Both editors are closed, so they reconnect and send their edits again.
    expect(writer.closed?.code).toBe(1011);
    expect(other.closed?.code).toBe(1011);
    expect(failing.docs.has("full")).toBe(false);
    failing.shutdown();
  });

  it("unloads a document nobody has open, after folding its log", async () => {
    const { conn } = join();
    hub.receive(conn, updateFrame(edit("sparad").update));
    hub.disconnect(conn);
    await new Promise((r) => setTimeout(r, 20));
    expect(hub.docs.has("doc1")).toBe(false);
    expect(logLength(db, "doc1")).toBe(0);
    expect(textOf(readStoredUpdate(db, "doc1"))).toBe("sparad");
  });
});
