import { eq } from "drizzle-orm";
import { isDay } from "#app/utils/dates.ts";
import { type Db, writeTransaction } from "#db/client.ts";
import { newId } from "#db/ids.ts";
import { samCompilations, samFollowUps, type SamPriority } from "#db/schema/index.ts";
import { can, type Actor } from "#app/auth/permissions.server.ts";
import { linkEnds } from "./link-ends.server.ts";
import { levelsOf, ORGANISATION, tally, type Level } from "./sam-rules.ts";
import { appendTrailEvent } from "./trail.server.ts";
import { listUnits } from "./units.server.ts";

import { requireOpen, SamError } from "./sam.server.ts";
import { responsesOf } from "./sam-answers.server.ts";

/** A SAM follow-up compiled level by level, up to the organisation, and then completed. */

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
