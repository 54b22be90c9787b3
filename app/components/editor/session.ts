import * as encoding from "lib0/encoding";
import * as syncProtocol from "y-protocols/sync";
import { IndexeddbPersistence } from "y-indexeddb";
import { WebsocketProvider } from "y-websocket";
import * as Y from "yjs";
import { localCopyName } from "./local-copies.ts";

export type ConnectionState = "connecting" | "connected" | "offline";
export type SaveState = "saved" | "saving";

export type EditSession = {
  doc: Y.Doc;
  provider: WebsocketProvider;
  close(): void;
  /** Asks the server for a round trip; it answers only after storing all we sent before it. */
  confirmSaved(): void;
};

export type SessionOptions = {
  userId: string;
  /**
   * Keep a copy in the browser (IndexedDB), so edits made offline survive closing the tab and
   * are sent when the document is next opened. Only for people who may edit it.
   */
  keepLocalCopy: boolean;
};

/** Opens the live connection for one document: /collab/<id> on this very origin. */
export function openSession(documentId: string, options: SessionOptions, onSaved: () => void): EditSession {
  const doc = new Y.Doc();
  const local = options.keepLocalCopy ? new IndexeddbPersistence(localCopyName(options.userId, documentId), doc) : null;
  const scheme = window.location.protocol === "https:" ? "wss" : "ws";
  const provider = new WebsocketProvider(`${scheme}://${window.location.host}/collab`, documentId, doc, {
    // The session cookie travels with the upgrade; nothing else is needed.
    maxBackoffTime: 5000,
  });
  let awaiting = false;
  // Edits made while the socket was down: confirmed once it is back and has synced.
  let unconfirmed = false;
  const onSync = (synced: boolean) => {
    if (!synced) return;
    if (unconfirmed) {
      // The reconnect's own sync answered our state vector, not necessarily after the server
      // stored the edits we sent in reply to its own; one more round trip says they are stored.
      unconfirmed = false;
      confirm();
    } else if (awaiting) {
      awaiting = false;
      onSaved();
    }
  };
  provider.on("sync", onSync);
  // The browser reports a lost network long before a silent socket times out (30 s): stop
  // sending into it, and connect again the moment the network is back.
  let disconnectedOffline = false;
  const onOffline = () => {
    if (!provider.shouldConnect) return;
    disconnectedOffline = true;
    provider.disconnect();
  };
  const onOnline = () => {
    if (!disconnectedOffline) return;
    disconnectedOffline = false;
    provider.connect();
  };
  window.addEventListener("offline", onOffline);
  window.addEventListener("online", onOnline);
  function confirm() {
    const ws = provider.ws;
    if (!ws || ws.readyState !== WebSocket.OPEN) {
      unconfirmed = true;
      return;
    }
    // The server handles one connection's frames in order, so its reply to this sync step 1
    // comes after everything we sent earlier was stored. The provider reports that reply
    // as "synced" again.
    awaiting = true;
    provider.synced = false;
    const encoder = encoding.createEncoder();
    encoding.writeVarUint(encoder, 0);
    syncProtocol.writeSyncStep1(encoder, doc);
    ws.send(encoding.toUint8Array(encoder));
  }
  return {
    doc,
    provider,
    close() {
      provider.off("sync", onSync);
      window.removeEventListener("offline", onOffline);
      window.removeEventListener("online", onOnline);
      provider.destroy();
      void local?.destroy();
      doc.destroy();
    },
    confirmSaved: confirm,
  };
}
