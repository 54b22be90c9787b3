/**
 * The reference for bench:collab: a plain in-memory y-websocket server (no sign-in, no
 * persistence), fanning out like Lots does. With REFERENCE_REPLAY=<file> it loads that
 * document by replaying an update log, as a server without compaction would.
 */
import fs from "node:fs";
import http from "node:http";
import * as decoding from "lib0/decoding";
import * as encoding from "lib0/encoding";
import * as syncProtocol from "y-protocols/sync";
import { WebSocketServer, type WebSocket } from "ws";
import * as Y from "yjs";

const replay = process.env.REFERENCE_REPLAY;
const replayDoc = process.env.REFERENCE_REPLAY_DOC;
const docs = new Map<string, { doc: Y.Doc; conns: Set<WebSocket> }>();

function load(name: string) {
  const doc = new Y.Doc();
  if (replay && name === replayDoc) {
    const log = JSON.parse(fs.readFileSync(replay, "utf8")) as string[];
    for (const update of log) Y.applyUpdate(doc, Buffer.from(update, "base64"));
  }
  const shared = { doc, conns: new Set<WebSocket>() };
  doc.on("update", (update: Uint8Array, origin: unknown) => {
    const e = encoding.createEncoder();
    encoding.writeVarUint(e, 0);
    syncProtocol.writeUpdate(e, update);
    const message = encoding.toUint8Array(e);
    for (const conn of shared.conns) if (conn !== origin) conn.send(message);
  });
  docs.set(name, shared);
  return shared;
}

const server = http.createServer((_req, res) => res.end());
const wss = new WebSocketServer({ server });
wss.on("connection", (ws, req) => {
  const name = (req.url ?? "/").split("/").pop() ?? "";
  const shared = docs.get(name) ?? load(name);
  shared.conns.add(ws);
  const greet = encoding.createEncoder();
  encoding.writeVarUint(greet, 0);
  syncProtocol.writeSyncStep1(greet, shared.doc);
  ws.send(encoding.toUint8Array(greet));
  ws.on("message", (data: Buffer) => {
    const decoder = decoding.createDecoder(new Uint8Array(data));
    const reply = encoding.createEncoder();
    if (decoding.readVarUint(decoder) !== 0) return;
    encoding.writeVarUint(reply, 0);
    syncProtocol.readSyncMessage(decoder, reply, shared.doc, ws);
    if (encoding.length(reply) > 1) ws.send(encoding.toUint8Array(reply));
  });
  ws.on("close", () => {
    shared.conns.delete(ws);
    // Like y-websocket's server: a document nobody has open leaves memory.
    if (shared.conns.size === 0) {
      docs.delete(name);
      shared.doc.destroy();
    }
  });
});
server.listen(0, "127.0.0.1", () => {
  const address = server.address();
  console.log(`listening ${typeof address === "object" && address ? address.port : 0}`);
});
process.on("SIGTERM", () => process.exit(0));
