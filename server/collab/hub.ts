import * as decoding from "lib0/decoding";
import * as encoding from "lib0/encoding";
import type { Logger } from "pino";
import * as awarenessProtocol from "y-protocols/awareness";
import * as syncProtocol from "y-protocols/sync";
import * as Y from "yjs";
import type { Db } from "#db/client.ts";
import { compact, loadYDoc, logLength, type UpdateAppender } from "#app/models/collab-store.server.ts";
import { presenceOf } from "#app/models/presence.ts";
import { onlyComments } from "./comment-only.ts";

/** y-websocket's message types (the first varint of every frame). */
export const MessageType = { sync: 0, awareness: 1, auth: 2, queryAwareness: 3 } as const;

/** Close codes a client (and a log reader) can tell apart. (1009, too large, is sent by ws itself.) */
export const CloseCode = {
  goingAway: 1001,
  malformed: 1007,
  internalError: 1011,
  sessionEnded: 4401,
  accessWithdrawn: 4403,
  accessChanged: 4409,
} as const;

export class ProtocolError extends Error {}

const AUTHOR_KEY = new TextEncoder().encode("authorId");

/**
 * Whether every comment message in an update is written in the name of the connection's own
 * person. Messages are plain objects in the document (Yjs "any" content); an update that carries
 * none (almost every keystroke) is told apart by its bytes alone, without decoding it.
 */
export function commentsAuthoredBy(update: Uint8Array, person: { userId: string; userName: string }): boolean {
  if (Buffer.from(update.buffer, update.byteOffset, update.byteLength).indexOf(AUTHOR_KEY) === -1) return true;
  let structs: ReturnType<typeof Y.decodeUpdate>["structs"];
  try {
    structs = Y.decodeUpdate(update).structs;
  } catch {
    throw new ProtocolError("malformed update");
  }
  for (const struct of structs) {
    if (!(struct instanceof Y.Item) || !(struct.content instanceof Y.ContentAny)) continue;
    for (const value of struct.content.arr) {
      if (typeof value !== "object" || value === null || !("authorId" in value)) continue;
      const message = value as { authorId?: unknown; authorName?: unknown };
      if (message.authorId !== person.userId || message.authorName !== person.userName) return false;
    }
  }
  return true;
}

export interface Transport {
  send(data: Uint8Array): void;
  close(code: number, reason: string): void;
}

export type ConnectionInfo = {
  docName: string;
  userId: string;
  /** The person's name as the directory has it: what others see in presence and comments. */
  userName: string;
  sessionId: string;
  readOnly: boolean;
  /** A read-only connection of a commenter: comments (threads and their marks) are accepted. */
  mayComment?: boolean;
};

export type HubOptions = {
  db: Db;
  /** Stores one accepted update; runs before anyone else is sent it. */
  append: UpdateAppender;
  logger: Logger;
  /** Fold the update log into one state once it holds this many updates. */
  compactEvery: number;
  /** How long a document without connections stays in memory. */
  idleUnloadMs: number;
  awarenessMaxBytes: number;
  awarenessPerSecond: number;
  /** Called when a document is loaded into memory, to observe it (e.g. for mentions). */
  onLoad?: (shared: SharedDoc) => void;
};

export class Connection {
  /** Updates this connection sent while read-only: dropped, never applied. */
  dropped = 0;
  readonly awarenessClients = new Set<number>();
  private awarenessWindow = { second: 0, count: 0 };
  constructor(
    readonly transport: Transport,
    readonly info: ConnectionInfo,
    readonly shared: SharedDoc,
  ) {}

  /** At most `limit` awareness messages a second; the rest are dropped, not applied. */
  allowAwareness(limit: number, now = Date.now()): boolean {
    const second = Math.floor(now / 1000);
    if (second !== this.awarenessWindow.second) this.awarenessWindow = { second, count: 0 };
    this.awarenessWindow.count += 1;
    return this.awarenessWindow.count <= limit;
  }
}

export class SharedDoc {
  readonly conns = new Set<Connection>();
  readonly awareness: awarenessProtocol.Awareness;
  unloadTimer: NodeJS.Timeout | undefined;
  logged: number;
  constructor(
    readonly name: string,
    readonly doc: Y.Doc,
    logged: number,
  ) {
    this.logged = logged;
    this.awareness = new awarenessProtocol.Awareness(doc);
    // The server has no presence of its own.
    this.awareness.setLocalState(null);
  }
}

function frame(write: (encoder: encoding.Encoder) => void): Uint8Array {
  const encoder = encoding.createEncoder();
  write(encoder);
  return encoding.toUint8Array(encoder);
}

export type HubStats = {
  accepted: number;
  droppedReadOnly: number;
  rejected: number;
  awarenessDropped: number;
  /** Updates that integrated but could not be stored: neither accepted nor sent on. */
  notStored: number;
};

/**
 * The documents being edited and who is connected to each. It speaks y-websocket's protocol
 * over any transport; every update it accepts is written to SQLite before it is applied to
 * the shared copy and sent on, so whatever anyone has seen is stored.
 */
export class CollabHub {
  readonly docs = new Map<string, SharedDoc>();
  readonly stats: HubStats = { accepted: 0, droppedReadOnly: 0, rejected: 0, awarenessDropped: 0, notStored: 0 };

  constructor(private readonly options: HubOptions) {}

  connect(transport: Transport, info: ConnectionInfo): Connection {
    const shared = this.docs.get(info.docName) ?? this.load(info.docName);
    clearTimeout(shared.unloadTimer);
    shared.unloadTimer = undefined;
    const conn = new Connection(transport, info, shared);
    shared.conns.add(conn);
    transport.send(
      frame((e) => {
        encoding.writeVarUint(e, MessageType.sync);
        syncProtocol.writeSyncStep1(e, shared.doc);
      }),
    );
    const present = [...shared.awareness.getStates().keys()];
    if (present.length > 0) {
      transport.send(
        frame((e) => {
          encoding.writeVarUint(e, MessageType.awareness);
          encoding.writeVarUint8Array(e, awarenessProtocol.encodeAwarenessUpdate(shared.awareness, present));
        }),
      );
    }
    return conn;
  }

  /** Handles one frame. Throws ProtocolError for frames that break the protocol. */
  receive(conn: Connection, data: Uint8Array): void {
    const shared = conn.shared;
    try {
      const decoder = decoding.createDecoder(data);
      const type = decoding.readVarUint(decoder);
      switch (type) {
        case MessageType.sync:
          this.receiveSync(conn, decoder);
          return;
        case MessageType.awareness: {
          const update = decoding.readVarUint8Array(decoder);
          if (update.length > this.options.awarenessMaxBytes) throw new ProtocolError("awareness update too large");
          if (!conn.allowAwareness(this.options.awarenessPerSecond)) {
            this.stats.awarenessDropped += 1;
            return;
          }
          awarenessProtocol.applyAwarenessUpdate(shared.awareness, this.stampPresence(conn, update), conn);
          return;
        }
        case MessageType.queryAwareness:
          conn.transport.send(
            frame((e) => {
              encoding.writeVarUint(e, MessageType.awareness);
              encoding.writeVarUint8Array(
                e,
                awarenessProtocol.encodeAwarenessUpdate(shared.awareness, [...shared.awareness.getStates().keys()]),
              );
            }),
          );
          return;
        case MessageType.auth:
          return;
        default:
          throw new ProtocolError(`unknown message type ${type}`);
      }
    } catch (error) {
      if (error instanceof ProtocolError) throw error;
      // lib0 throws plain Errors on truncated varints and the like.
      throw new ProtocolError(`malformed message: ${(error as Error).message}`);
    }
  }

  /**
   * A client says only where its caret is; who it is, the server says. Every state it sends is
   * stamped with the connection's person (id, directory name, palette colour), and states for
   * client ids another connection already speaks for are dropped.
   */
  private stampPresence(conn: Connection, update: Uint8Array): Uint8Array {
    const user = presenceOf({ id: conn.info.userId, name: conn.info.userName });
    const others = new Set([...conn.shared.conns].filter((c) => c !== conn).flatMap((c) => [...c.awarenessClients]));
    const decoder = decoding.createDecoder(update);
    const entries: { clientId: number; clock: number; state: string }[] = [];
    const count = decoding.readVarUint(decoder);
    for (let i = 0; i < count; i++) {
      const clientId = decoding.readVarUint(decoder);
      const clock = decoding.readVarUint(decoder);
      let state: unknown;
      try {
        state = JSON.parse(decoding.readVarString(decoder));
      } catch {
        throw new ProtocolError("awareness state is not JSON");
      }
      if (others.has(clientId)) continue;
      if (state !== null && (typeof state !== "object" || Array.isArray(state))) continue;
      entries.push({ clientId, clock, state: JSON.stringify(state === null ? null : { ...state, user }) });
    }
    return frame((e) => {
      encoding.writeVarUint(e, entries.length);
      for (const entry of entries) {
        encoding.writeVarUint(e, entry.clientId);
        encoding.writeVarUint(e, entry.clock);
        encoding.writeVarString(e, entry.state);
      }
    });
  }

  private receiveSync(conn: Connection, decoder: decoding.Decoder): void {
    const shared = conn.shared;
    const syncType = decoding.readVarUint(decoder);
    if (syncType === syncProtocol.messageYjsSyncStep1) {
      const stateVector = decoding.readVarUint8Array(decoder);
      conn.transport.send(
        frame((e) => {
          encoding.writeVarUint(e, MessageType.sync);
          syncProtocol.writeSyncStep2(e, shared.doc, stateVector);
        }),
      );
      return;
    }
    if (syncType !== syncProtocol.messageYjsSyncStep2 && syncType !== syncProtocol.messageYjsUpdate) {
      throw new ProtocolError(`unknown sync message ${syncType}`);
    }
    const update = decoding.readVarUint8Array(decoder);
    if (conn.info.readOnly && conn.info.mayComment && onlyComments(shared.doc, update)) {
      this.acceptUpdate(conn, update);
      return;
    }
    if (conn.info.readOnly) {
      conn.dropped += 1;
      this.stats.droppedReadOnly += 1;
      // Logged at the first and then every hundredth, so a misbehaving client cannot flood the log.
      if (conn.dropped === 1 || conn.dropped % 100 === 0) {
        this.options.logger.warn(
          { doc: shared.name, user: conn.info.userId, dropped: conn.dropped },
          "update from a read-only connection dropped",
        );
      }
      return;
    }
    this.acceptUpdate(conn, update);
  }

  private acceptUpdate(conn: Connection, update: Uint8Array): void {
    const shared = conn.shared;
    const store = shared.doc.store;
    if (!commentsAuthoredBy(update, conn.info)) {
      this.stats.rejected += 1;
      this.options.logger.warn(
        { doc: shared.name, user: conn.info.userId },
        "comment in another person's name refused",
      );
      throw new ProtocolError("comment author is not the connection's person");
    }
    try {
      // The doc's update handler stores what integrates, then sends it on (see load()).
      Y.applyUpdate(shared.doc, update, conn);
    } catch {
      throw new ProtocolError("malformed update");
    }
    // Storing it failed: the document was closed, and the update is not accepted.
    if (this.docs.get(shared.name) !== shared) {
      this.stats.notStored += 1;
      return;
    }
    // Parts that do not follow on from what we hold would wait in memory for ever (or belong
    // to another document): drop them, and ask the client for what we lack.
    if (store.pendingStructs !== null || store.pendingDs !== null) {
      store.pendingStructs = null;
      store.pendingDs = null;
      this.stats.rejected += 1;
      this.options.logger.warn({ doc: shared.name, user: conn.info.userId }, "update with missing history refused");
      conn.transport.send(
        frame((e) => {
          encoding.writeVarUint(e, MessageType.sync);
          syncProtocol.writeSyncStep1(e, shared.doc);
        }),
      );
      return;
    }
    this.stats.accepted += 1;
  }

  disconnect(conn: Connection): void {
    const shared = conn.shared;
    if (!shared.conns.delete(conn)) return;
    if (conn.awarenessClients.size > 0) {
      awarenessProtocol.removeAwarenessStates(shared.awareness, [...conn.awarenessClients], null);
    }
    if (shared.conns.size === 0) {
      shared.unloadTimer = setTimeout(() => this.unload(shared), this.options.idleUnloadMs);
      shared.unloadTimer.unref();
    }
  }

  connections(): Connection[] {
    return [...this.docs.values()].flatMap((shared) => [...shared.conns]);
  }

  private load(name: string): SharedDoc {
    const { db, logger } = this.options;
    const doc = loadYDoc(db, name);
    const shared = new SharedDoc(name, doc, logLength(db, name));
    if (shared.logged >= this.options.compactEvery) this.compact(shared);

    doc.on("update", (update: Uint8Array, origin: unknown) => {
      try {
        this.options.append(name, update);
      } catch (error) {
        // Not stored means not sent: drop the in-memory copy; clients still hold their edits
        // and send them again when they reconnect.
        logger.error({ err: error, doc: name }, "could not store an update; closing the document");
        this.evict(shared, CloseCode.internalError, "storage failed");
        return;
      }
      shared.logged += 1;
      const message = frame((e) => {
        encoding.writeVarUint(e, MessageType.sync);
        syncProtocol.writeUpdate(e, update);
      });
      for (const conn of shared.conns) if (conn !== origin) conn.transport.send(message);
      if (shared.logged >= this.options.compactEvery) this.compact(shared);
    });

    shared.awareness.on(
      "update",
      ({ added, updated, removed }: { added: number[]; updated: number[]; removed: number[] }, origin: unknown) => {
        if (origin instanceof Connection) {
          for (const id of added) origin.awarenessClients.add(id);
          for (const id of removed) origin.awarenessClients.delete(id);
        }
        const changed = [...added, ...updated, ...removed];
        const message = frame((e) => {
          encoding.writeVarUint(e, MessageType.awareness);
          encoding.writeVarUint8Array(e, awarenessProtocol.encodeAwarenessUpdate(shared.awareness, changed));
        });
        for (const conn of shared.conns) conn.transport.send(message);
      },
    );
    this.docs.set(name, shared);
    this.options.onLoad?.(shared);
    return shared;
  }

  private compact(shared: SharedDoc): void {
    compact(this.options.db, shared.name, shared.doc);
    shared.logged = 0;
  }

  private unload(shared: SharedDoc): void {
    if (shared.conns.size > 0 || this.docs.get(shared.name) !== shared) return;
    if (shared.logged > 0) this.compact(shared);
    this.docs.delete(shared.name);
    shared.awareness.destroy();
    shared.doc.destroy();
  }

  private evict(shared: SharedDoc, code: number, reason: string): void {
    this.docs.delete(shared.name);
    for (const conn of shared.conns) conn.transport.close(code, reason);
    shared.conns.clear();
    shared.awareness.destroy();
    shared.doc.destroy();
  }

  /** On shutdown: close every connection and fold every log, so the next start loads fast. */
  shutdown(): void {
    for (const shared of [...this.docs.values()]) {
      for (const conn of shared.conns) conn.transport.close(CloseCode.goingAway, "server shutting down");
      shared.conns.clear();
      clearTimeout(shared.unloadTimer);
      this.unload(shared);
    }
  }
}
