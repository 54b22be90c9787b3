import { useEffect, useSyncExternalStore } from "react";

/** What the server says of an item named in a document: its live status, or that it is gone (or hidden). */
export type KnownStatus = { title: string; status: string; attention: boolean } | "unavailable";

type Entry = { value: KnownStatus | undefined; at: number };

const FRESH_MS = 60_000;
const BATCH = 50;
const cache = new Map<string, Entry>();
const listeners = new Set<() => void>();
const pending = new Set<string>();
let timer: ReturnType<typeof setTimeout> | undefined;

/**
 * A document may name dozens of items; their statuses are asked for together, a moment after
 * the chips appear, and kept for a minute so that typing does not ask again.
 */
function request(key: string) {
  pending.add(key);
  timer ??= setTimeout(flush, 30);
}

async function flush() {
  timer = undefined;
  const keys = [...pending];
  pending.clear();
  for (let i = 0; i < keys.length; i += BATCH) {
    const batch = keys.slice(i, i + BATCH);
    try {
      const response = await fetch(`/lankar?${batch.map((k) => `i=${encodeURIComponent(k)}`).join("&")}`);
      if (!response.ok) continue;
      const { items } = (await response.json()) as {
        items: { kind: string; id: string; title: string; status: string; attention: boolean }[];
      };
      const found = new Map(items.map((item) => [`${item.kind}:${item.id}`, item]));
      for (const key of batch) {
        const item = found.get(key);
        cache.set(key, { value: item ?? "unavailable", at: Date.now() });
      }
    } catch {
      // Offline: the chips keep their names and show no status until the next look.
    }
  }
  listeners.forEach((notify) => notify());
}

function subscribe(notify: () => void) {
  listeners.add(notify);
  return () => listeners.delete(notify);
}

/** The live status of one item, fetched when first shown and refreshed when older than a minute. */
export function useItemStatus(kind: string | null, id: string | null): KnownStatus | undefined {
  const key = kind && id ? `${kind}:${id}` : "";
  const value = useSyncExternalStore(
    subscribe,
    () => cache.get(key)?.value,
    () => undefined,
  );
  useEffect(() => {
    if (!key) return;
    const entry = cache.get(key);
    if (!entry || Date.now() - entry.at > FRESH_MS) request(key);
  }, [key]);
  return value;
}
