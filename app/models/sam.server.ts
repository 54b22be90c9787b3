import { and, desc, eq, inArray, isNull, lte, ne } from "drizzle-orm";
import { addDays, format } from "date-fns";
import { isDay } from "#app/utils/dates.ts";
import { type Db, writeTransaction } from "#db/client.ts";
import { newId } from "#db/ids.ts";
import { samFollowUps, samResponses, users, type SamMethod, type SamReason } from "#db/schema/index.ts";
import { can, type Actor } from "#app/auth/permissions.server.ts";
import { DomainError } from "./errors.ts";
import { notify, remindLeadershipOnce } from "./notifications.server.ts";
import { annualFollowUpDue } from "./sam-rules.ts";
import { appendTrailEvent } from "./trail.server.ts";
import { listUnits } from "./units.server.ts";

/**
 * The follow-up of the systematic work-environment management (SAM, AFS 2023:1): started by
 * those who steer, answered by each unit's manager and safety representative together, then
 * compiled level by level, with actions into the one action plan and a record of the feedback.
 */

export class SamError extends DomainError<
  | "sam.notAllowed"
  | "sam.notFound"
  | "sam.annualExists"
  | "sam.noUnits"
  | "sam.backgroundRequired"
  | "sam.alreadyAnswered"
  | "sam.unanswered"
  | "sam.participants"
  | "sam.completed"
  | "sam.badDate"
  | "sam.compileIncomplete"
  | "sam.needsOrganisation"
  | "sam.prioritiesNeedActions"
> {}

export type StartInput = {
  year: number;
  reason: SamReason;
  background: string;
  method: SamMethod;
  dueOn: string;
  unitIds: string[];
};

const day = (date: Date) => format(date, "yyyy-MM-dd");

/** People of a unit who answer for it, and hear of it: everyone working there but guests. */
export function membersOf(db: Db, unitIds: readonly string[]) {
  if (unitIds.length === 0) return [];
  return db
    .select({ id: users.id, unitId: users.unitId })
    .from(users)
    .where(and(inArray(users.unitId, [...unitIds]), eq(users.active, true), ne(users.role, "external_auditor")))
    .all();
}

export function startFollowUp(db: Db, actor: Actor, input: StartInput, now = new Date()): string {
  if (!can(actor, "manage", { type: "sam" })) throw new SamError("sam.notAllowed");
  if (input.reason !== "annual" && !input.background.trim()) throw new SamError("sam.backgroundRequired");
  if (!isDay(input.dueOn) || input.dueOn < day(now)) throw new SamError("sam.badDate");
  return writeTransaction(db, (tx) => {
    const known = new Set(listUnits(tx).map((u) => u.id));
    const unitIds = [...new Set(input.unitIds)].filter((id) => known.has(id));
    if (unitIds.length === 0) throw new SamError("sam.noUnits");
    if (
      input.reason === "annual" &&
      tx
        .select({ id: samFollowUps.id })
        .from(samFollowUps)
        .where(and(eq(samFollowUps.year, input.year), eq(samFollowUps.reason, "annual")))
        .get()
    )
      throw new SamError("sam.annualExists");
    const id = newId();
    tx.insert(samFollowUps)
      .values({
        id,
        year: input.year,
        reason: input.reason,
        background: input.background.trim(),
        method: input.method,
        dueOn: input.dueOn,
        startedBy: actor.id,
        startedAt: now,
      })
      .run();
    for (const unitId of unitIds) tx.insert(samResponses).values({ id: newId(), followUpId: id, unitId }).run();
    appendTrailEvent(tx, {
      actorId: actor.id,
      type: "sam.started",
      subjectType: "sam_follow_up",
      subjectId: id,
      at: now,
      data: { year: input.year, reason: input.reason, method: input.method, dueOn: input.dueOn, units: unitIds.length },
    });
    for (const member of membersOf(tx, unitIds)) {
      notify(
        tx,
        {
          kind: "samSent",
          actorId: actor.id,
          recipients: [member.id],
          link: `/avvikelser/sam/${id}/enhet/${member.unitId}`,
          text: `${input.year} · ${input.dueOn}`,
        },
        now,
      );
    }
    return id;
  });
}

export type FollowUp = typeof samFollowUps.$inferSelect;

/** "SAM 2026", the year an off-cycle follow-up was run in marked by its start date. */
export function followUpTitle(followUp: Pick<FollowUp, "year" | "reason" | "startedAt">): string {
  return followUp.reason === "annual" ? `SAM ${followUp.year}` : `SAM ${day(followUp.startedAt)}`;
}

export function getFollowUp(db: Db, id: string): FollowUp | undefined {
  return db.select().from(samFollowUps).where(eq(samFollowUps.id, id)).get();
}

export function requireOpen(db: Db, id: string): FollowUp {
  const followUp = getFollowUp(db, id);
  if (!followUp) throw new SamError("sam.notFound");
  if (followUp.completedAt) throw new SamError("sam.completed");
  return followUp;
}

/** Every follow-up, newest first, with how many units have answered. */
export function listFollowUps(db: Db) {
  const counts = new Map<string, { sent: number; answered: number }>();
  for (const r of db
    .select({ followUpId: samResponses.followUpId, answeredAt: samResponses.answeredAt })
    .from(samResponses)
    .all()) {
    const c = counts.get(r.followUpId) ?? { sent: 0, answered: 0 };
    c.sent += 1;
    if (r.answeredAt) c.answered += 1;
    counts.set(r.followUpId, c);
  }
  return db
    .select()
    .from(samFollowUps)
    .orderBy(desc(samFollowUps.startedAt))
    .all()
    .map((f) => ({ ...f, ...(counts.get(f.id) ?? { sent: 0, answered: 0 }) }));
}

/**
 * Reminders, run with the other housekeeping: leadership once a year when the annual
 * follow-up is due and not started, and each unit once when its answer is due within a week.
 */
export function sendSamReminders(db: Db, now = new Date()): number {
  const year = now.getFullYear();
  let sent = 0;
  const annual = db
    .select({ year: samFollowUps.year, startedAt: samFollowUps.startedAt })
    .from(samFollowUps)
    .where(eq(samFollowUps.reason, "annual"))
    .orderBy(desc(samFollowUps.startedAt))
    .all();
  if (
    annualFollowUpDue(
      annual[0]?.startedAt ?? null,
      annual.some((f) => f.year === year),
      now,
    )
  ) {
    sent += remindLeadershipOnce(db, { kind: "samDue", link: `/avvikelser/sam?ar=${year}`, text: String(year) }, now);
  }
  const soon = db
    .select({
      id: samResponses.id,
      unitId: samResponses.unitId,
      followUpId: samFollowUps.id,
      dueOn: samFollowUps.dueOn,
    })
    .from(samResponses)
    .innerJoin(samFollowUps, eq(samFollowUps.id, samResponses.followUpId))
    .where(
      and(
        isNull(samResponses.answeredAt),
        isNull(samResponses.remindedAt),
        isNull(samFollowUps.completedAt),
        lte(samFollowUps.dueOn, day(addDays(now, 7))),
      ),
    )
    .all();
  for (const r of soon) {
    writeTransaction(db, (tx) => {
      tx.update(samResponses).set({ remindedAt: now }).where(eq(samResponses.id, r.id)).run();
      sent += notify(
        tx,
        {
          kind: "samDue",
          actorId: null,
          recipients: membersOf(tx, [r.unitId]).map((m) => m.id),
          link: `/avvikelser/sam/${r.followUpId}/enhet/${r.unitId}`,
          text: r.dueOn,
        },
        now,
      );
    });
  }
  return sent;
}
