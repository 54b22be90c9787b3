import { can, type Actor } from "#app/auth/permissions.server.ts";
import type { Db } from "#db/client.ts";
import { getAttachment } from "./attachments.server.ts";
import { getRound } from "./checklists.server.ts";
import { getDeviation, deviationResource } from "./deviations.server.ts";

/**
 * A stored file, if this person may read what it belongs to: a report (or its receipt), or a
 * check's round. Anything else is as if the file did not exist.
 */
export function readableAttachment(db: Db, user: Actor, id: string) {
  const attachment = getAttachment(db, id);
  if (!attachment) return undefined;
  if (attachment.ownerKind === "checklist_round") {
    return getRound(db, user, attachment.ownerId) !== null ? attachment : undefined;
  }
  const report = getDeviation(db, attachment.ownerId);
  return report !== undefined && can(user, "read", deviationResource(report)) ? attachment : undefined;
}
