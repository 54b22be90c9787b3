import { useCallback, useState, useSyncExternalStore } from "react";
import type { ConnectionState, EditSession } from "./session.ts";

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
    () => (provider.wsconnected ? "connected" : navigator.onLine ? "connecting" : "offline"),
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
