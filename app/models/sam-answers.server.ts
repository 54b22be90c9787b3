import { and, asc, eq, inArray, isNull } from "drizzle-orm";
import { alias } from "drizzle-orm/sqlite-core";
import { type Db, writeTransaction } from "#db/client.ts";
import {
  samAssessments,
  samFollowUps,
  samResponses,
  units,
  users,
  type SamAnswer,
  type SamMethod,
} from "#db/schema/index.ts";
import { can, type Actor } from "#app/auth/permissions.server.ts";
import { notify } from "./notifications.server.ts";
import { samQuestions } from "./sam-rules.ts";
import { appendTrailEvent } from "./trail.server.ts";

import { requireOpen, SamError } from "./sam.server.ts";

/** A unit's answer to a SAM follow-up, written together by its manager and safety representative. */

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
