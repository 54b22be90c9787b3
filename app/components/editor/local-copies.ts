/**
 * The browser's copies of documents being edited (see SessionOptions.keepLocalCopy). Each is
 * named by person and document, so someone else signing in on the same browser never sends
 * another person's unsent edits as their own. Kept apart from the editor so the sign-out button
 * can forget them without loading Yjs.
 */
const PREFIX = "lots:";

export function localCopyName(userId: string, documentId: string): string {
  return `${PREFIX}${userId}:${documentId}`;
}

/** On signing out: the browser forgets every copy it kept, so the next person at it finds none. */
export async function forgetLocalCopies(): Promise<void> {
  const databases = (await indexedDB.databases?.()) ?? [];
  await Promise.all(
    databases
      .map((database) => database.name)
      .filter((name): name is string => name?.startsWith(PREFIX) ?? false)
      .map(
        (name) =>
          new Promise<void>((resolve) => {
            const request = indexedDB.deleteDatabase(name);
            // Signing out goes ahead whatever happens; a copy left behind is still named by its owner.
            request.onsuccess = request.onerror = request.onblocked = () => resolve();
          }),
      ),
  );
}
