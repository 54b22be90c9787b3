import type http from "node:http";
import type { Duplex } from "node:stream";
import type { Logger } from "pino";
import * as wsLibrary from "ws";
import { WebSocketServer, type WebSocket } from "ws";
import { hostName, type Config } from "#app/config.server.ts";
import { authenticateCookie } from "#app/auth/authenticate.server.ts";
import { expectedOrigin, isSameOrigin } from "#app/auth/origin.server.ts";
import { validateSession } from "#app/auth/sessions.server.ts";
import { documentAccess, touchDocument } from "#app/models/documents.server.ts";
import type { CollabSignals } from "#app/load-context.ts";
import { type DbConnection, writeTransaction } from "#db/client.ts";
import { updateAppender } from "#app/models/collab-store.server.ts";
import { addedMessages, COMMENTS } from "#app/content/comment-threads.ts";
import { notifyMentions } from "#app/models/notifications.server.ts";
import { CloseCode, CollabHub, Connection, ProtocolError, type SharedDoc } from "./hub.ts";

export const COLLAB_PATH = "/collab/";
const DOC_NAME = /^[A-Za-z0-9_-]{1,64}$/;
const TOUCH_EVERY_MS = 60_000;
const HEARTBEAT_MS = 30_000;
const SWEEP_MS = 60_000;

export type Collab = CollabSignals & { hub: CollabHub; close(): void };

function refuse(socket: Duplex, status: 401 | 403 | 404 | 421, reason: string): void {
  const text = { 401: "Unauthorized", 403: "Forbidden", 404: "Not Found", 421: "Misdirected Request" }[status];
  socket.end(
    `HTTP/1.1 ${status} ${text}\r\nConnection: close\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Length: ${Buffer.byteLength(reason)}\r\n\r\n${reason}`,
  );
}

// ws's framing, public for broadcasts that send one frame to many sockets (websockets/ws#1016);
// @types/ws does not declare it.
const { Sender } = wsLibrary as unknown as {
  Sender: {
    frame(data: Buffer, options: { fin: boolean; opcode: number; mask: boolean; readOnly: boolean }): Buffer[];
  };
};
const BINARY_FRAME = { fin: true, opcode: 0x2, mask: false, readOnly: false };

/**
 * A server's frames are not masked, so an update's frame is the same for everyone in the
 * document: the hub hands each reader the same message, and it is framed once and written to
 * each socket as it is, instead of being framed again per reader (one write each, not two).
 */
function frameOnce(): (data: Uint8Array) => Buffer {
  let last: Uint8Array | undefined;
  let framed = Buffer.alloc(0);
  return (data) => {
    if (data !== last) {
      framed = Buffer.concat(Sender.frame(Buffer.from(data.buffer, data.byteOffset, data.byteLength), BINARY_FRAME));
      last = data;
    }
    return framed;
  };
}

/**
 * The y-websocket endpoint at /collab/<documentId>, on the app's own HTTP server. A person is
 * signed in by the app's session cookie and allowed by the same `can()` as every page; both
 * are settled before a single byte of the document is sent.
 */
export function attachCollab(server: http.Server, deps: { db: DbConnection; config: Config; logger: Logger }): Collab {
  const { db, config } = deps;
  const logger = deps.logger.child({ part: "collab" });
  const hub = new CollabHub({
    db,
    append: updateAppender(db),
    logger,
    compactEvery: config.collab.compactEvery,
    idleUnloadMs: config.collab.idleUnloadMs,
    awarenessMaxBytes: 64 * 1024,
    awarenessPerSecond: 30,
    onLoad: (shared) => watchMentions(shared),
  });
  const wss = new WebSocketServer({
    noServer: true,
    maxPayload: config.collab.maxMessageBytes,
    // Broadcasts are framed once (frameOnce) and the same bytes written to every socket: a
    // compressed connection would need its own frames, so compression stays off by decision,
    // not by ws's default.
    perMessageDeflate: false,
  });
  const alive = new WeakSet<WebSocket>();
  const edited = new Set<string>();
  const editingSessions = new Set<string>();
  const framed = frameOnce();

  async function upgrade(req: http.IncomingMessage, socket: Duplex, head: Buffer, docName: string) {
    const encrypted = Boolean((req.socket as { encrypted?: boolean }).encrypted);
    if (!req.headers.host || !config.servedHosts.has(hostName(req.headers.host)))
      return refuse(socket, 421, "unknown host");
    const origin = expectedOrigin(req.headers.host, { publicOrigin: config.publicOrigin, encrypted });
    if (!isSameOrigin(req.headers.origin, origin)) return refuse(socket, 403, "foreign origin");
    const { auth } = await authenticateCookie(db, req.headers.cookie, { secure: encrypted, policy: config.session });
    if (!auth) return refuse(socket, 401, "not signed in");
    const access = DOC_NAME.test(docName) ? documentAccess(db, auth.user, docName) : "missing";
    if (access === "missing") return refuse(socket, 404, "no such document");
    if (access === "none") return refuse(socket, 403, "no access");

    wss.handleUpgrade(req, socket, head, (ws) => {
      const conn = hub.connect(
        {
          // ws writes its own frames (pings, close) whole and in order on the same socket.
          send: (data) => ws.readyState === ws.OPEN && socket.write(framed(data)),
          close: (code, reason) => ws.close(code, reason),
        },
        {
          docName,
          userId: auth.user.id,
          userName: auth.user.name,
          sessionId: auth.session.id,
          readOnly: access !== "write",
          mayComment: access === "comment",
        },
      );
      alive.add(ws);
      logger.info({ doc: docName, user: auth.user.id, readOnly: conn.info.readOnly }, "connected");
      ws.on("pong", () => alive.add(ws));
      ws.on("message", (data, isBinary) => {
        if (!isBinary) {
          ws.close(CloseCode.malformed, "binary frames only");
          return;
        }
        try {
          hub.receive(conn, new Uint8Array(data as Buffer));
          if (!conn.info.readOnly) noteEdit(docName, conn.info.sessionId);
        } catch (error) {
          if (error instanceof ProtocolError) {
            logger.warn(
              { doc: docName, user: auth.user.id, reason: error.message },
              "malformed message; connection closed",
            );
            ws.close(CloseCode.malformed, "malformed message");
          } else {
            logger.error({ err: error, doc: docName }, "message failed");
            ws.close(CloseCode.internalError, "internal error");
          }
        }
      });
      ws.on("error", (error: Error & { code?: string }) => {
        // ws closes the connection itself (1009 for an oversized frame); we only record why.
        logger.warn({ doc: docName, user: auth.user.id, code: error.code, reason: error.message }, "connection error");
      });
      ws.on("close", () => hub.disconnect(conn));
    });
  }

  /**
   * Mentions in comments notify people. The author is the person on the connection that sent
   * the update, whatever the comment itself claims.
   */
  function watchMentions(shared: SharedDoc) {
    shared.doc.getMap(COMMENTS).observeDeep((events, transaction) => {
      const origin = transaction.origin;
      if (!(origin instanceof Connection)) return;
      for (const { threadId, message } of addedMessages(events)) {
        if (!Array.isArray(message.mentions) || message.mentions.length === 0) continue;
        notifyMentions(db, {
          actorId: origin.info.userId,
          mentioned: message.mentions.filter((id): id is string => typeof id === "string").slice(0, 20),
          link: `/dokument/${shared.name}#thread-${threadId}`,
          excerpt: String(message.text ?? ""),
        });
      }
    });
  }

  /**
   * Lists show when a document was last worked on, and writing counts as using one's session
   * (the idle limit). Edits only mark both here; one write a minute records them all, off the
   * path of the edit itself.
   */
  function noteEdit(docName: string, sessionId: string) {
    edited.add(docName);
    editingSessions.add(sessionId);
  }
  function flushEdited() {
    for (const id of editingSessions) validateSession(db, id, { policy: config.session });
    editingSessions.clear();
    if (edited.size === 0) return;
    const names = [...edited];
    edited.clear();
    writeTransaction(db, (tx) => {
      for (const name of names) touchDocument(tx, name);
    });
  }

  const onUpgrade = (req: http.IncomingMessage, socket: Duplex, head: Buffer) => {
    const path = (req.url ?? "").split("?")[0] ?? "";
    if (!path.startsWith(COLLAB_PATH)) {
      // Vite's hot reload answers its own upgrades in development; otherwise nobody would.
      if (server.listenerCount("upgrade") === 1) refuse(socket, 404, "not found");
      return;
    }
    let docName: string;
    try {
      docName = decodeURIComponent(path.slice(COLLAB_PATH.length));
    } catch {
      return refuse(socket, 404, "no such document");
    }
    socket.on("error", () => socket.destroy());
    upgrade(req, socket, head, docName).catch((error: unknown) => {
      logger.error({ err: error }, "upgrade failed");
      socket.destroy();
    });
  };
  server.on("upgrade", onUpgrade);

  /** Closes connections whose session ended or whose access changed, so nobody keeps more than they may. */
  function accessChanged(filter: { userId?: string; documentId?: string } = {}) {
    for (const conn of hub.connections()) {
      if (filter.userId && conn.info.userId !== filter.userId) continue;
      if (filter.documentId && conn.info.docName !== filter.documentId) continue;
      revalidate(conn);
    }
  }

  function revalidate(conn: Connection) {
    // An open connection is not use: a session left idle ends here too.
    const auth = validateSession(db, conn.info.sessionId, { policy: config.session, use: false });
    if (!auth) return conn.transport.close(CloseCode.sessionEnded, "session ended");
    const access = documentAccess(db, auth.user, conn.info.docName);
    if (access === "none" || access === "missing")
      return conn.transport.close(CloseCode.accessWithdrawn, "access withdrawn");
    if (access !== (conn.info.readOnly ? (conn.info.mayComment ? "comment" : "read") : "write"))
      conn.transport.close(CloseCode.accessChanged, "access changed");
  }

  // Dead peers are noticed by missing pongs; expired sessions and guests by a regular sweep.
  const heartbeat = setInterval(() => {
    for (const ws of wss.clients) {
      if (!alive.has(ws)) {
        ws.terminate();
        continue;
      }
      alive.delete(ws);
      ws.ping();
    }
  }, HEARTBEAT_MS);
  const sweep = setInterval(() => accessChanged(), SWEEP_MS);
  const touch = setInterval(flushEdited, TOUCH_EVERY_MS);
  heartbeat.unref();
  sweep.unref();
  touch.unref();

  return {
    hub,
    accessChanged,
    close() {
      clearInterval(heartbeat);
      clearInterval(sweep);
      clearInterval(touch);
      flushEdited();
      server.off("upgrade", onUpgrade);
      hub.shutdown();
      wss.close();
    },
  };
}
