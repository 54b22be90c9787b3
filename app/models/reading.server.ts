import type { Db } from "#db/client.ts";
import type { ControlledType, DocumentStatus } from "#db/schema/index.ts";
import { can } from "#app/auth/permissions.server.ts";
import { hasAcknowledged, lastAcknowledged, mustAcknowledge } from "./acknowledgements.server.ts";
import { getDocument, documentResource } from "./documents.server.ts";
import { currentRelease, findRelease, versionOf, type ReleaseSummary } from "./releases.server.ts";
import type { User } from "./users.server.ts";

/**
 * What one person sees on a release's reading page, without the release's content: the page
 * renders from it, and the reading-page cache keys on it (a release's content never changes).
 */
export type ReadingState = {
  document: {
    id: string;
    type: ControlledType;
    status: DocumentStatus;
    unitName: string | null;
    nextReviewOn: string | null;
    withdrawnReason: string | null;
    withdrawnAt: string | null;
    /** What replaces a withdrawn document, if anything. */
    replacement: { id: string; title: string } | null;
  };
  /** False for a withdrawn document to those kept from using it: they see only that it is withdrawn. */
  showContent: boolean;
  release: ReleaseSummary & { version: string };
  currentVersion: string | null;
  isCurrent: boolean;
  acknowledgedAt: string | null;
  mustRead: boolean;
  /** The version this person last acknowledged, when they must now read a newer one. */
  lastReadVersion: string | null;
  canManage: boolean;
};

/** Null when there is nothing this person may read at that address. */
export function readingState(
  db: Db,
  user: Pick<User, "id" | "role" | "unitId">,
  documentId: string,
  version: string | undefined,
  now = new Date(),
): ReadingState | null {
  const document = getDocument(db, documentId);
  if (!document) return null;
  const resource = documentResource(document);
  const withdrawn = document.status === "archived";
  // A withdrawn document is out of use: staff are told so (when, why, what replaces it) and
  // never shown its text; the people who keep it still read it.
  const showContent = can(user, "read", resource);
  if (!showContent && !withdrawn) return null;
  const current = withdrawn ? undefined : currentRelease(db, document.id, now);
  const lastInEffect = withdrawn ? currentRelease(db, document.id, document.withdrawnAt ?? now) : undefined;
  const release = version ? findRelease(db, document.id, version) : (current ?? lastInEffect);
  if (!release) return null;
  const successor = document.replacedBy ? getDocument(db, document.replacedBy) : undefined;
  const isCurrent = release.id === current?.id;
  const acknowledgedAt = hasAcknowledged(db, user.id, release.id);
  const mustRead = isCurrent && !acknowledgedAt && mustAcknowledge(db, user, release.id);
  const lastRead = mustRead ? lastAcknowledged(db, user.id, document.id) : undefined;
  return {
    document: {
      id: document.id,
      type: document.type,
      status: document.status,
      unitName: document.unitName,
      nextReviewOn: document.nextReviewOn,
      withdrawnReason: document.withdrawnReason,
      withdrawnAt: document.withdrawnAt?.toISOString() ?? null,
      replacement: successor && successor.status !== "archived" ? { id: successor.id, title: successor.title } : null,
    },
    showContent,
    release: { ...release, version: versionOf(release) },
    currentVersion: current ? versionOf(current) : null,
    isCurrent,
    acknowledgedAt: acknowledgedAt?.toISOString() ?? null,
    mustRead,
    lastReadVersion: lastRead ? versionOf(lastRead) : null,
    canManage: can(user, "manage", resource),
  };
}
