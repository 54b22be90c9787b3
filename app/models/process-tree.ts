/**
 * Processes form a tree: a process may have subprocesses, and a map's subprocess step opens
 * another process. Neither may ever lead back to where it started.
 */

/** Whether making `parentId` the parent of `id` would put `id` inside itself. */
export function wouldCycle(parentOf: ReadonlyMap<string, string | null>, id: string, parentId: string | null): boolean {
  const seen = new Set<string>();
  for (let at = parentId; at !== null; at = parentOf.get(at) ?? null) {
    if (at === id || seen.has(at)) return true;
    seen.add(at);
  }
  return false;
}

/**
 * Whether a process's map may show `target` as a subprocess step: only if `target` could sit
 * below it, i.e. it is neither the process itself nor any process above it.
 */
export function subprocessAllowed(parentOf: ReadonlyMap<string, string | null>, processId: string, target: string) {
  return !wouldCycle(parentOf, target, processId);
}
