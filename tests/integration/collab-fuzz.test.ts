import { afterAll, beforeAll, describe, expect, it } from "vitest";
import WebSocket from "ws";
import * as encoding from "lib0/encoding";
import * as awarenessProtocol from "y-protocols/awareness";
import * as syncProtocol from "y-protocols/sync";
import * as Y from "yjs";
import { createDocument, requireDocument } from "#app/models/documents.server.ts";
import { getUser } from "#app/models/users.server.ts";
import { readStoredUpdate } from "#tests/fixtures/db.ts";
import {
  connectClient,
  prepareDocument,
  rssMiB,
  startCollabServer,
  synced,
  tempDataDir,
  until,
  type RunningServer,
} from "#tests/fixtures/collab-client.ts";
import { seededRandom } from "#tests/fixtures/seeded-random.ts";

/**
 * The collab endpoint under hostile frames: random bytes, mutated real messages, huge and
 * truncated varints, oversized and unknown messages, awareness floods and wrong document
 * names, a fixed count of them. The server stays up with bounded memory, a document being
 * edited beside the attack loses nothing, and nothing from a rejected frame is stored.
 */
const FRAMES = 1500;
const LIMIT = 64 * 1024;

let server: RunningServer;
let prepared: Awaited<ReturnType<typeof prepareDocument>>;
let target: string;

beforeAll(async () => {
  const dataDir = tempDataDir();
  prepared = await prepareDocument(dataDir, ["process_owner", "staff"], { 1: "commenter" });
  // A second document of the same owner: the one only hostile and read-only traffic reaches.
  const { ownerId } = requireDocument(prepared.db, prepared.documentId);
  target = createDocument(prepared.db, getUser(prepared.db, ownerId)!, {
    title: "Angripen",
    type: "policy",
    ownerId,
    unitId: null,
    areas: [],
    tags: [],
  });
  server = await startCollabServer(dataDir, { LOTS_COLLAB_MAX_MESSAGE_BYTES: String(LIMIT) });
});

afterAll(async () => {
  await server.stop();
  prepared.db.$client.close();
});

/** A real update and a real awareness message, to mutate. */
function realMessages(): Uint8Array[] {
  const doc = new Y.Doc();
  doc.getText("t").insert(0, "Ledningens policy");
  const update = encoding.createEncoder();
  encoding.writeVarUint(update, 0);
  syncProtocol.writeUpdate(update, Y.encodeStateAsUpdate(doc));
  const step1 = encoding.createEncoder();
  encoding.writeVarUint(step1, 0);
  syncProtocol.writeSyncStep1(step1, doc);
  const awareness = new awarenessProtocol.Awareness(doc);
  awareness.setLocalState({ user: { name: "x".repeat(50) } });
  const aware = encoding.createEncoder();
  encoding.writeVarUint(aware, 1);
  encoding.writeVarUint8Array(aware, awarenessProtocol.encodeAwarenessUpdate(awareness, [doc.clientID]));
  awareness.destroy();
  return [encoding.toUint8Array(update), encoding.toUint8Array(step1), encoding.toUint8Array(aware)];
}

const rng = seededRandom("collab fuzz");
const random = (n: number) => Uint8Array.from({ length: n }, () => rng.below(256));

/** Frames that are never a real edit: garbage, broken varints, oversized, unknown, awareness floods. */
function brokenFrame(i: number, awareness: Uint8Array): Uint8Array {
  switch (i % 6) {
    case 0: {
      // Random bytes as an awareness message or an unknown type (never sync, auth or a query,
      // which could by chance be a real request).
      const types = [1, ...Array.from({ length: 124 }, (_, k) => k + 4)];
      return Uint8Array.from([types[rng.below(types.length)]!, ...random(rng.below(64))]);
    }
    case 1:
      // A varint that never ends.
      return Uint8Array.from([0, 2, ...Array<number>(12).fill(0xff)]);
    case 2: {
      const big = new Uint8Array(LIMIT + 1024);
      big.set([0, 2]);
      return big;
    }
    case 3:
      return Uint8Array.from([7 + (i % 200), 0, 1, 2]);
    case 4:
      return awareness;
    default:
      // An update whose length runs past the end of the frame.
      return Uint8Array.from([0, 2, 50, 1, 2]);
  }
}

/** Real updates, mutated and truncated: what a read-only connection must never get stored. */
function mutatedFrame(i: number, update: Uint8Array): Uint8Array {
  if (i % 3 === 0) return update;
  if (i % 3 === 1) return update.slice(0, Math.max(1, rng.below(update.length)));
  const mutated = update.slice();
  for (let k = 0; k < 3; k += 1) mutated[2 + rng.below(mutated.length - 2)] = rng.below(256);
  return mutated;
}

/** A socket to a document, open or refused at the door. */
function open(docName: string, cookie: string): Promise<WebSocket | null> {
  return new Promise((resolve) => {
    const ws = new WebSocket(`ws://127.0.0.1:${server.port}/collab/${docName}`, {
      headers: { cookie, origin: server.origin },
    });
    ws.binaryType = "nodebuffer";
    ws.on("error", () => undefined);
    ws.on("unexpected-response", () => resolve(null));
    ws.on("open", () => resolve(ws));
  });
}

/**
 * Sends each frame followed by a sync query: an answer means the frame was taken, a close
 * that it was refused (then a new connection carries on). Returns how many were refused.
 */
async function attack(docName: string, cookie: string, frames: Uint8Array[], query: Uint8Array) {
  let refused = 0;
  let doors = 0;
  let ws: WebSocket | null = null;
  for (const frame of frames) {
    ws ??= await open(docName, cookie);
    if (!ws) {
      doors += 1;
      continue;
    }
    const socket: WebSocket = ws;
    // The server greets a new connection with its own sync step 1; skip what is already here.
    const answered = await new Promise<boolean>((resolve) => {
      // Only the answer to the query counts: a sync step 2. The greeting is a step 1 or awareness.
      const onMessage = (data: Buffer) => {
        if (data[0] === 0 && data[1] === 1) done(true);
      };
      const onClose = () => done(false);
      const done = (taken: boolean) => {
        socket.off("message", onMessage);
        socket.off("close", onClose);
        resolve(taken);
      };
      socket.once("close", onClose);
      socket.send(frame, () => socket.send(query, () => socket.on("message", onMessage)));
    });
    if (!answered) {
      refused += 1;
      ws = null;
    }
  }
  ws?.close();
  return { refused, doors };
}

describe("hostile frames", () => {
  it(`survives ${FRAMES} hostile frames with bounded memory; the document beside them loses nothing and rejected frames store nothing`, async () => {
    const rssBefore = rssMiB(server.process.pid!);
    // A real editor on another document, typing throughout.
    const editor = connectClient(server, prepared.documentId, prepared.cookies[0]);
    await synced(editor);
    let typing = true;
    const typed = (async () => {
      for (let n = 0; typing; n += 1) {
        editor.doc.getText("t").insert(editor.doc.getText("t").length, `${n} `);
        await new Promise((r) => setTimeout(r, 5));
      }
    })();

    const [update, query, awareness] = realMessages();
    const hostile = Array.from({ length: FRAMES }, (_, i) => brokenFrame(i, awareness!));
    const staffFrames = Array.from({ length: 300 }, (_, i) => mutatedFrame(i, update!));
    const { refused } = await attack(target, prepared.cookies[0]!, hostile, query!);
    await attack(target, prepared.cookies[1]!, staffFrames, query!);
    // Names that are no document, or not ours: refused at the door.
    for (const name of ["../etc/passwd", "x".repeat(300), "%00", prepared.documentId.toUpperCase()])
      expect((await attack(encodeURIComponent(name), prepared.cookies[0]!, [update!], query!)).doors).toBe(1);
    typing = false;
    await typed;

    await until(() => server.process.exitCode === null, 100, "server alive");
    const rssAfter = rssMiB(server.process.pid!);
    const storedText = () => {
      const doc = new Y.Doc();
      Y.applyUpdate(doc, readStoredUpdate(prepared.db, prepared.documentId)!);
      return doc.getText("t").toString();
    };
    await until(() => storedText() === editor.doc.getText("t").toString(), 5000, "the editor's work stored");
    editor.provider.destroy();

    const attacked = readStoredUpdate(prepared.db, target);
    const attackedDoc = new Y.Doc();
    if (attacked) Y.applyUpdate(attackedDoc, attacked);
    console.log(
      `fuzz: ${FRAMES + 300 + 4} frames tried, ${refused} refused by the server, RSS ${rssBefore.toFixed(0)} -> ${rssAfter.toFixed(0)} MiB`,
    );
    expect(server.process.exitCode).toBeNull();
    expect(rssAfter - rssBefore).toBeLessThan(96);
    // Every frame but the real awareness messages is refused (random bytes may, rarely, parse).
    expect(refused).toBeGreaterThan((FRAMES - Math.ceil(FRAMES / 6)) * 0.95);
    expect(storedText().length).toBeGreaterThan(100);
    // Nothing from a rejected frame, and nothing a read-only connection sent, was stored.
    expect(Y.decodeStateVector(Y.encodeStateVector(attackedDoc)).size).toBe(0);
  }, 120_000);
});
