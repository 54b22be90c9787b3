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
  };
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
  // A withdrawn document is out of use: staff cannot open it; the people who keep it still can.
  const resource = document && documentResource(document);
  if (!document || !resource || !can(user, "read", resource)) return null;
  const current = document.status === "draft" ? currentRelease(db, document.id, now) : undefined;
  const release = version ? findRelease(db, document.id, version) : current;
  if (!release) return null;
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
    },
    release: { ...release, version: versionOf(release) },
    currentVersion: current ? versionOf(current) : null,
    isCurrent,
    acknowledgedAt: acknowledgedAt?.toISOString() ?? null,
    mustRead,
    lastReadVersion: lastRead ? versionOf(lastRead) : null,
    canManage: can(user, "manage", resource),
  };
}
