import { and, eq, gt, inArray, isNull, ne } from "drizzle-orm";
import { alias } from "drizzle-orm/sqlite-core";
import type { Logger } from "pino";
import type { Db } from "#db/client.ts";
import { mailDigests, notifications, users } from "#db/schema/index.ts";
import { translator } from "#app/i18n/translator.server.ts";
import { toRead } from "./acknowledgements.server.ts";
import { myActionsDue } from "./actions.server.ts";
import type { Mailer } from "./mail.server.ts";
import { dayOf, versionOf } from "./releases.server.ts";
import { reviewRoundsAwaiting } from "./review-rounds.server.ts";
import { formatDate } from "#app/utils/dates.ts";

/** Digests go out in the morning, not at whatever hour the server happens to start. */
const SEND_FROM_HOUR = 7;
const DAY_MS = 24 * 60 * 60 * 1000;

type Person = typeof users.$inferSelect;
const actor = alias(users, "actor");

/** One line of a digest: words and where they lead. */
export type DigestLine = { text: string; link: string };

/**
 * What waits for a person, in their language: approvals and reviews, actions and effect
 * checks coming due, documents to read, and notifications not yet seen since `since`.
 */
export function digestFor(db: Db, person: Person, since: Date, now = new Date()): DigestLine[] {
  const t = translator(person.locale);
  const date = (day: string) => formatDate(day, person.locale);
  const lines: DigestLine[] = [];
  for (const r of reviewRoundsAwaiting(db, person.id)) {
    lines.push({
      text: t(r.as === "approver" ? "start.toApprove" : "start.toReview", { title: r.title }),
      link: `/dokument/${r.documentId}/granskning`,
    });
  }
  for (const a of myActionsDue(db, person.id, now)) {
    lines.push({
      text: t(a.effectCheck ? "start.effectCheckDue" : "start.actionDue", {
        title: `${a.number}. ${a.title}`,
        date: date(a.date),
      }),
      link: `/atgarder/${a.id}`,
    });
  }
  for (const r of toRead(db, person, now)) {
    lines.push({
      text: t("start.toRead", { title: r.title, version: versionOf(r) }),
      link: `/gallande/${r.documentId}`,
    });
  }
  const unseen = db
    .select({ kind: notifications.kind, text: notifications.text, link: notifications.link, actorName: actor.name })
    .from(notifications)
    .leftJoin(actor, eq(actor.id, notifications.actorId))
    .where(and(eq(notifications.userId, person.id), isNull(notifications.readAt), gt(notifications.createdAt, since)))
    .all();
  for (const n of unseen) {
    lines.push({ text: `${t(`notifications.${n.kind}`, { name: n.actorName ?? "" })}: ${n.text}`, link: n.link });
  }
  return lines;
}

/**
 * Sends each active person their digest once a day (or on Mondays, for a weekly digest),
 * when SMTP is configured and there is something to tell. Safe to run every hour: the day
 * is claimed in the database before the mail goes out.
 */
export async function sendDigests(db: Db, mailer: Mailer, origin: string, logger: Logger, now = new Date()) {
  if (!mailer.enabled || now.getHours() < SEND_FROM_HOUR) return 0;
  const today = dayOf(now);
  const monday = now.getDay() === 1;
  const people = db
    .select()
    .from(users)
    .where(and(eq(users.active, true), ne(users.digest, "never")))
    .all()
    .filter((p) => p.digest === "daily" || monday);
  const already = new Set(
    db
      .select({ userId: mailDigests.userId })
      .from(mailDigests)
      .where(
        and(
          eq(mailDigests.day, today),
          inArray(
            mailDigests.userId,
            people.map((p) => p.id),
          ),
        ),
      )
      .all()
      .map((d) => d.userId),
  );
  let sent = 0;
  for (const person of people) {
    if (already.has(person.id)) continue;
    const since = new Date(now.getTime() - (person.digest === "weekly" ? 7 : 1) * DAY_MS);
    const lines = digestFor(db, person, since, now);
    const claimed = db
      .insert(mailDigests)
      .values({ userId: person.id, day: today, sentAt: now })
      .onConflictDoNothing()
      .run();
    if (claimed.changes === 0 || lines.length === 0) continue;
    const t = translator(person.locale);
    const body = [
      t("digest.greeting", { name: person.name.split(" ")[0] }),
      "",
      ...lines.map((line) => `• ${line.text}\n  ${origin}${line.link}`),
      "",
      t("digest.footer", { link: `${origin}/konto` }),
    ].join("\n");
    try {
      await mailer.send({ to: person.email, subject: t("digest.subject", { count: lines.length }), text: body });
      sent++;
    } catch (err) {
      // The claim stays: a failing server must not mail the same digest every hour.
      logger.error({ err, userId: person.id }, "digest not sent");
    }
  }
  return sent;
}
