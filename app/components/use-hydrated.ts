import { useSyncExternalStore } from "react";

const subscribeNothing = () => () => {};

/** True once React runs in the browser; false during the server render and hydration. */
export function useHydrated(): boolean {
  return useSyncExternalStore(
    subscribeNothing,
    () => true,
    () => false,
  );
}
