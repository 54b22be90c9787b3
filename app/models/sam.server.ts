import { and, asc, desc, eq, inArray, isNull, lte, ne } from "drizzle-orm";
import { alias } from "drizzle-orm/sqlite-core";
import { addDays, format } from "date-fns";
import { isDay } from "#app/utils/dates.ts";
import { type Db, writeTransaction } from "#db/client.ts";
import { newId } from "#db/ids.ts";
import {
  samAssessments,
  samCompilations,
  samFollowUps,
  samResponses,
  units,
  users,
  type SamAnswer,
  type SamMethod,
  type SamPriority,
  type SamReason,
} from "#db/schema/index.ts";
import { can, type Actor } from "#app/auth/permissions.server.ts";
import { DomainError } from "./errors.ts";
import { linkEnds } from "./link-ends.server.ts";
import { notify, remindLeadershipOnce } from "./notifications.server.ts";
import { annualFollowUpDue, levelsOf, ORGANISATION, samQuestions, tally, type Level } from "./sam-rules.ts";
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
function membersOf(db: Db, unitIds: readonly string[]) {
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

function requireOpen(db: Db, id: string): FollowUp {
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

const manager = alias(users, "manager");
const safetyRep = alias(users, "safety_rep");

/** Each unit's answer (or that it is still awaited), with the names of the two who answered. */
export function responsesOf(db: Db, followUpId: string) {
  return db
    .select({
      id: samResponses.id,
      unitId: samResponses.unitId,
      unitName: units.name,
      answers: samResponses.answers,
      method: samResponses.method,
      managerName: manager.name,
      safetyRepName: safetyRep.name,
      strengths: samResponses.strengths,
      improvements: samResponses.improvements,
      answeredAt: samResponses.answeredAt,
    })
    .from(samResponses)
    .innerJoin(units, eq(units.id, samResponses.unitId))
    .leftJoin(manager, eq(manager.id, samResponses.managerId))
    .leftJoin(safetyRep, eq(safetyRep.id, samResponses.safetyRepId))
    .where(eq(samResponses.followUpId, followUpId))
    .orderBy(asc(units.name))
    .all();
}

export type Response = ReturnType<typeof responsesOf>[number];

/** The follow-ups waiting for an answer from this person's unit. */
export function awaitingMyUnit(db: Db, actor: Actor) {
  if (!actor.unitId) return [];
  return db
    .select({
      followUpId: samFollowUps.id,
      year: samFollowUps.year,
      dueOn: samFollowUps.dueOn,
      unitId: samResponses.unitId,
    })
    .from(samResponses)
    .innerJoin(samFollowUps, eq(samFollowUps.id, samResponses.followUpId))
    .where(
      and(eq(samResponses.unitId, actor.unitId), isNull(samResponses.answeredAt), isNull(samFollowUps.completedAt)),
    )
    .all();
}

export type AnswerInput = {
  followUpId: string;
  unitId: string;
  answers: Record<string, SamAnswer>;
  method: SamMethod;
  managerId: string;
  safetyRepId: string;
  strengths: string;
  improvements: string;
};

/**
 * A unit's answer, given once. The manager and the safety representative answer together: two
 * different people are named, and whoever sends it in is one of them (or someone who steers,
 * registering a meeting's result).
 */
export function answerFollowUp(db: Db, actor: Actor, input: AnswerInput, now = new Date()): void {
  if (!can(actor, "edit", { type: "sam_response", unitId: input.unitId })) throw new SamError("sam.notAllowed");
  writeTransaction(db, (tx) => {
    const followUp = requireOpen(tx, input.followUpId);
    const response = tx
      .select()
      .from(samResponses)
      .where(and(eq(samResponses.followUpId, followUp.id), eq(samResponses.unitId, input.unitId)))
      .get();
    if (!response) throw new SamError("sam.notFound");
    if (response.answeredAt) throw new SamError("sam.alreadyAnswered");
    const answers: Record<string, SamAnswer> = {};
    for (const q of samQuestions) {
      const answer = input.answers[q];
      if (!answer || !samAssessments.includes(answer.value)) throw new SamError("sam.unanswered");
      answers[q] = { value: answer.value, note: answer.note.trim().slice(0, 2000) };
    }
    if (!input.strengths.trim() || !input.improvements.trim()) throw new SamError("sam.unanswered");
    const named = [input.managerId, input.safetyRepId];
    const real = tx
      .select({ id: users.id })
      .from(users)
      .where(and(inArray(users.id, named), eq(users.active, true)))
      .all();
    if (input.managerId === input.safetyRepId || real.length !== 2) throw new SamError("sam.participants");
    if (!named.includes(actor.id) && !can(actor, "manage", { type: "sam" })) throw new SamError("sam.participants");
    tx.update(samResponses)
      .set({
        answers,
        method: input.method,
        managerId: input.managerId,
        safetyRepId: input.safetyRepId,
        strengths: input.strengths.trim().slice(0, 4000),
        improvements: input.improvements.trim().slice(0, 4000),
        answeredBy: actor.id,
        answeredAt: now,
      })
      .where(eq(samResponses.id, response.id))
      .run();
    appendTrailEvent(tx, {
      actorId: actor.id,
      type: "sam.answered",
      subjectType: "sam_follow_up",
      subjectId: followUp.id,
      at: now,
      data: {
        unitId: input.unitId,
        method: input.method,
        managerId: input.managerId,
        safetyRepId: input.safetyRepId,
        noes: samQuestions.filter((q) => answers[q]!.value === "no").length,
      },
    });
    // The other of the two hears that the answer went in with their name on it.
    notify(
      tx,
      {
        kind: "samAnswered",
        actorId: actor.id,
        recipients: named,
        link: `/avvikelser/sam/${followUp.id}/enhet/${input.unitId}`,
        text: String(followUp.year),
      },
      now,
    );
  });
}

export type LevelView = Level & {
  answered: number;
  compilation: typeof samCompilations.$inferSelect | null;
};

/** The levels of a follow-up, lowest first, each with how many of its units answered and its compilation. */
export function levelsOfFollowUp(db: Db, followUpId: string, responses = responsesOf(db, followUpId)): LevelView[] {
  const compiled = new Map(
    db
      .select()
      .from(samCompilations)
      .where(eq(samCompilations.followUpId, followUpId))
      .all()
      .map((c) => [c.level, c]),
  );
  const answered = new Set(responses.filter((r) => r.answeredAt).map((r) => r.unitId));
  return levelsOf(
    listUnits(db),
    responses.map((r) => r.unitId),
  ).map((l) => ({
    ...l,
    answered: l.scope.filter((id) => answered.has(id)).length,
    compilation: compiled.get(l.level) ?? null,
  }));
}

/** What a level's compilation starts from: its answered units, how they assessed each question, and the levels beneath. */
export function levelPicture(db: Db, followUpId: string, level: string) {
  const responses = responsesOf(db, followUpId);
  const levels = levelsOfFollowUp(db, followUpId, responses);
  const here = levels.find((l) => l.level === level);
  if (!here) return null;
  const inScope = responses.filter((r) => here.scope.includes(r.unitId));
  const answered = inScope.filter((r) => r.answeredAt && r.answers);
  return {
    level: here,
    responses: inScope,
    tally: tally(answered.map((r) => r.answers!)),
    beneath: levels.filter((l) => l !== here && l.scope.every((id) => here.scope.includes(id)) && l.compilation),
  };
}

export type CompileInput = {
  followUpId: string;
  level: string;
  strengths: string;
  improvements: string;
  priorities: SamPriority[];
  feedback: string;
  feedbackOn: string;
};

/** A level's compilation, written and rewritten until the follow-up is completed; each save is on the trail. */
export function compileLevel(db: Db, actor: Actor, input: CompileInput, now = new Date()): void {
  if (!can(actor, "manage", { type: "sam" })) throw new SamError("sam.notAllowed");
  const text = (value: string, max = 4000) => value.trim().slice(0, max);
  const priorities = input.priorities
    .map((p) => ({
      area: text(p.area, 300),
      whys: p.whys.map((w) => text(w, 500)).filter(Boolean),
      cause: text(p.cause, 1000),
    }))
    .filter((p) => p.area);
  if (!input.strengths.trim() || !input.improvements.trim() || !input.feedback.trim())
    throw new SamError("sam.compileIncomplete");
  if (!isDay(input.feedbackOn)) throw new SamError("sam.badDate");
  writeTransaction(db, (tx) => {
    requireOpen(tx, input.followUpId);
    if (!levelsOfFollowUp(tx, input.followUpId).some((l) => l.level === input.level))
      throw new SamError("sam.notFound");
    const values = {
      strengths: text(input.strengths),
      improvements: text(input.improvements),
      priorities,
      feedback: text(input.feedback),
      feedbackOn: input.feedbackOn,
      compiledBy: actor.id,
      compiledAt: now,
    };
    tx.insert(samCompilations)
      .values({ id: newId(), followUpId: input.followUpId, level: input.level, ...values })
      .onConflictDoUpdate({ target: [samCompilations.followUpId, samCompilations.level], set: values })
      .run();
    appendTrailEvent(tx, {
      actorId: actor.id,
      type: "sam.compiled",
      subjectType: "sam_follow_up",
      subjectId: input.followUpId,
      at: now,
      data: { level: input.level, priorities: priorities.length, feedbackOn: input.feedbackOn },
    });
  });
}

/** How many actions are linked to a follow-up: the action plan's part of it. */
function actionCount(db: Db, followUpId: string): number {
  return linkEnds(db, { kind: "sam_follow_up", id: followUpId }, "action").length;
}

/**
 * Completes a follow-up: the organisation's compilation is written, and prioritised areas have
 * at least one action in the plan. Afterwards nothing in it changes.
 */
export function completeFollowUp(db: Db, actor: Actor, id: string, now = new Date()): void {
  if (!can(actor, "manage", { type: "sam" })) throw new SamError("sam.notAllowed");
  writeTransaction(db, (tx) => {
    requireOpen(tx, id);
    const levels = levelsOfFollowUp(tx, id);
    if (!levels.find((l) => l.level === ORGANISATION)?.compilation) throw new SamError("sam.needsOrganisation");
    const prioritised = levels.some((l) => (l.compilation?.priorities.length ?? 0) > 0);
    if (prioritised && actionCount(tx, id) === 0) throw new SamError("sam.prioritiesNeedActions");
    tx.update(samFollowUps).set({ completedBy: actor.id, completedAt: now }).where(eq(samFollowUps.id, id)).run();
    appendTrailEvent(tx, {
      actorId: actor.id,
      type: "sam.completed",
      subjectType: "sam_follow_up",
      subjectId: id,
      at: now,
      data: { actions: actionCount(tx, id) },
    });
  });
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
