import { useCallback, useEffect, useState, useSyncExternalStore } from "react";
import { openSession, type ConnectionState, type EditSession, type SaveState, type SessionOptions } from "./session.ts";

/**
 * The live session of one document for an editor component, opened after the first render
 * (a socket is an external system) and closed when the component goes; with its save state.
 */
export function useEditSession(
  documentId: string,
  { userId, keepLocalCopy }: SessionOptions,
): { session: EditSession | null; save: SaveState; setSave: (save: SaveState) => void } {
  const [session, setSession] = useState<EditSession | null>(null);
  const [save, setSave] = useState<SaveState>("saved");
  useEffect(() => {
    const opened = openSession(documentId, { userId, keepLocalCopy }, () =>
      setSave((s) => (s === "saving" ? "saved" : s)),
    );
    // eslint-disable-next-line react-hooks/set-state-in-effect
    setSession(opened);
    return () => opened.close();
  }, [documentId, userId, keepLocalCopy]);
  return { session, save, setSave };
}

/**
 * The provider's connection and first-sync state, read straight from it: events that fire
 * before React subscribes are not missed.
 */
export function useProviderState(session: EditSession): { connection: ConnectionState; synced: boolean } {
  const { provider } = session;
  const subscribe = useCallback(
    (notify: () => void) => {
      provider.on("status", notify);
      provider.on("sync", notify);
      window.addEventListener("online", notify);
      window.addEventListener("offline", notify);
      return () => {
        provider.off("status", notify);
        provider.off("sync", notify);
        window.removeEventListener("online", notify);
        window.removeEventListener("offline", notify);
      };
    },
    [provider],
  );
  const connection = useSyncExternalStore<ConnectionState>(
    subscribe,
    // The browser knows of a lost network long before a silent socket times out.
    () => (!navigator.onLine ? "offline" : provider.wsconnected ? "connected" : "connecting"),
    () => "connecting",
  );
  // Once the first sync has arrived the live editor stays in place, even while reconnecting.
  const [everSynced, setEverSynced] = useState(false);
  const synced = useSyncExternalStore(
    subscribe,
    () => provider.synced,
    () => false,
  );
  if (synced && !everSynced) setEverSynced(true);
  return { connection, synced: synced || everSynced };
}
