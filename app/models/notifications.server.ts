import { and, count, desc, eq, inArray, isNull } from "drizzle-orm";
import type { Db } from "#db/client.ts";
import { newId } from "#db/ids.ts";
import { notifications, users, type NotificationKind } from "#db/schema/index.ts";

export type Notification = typeof notifications.$inferSelect & { actorName: string | null };

/** Tells each mentioned person (not the author themself) that they were mentioned, with a link to the thread. */
export function notifyMentions(
  db: Db,
  input: { actorId: string; mentioned: string[]; link: string; excerpt: string },
  now = new Date(),
): number {
  return notify(
    db,
    { kind: "mention", actorId: input.actorId, recipients: input.mentioned, link: input.link, text: input.excerpt },
    now,
  );
}

/**
 * In-app notifications for a set of people; never the actor themself, and only real, active
 * people (a forged id notifies nobody). Returns how many were told.
 */
export function notify(
  db: Db,
  input: { kind: NotificationKind; actorId: string | null; recipients: readonly string[]; link: string; text: string },
  now = new Date(),
): number {
  const recipients = [...new Set(input.recipients)].filter((id) => id !== input.actorId);
  if (recipients.length === 0) return 0;
  const real = db
    .select({ id: users.id })
    .from(users)
    .where(and(inArray(users.id, recipients), eq(users.active, true)))
    .all();
  for (const { id } of real) {
    db.insert(notifications)
      .values({
        id: newId(),
        userId: id,
        kind: input.kind,
        actorId: input.actorId,
        link: input.link,
        text: input.text.slice(0, 200),
        createdAt: now,
      })
      .run();
  }
  return real.length;
}

export function listNotifications(db: Db, userId: string, limit = 50): Notification[] {
  return db
    .select({
      id: notifications.id,
      userId: notifications.userId,
      kind: notifications.kind,
      actorId: notifications.actorId,
      link: notifications.link,
      text: notifications.text,
      createdAt: notifications.createdAt,
      readAt: notifications.readAt,
      actorName: users.name,
    })
    .from(notifications)
    .leftJoin(users, eq(users.id, notifications.actorId))
    .where(eq(notifications.userId, userId))
    .orderBy(desc(notifications.createdAt))
    .limit(limit)
    .all();
}

export function unreadCount(db: Db, userId: string): number {
  return (
    db
      .select({ n: count() })
      .from(notifications)
      .where(and(eq(notifications.userId, userId), isNull(notifications.readAt)))
      .get()?.n ?? 0
  );
}

export function markAllRead(db: Db, userId: string, now = new Date()): void {
  db.update(notifications)
    .set({ readAt: now })
    .where(and(eq(notifications.userId, userId), isNull(notifications.readAt)))
    .run();
}

/**
 * A reminder to those who answer for the system (active admins and quality managers), sent
 * once: the link names what it is about, and a link already sent is not sent again.
 */
export function remindLeadershipOnce(
  db: Db,
  input: { kind: NotificationKind; link: string; text: string },
  now = new Date(),
): number {
  if (db.select({ id: notifications.id }).from(notifications).where(eq(notifications.link, input.link)).get()) return 0;
  const leaders = db
    .select({ id: users.id })
    .from(users)
    .where(and(inArray(users.role, ["admin", "quality_manager"]), eq(users.active, true)))
    .all()
    .map((u) => u.id);
  return notify(db, { ...input, actorId: null, recipients: leaders }, now);
}
