import { and, asc, desc, eq, isNull } from "drizzle-orm";
import { alias } from "drizzle-orm/sqlite-core";
import { type Db, writeTransaction } from "#db/client.ts";
import { newId } from "#db/ids.ts";
import {
  complianceEvaluations,
  contextItems,
  frameworks,
  legalRequirements,
  organisations,
  participationMeetings,
  units,
  users,
  type ComplianceResult,
  type ContextKind,
  type DocumentArea,
  type MeetingKind,
} from "#db/schema/index.ts";
import { can, type Actor } from "#app/auth/permissions.server.ts";
import { isDay } from "#app/utils/dates.ts";
import { DomainError } from "./errors.ts";
import { getOrganisation } from "./organisation.server.ts";
import { dayOf, listCurrent } from "./releases.server.ts";
import { appendTrailEvent, trailFacts } from "./trail.server.ts";

/**
 * What surrounds the requirements: the organisation's context and interested parties, its
 * size, how staff take part, and the laws it must follow. All of it is evidence an auditor asks for.
 */

export class ContextError extends DomainError<
  "context.notAllowed" | "context.notFound" | "context.incomplete" | "context.badDate" | "context.badResponsible"
> {}

function assertManager(actor: Actor) {
  if (!can(actor, "manage", { type: "requirements" })) throw new ContextError("context.notAllowed");
}

const clean = (text: string, max = 2000) => text.trim().slice(0, max);

const contextValues = (input: { kind: ContextKind; title: string; detail: string }) => ({
  kind: input.kind,
  title: clean(input.title, 300),
  detail: clean(input.detail),
});

export function addContextItem(
  db: Db,
  actor: Actor,
  input: { kind: ContextKind; title: string; detail: string },
  now = new Date(),
): string {
  assertManager(actor);
  if (!input.title.trim()) throw new ContextError("context.incomplete");
  return writeTransaction(db, (tx) => {
    const id = newId();
    const values = contextValues(input);
    tx.insert(contextItems)
      .values({ id, ...values, createdBy: actor.id, createdAt: now })
      .run();
    appendTrailEvent(tx, {
      actorId: actor.id,
      type: "context.added",
      subjectType: "context",
      subjectId: id,
      at: now,
      data: trailFacts(values),
    });
    return id;
  });
}

/** An issue or interested party put in other words, or moved to another kind. */
export function updateContextItem(
  db: Db,
  actor: Actor,
  id: string,
  input: { kind: ContextKind; title: string; detail: string },
  now = new Date(),
): void {
  assertManager(actor);
  if (!input.title.trim()) throw new ContextError("context.incomplete");
  writeTransaction(db, (tx) => {
    const values = contextValues(input);
    const changed = tx
      .update(contextItems)
      .set(values)
      .where(and(eq(contextItems.id, id), isNull(contextItems.removedAt)))
      .run();
    if (changed.changes === 0) throw new ContextError("context.notFound");
    appendTrailEvent(tx, {
      actorId: actor.id,
      type: "context.updated",
      subjectType: "context",
      subjectId: id,
      at: now,
      data: trailFacts(values),
    });
  });
}

/** An issue or party no longer relevant: kept, marked as removed, so earlier reviews still make sense. */
export function removeContextItem(db: Db, actor: Actor, id: string, now = new Date()): void {
  assertManager(actor);
  writeTransaction(db, (tx) => {
    const item = tx.select().from(contextItems).where(eq(contextItems.id, id)).get();
    if (!item || item.removedAt) throw new ContextError("context.notFound");
    tx.update(contextItems).set({ removedBy: actor.id, removedAt: now }).where(eq(contextItems.id, id)).run();
    appendTrailEvent(tx, {
      actorId: actor.id,
      type: "context.removed",
      subjectType: "context",
      subjectId: id,
      at: now,
    });
  });
}

export function currentContext(db: Db) {
  return db
    .select()
    .from(contextItems)
    .where(isNull(contextItems.removedAt))
    .orderBy(asc(contextItems.createdAt))
    .all();
}

/** The recorded decision whether climate change is a relevant issue, and the organisation's size. */
export function recordContextDecisions(
  db: Db,
  actor: Actor,
  input: { employees: number | null; climateRelevant: boolean | null; climateNote: string },
  now = new Date(),
): void {
  assertManager(actor);
  if (input.climateRelevant !== null && !input.climateNote.trim()) throw new ContextError("context.incomplete");
  writeTransaction(db, (tx) => {
    const org = getOrganisation(tx);
    if (!org) throw new ContextError("context.notFound");
    const climateChanged =
      input.climateRelevant !== org.climateRelevant || clean(input.climateNote) !== org.climateNote;
    const values = {
      employees: input.employees,
      climateRelevant: input.climateRelevant,
      climateNote: clean(input.climateNote),
      climateDecidedAt: climateChanged ? now : org.climateDecidedAt,
    };
    tx.update(organisations).set(values).where(eq(organisations.id, org.id)).run();
    appendTrailEvent(tx, {
      actorId: actor.id,
      type: "context.decisions",
      subjectType: "organisation",
      subjectId: org.id,
      at: now,
      data: { employees: values.employees, climateRelevant: values.climateRelevant },
    });
  });
}

/** A framework's scope here (omfattning) and its boundaries. */
export function setFrameworkScope(
  db: Db,
  actor: Actor,
  frameworkId: string,
  input: { scope: string; boundaries: string },
  now = new Date(),
): void {
  assertManager(actor);
  writeTransaction(db, (tx) => {
    const values = { scope: clean(input.scope, 4000), boundaries: clean(input.boundaries, 4000) };
    const changed = tx.update(frameworks).set(values).where(eq(frameworks.id, frameworkId)).run();
    if (changed.changes === 0) throw new ContextError("context.notFound");
    appendTrailEvent(tx, {
      actorId: actor.id,
      type: "framework.scope",
      subjectType: "framework",
      subjectId: frameworkId,
      at: now,
      data: trailFacts(values),
    });
  });
}

/** From this many employees, AFS 2023:1 wants the SAM policy, routines, delegation and annual follow-up in writing. */
export const WRITTEN_SAM_FROM = 10;

/**
 * What must be in writing at this size, and whether Lots holds it: a work-environment policy
 * and routines in effect. Delegation and the annual follow-up are shown on their own pages.
 */
export function writtenSamDocuments(db: Db, now = new Date()) {
  const employees = getOrganisation(db)?.employees ?? null;
  if (employees === null || employees < WRITTEN_SAM_FROM) return { employees, required: false as const };
  const inEffect = listCurrent(db, {}, now).filter((r) => r.areas.includes("work_environment"));
  return {
    employees,
    required: true as const,
    policy: inEffect.filter((r) => r.type === "policy").map((r) => r.title),
    routines: inEffect.filter((r) => r.type === "routine").map((r) => r.title),
  };
}

export type MeetingInput = {
  kind: MeetingKind;
  heldOn: string;
  unitId: string | null;
  participants: string;
  raised: string;
  decisions: string;
};

/** A workplace meeting, safety committee or consultation, recorded as evidence of participation. */
export function recordMeeting(db: Db, actor: Actor, input: MeetingInput, now = new Date()): string {
  if (!can(actor, "edit", { type: "links" })) throw new ContextError("context.notAllowed");
  if (!isDay(input.heldOn) || input.heldOn > dayOf(now)) throw new ContextError("context.badDate");
  if (!input.participants.trim() || !input.raised.trim()) throw new ContextError("context.incomplete");
  return writeTransaction(db, (tx) => {
    if (input.unitId && !tx.select().from(units).where(eq(units.id, input.unitId)).get())
      throw new ContextError("context.notFound");
    const id = newId();
    const values = {
      kind: input.kind,
      heldOn: input.heldOn,
      unitId: input.unitId,
      participants: clean(input.participants),
      raised: clean(input.raised, 4000),
      decisions: clean(input.decisions, 4000),
    };
    tx.insert(participationMeetings)
      .values({ id, ...values, createdBy: actor.id, createdAt: now })
      .run();
    appendTrailEvent(tx, {
      actorId: actor.id,
      type: "meeting.recorded",
      subjectType: "meeting",
      subjectId: id,
      at: now,
      data: trailFacts(values),
    });
    return id;
  });
}

export function listMeetings(db: Db) {
  return db
    .select({ meeting: participationMeetings, unitName: units.name })
    .from(participationMeetings)
    .leftJoin(units, eq(units.id, participationMeetings.unitId))
    .orderBy(desc(participationMeetings.heldOn))
    .all()
    .map((r) => ({ ...r.meeting, unitName: r.unitName }));
}

export function getMeeting(db: Db, id: string) {
  return db.select().from(participationMeetings).where(eq(participationMeetings.id, id)).get();
}

type LegalInput = {
  title: string;
  reference: string;
  areas: DocumentArea[];
  howItApplies: string;
  responsibleId: string;
};

/** A law's entry as stored, with a responsible person who works here and is active. */
function legalValues(tx: Db, input: LegalInput) {
  const responsible = tx.select().from(users).where(eq(users.id, input.responsibleId)).get();
  if (!responsible?.active || responsible.role === "external_auditor") throw new ContextError("context.badResponsible");
  return {
    title: clean(input.title, 300),
    reference: clean(input.reference, 500),
    areas: input.areas,
    howItApplies: clean(input.howItApplies, 4000),
    responsibleId: responsible.id,
  };
}

export function addLegalRequirement(db: Db, actor: Actor, input: LegalInput, now = new Date()): string {
  assertManager(actor);
  if (!input.title.trim() || !input.howItApplies.trim()) throw new ContextError("context.incomplete");
  return writeTransaction(db, (tx) => {
    const id = newId();
    const values = legalValues(tx, input);
    tx.insert(legalRequirements)
      .values({ id, ...values, createdBy: actor.id, createdAt: now })
      .run();
    appendTrailEvent(tx, {
      actorId: actor.id,
      type: "legal.added",
      subjectType: "legal_requirement",
      subjectId: id,
      at: now,
      data: trailFacts(values),
    });
    return id;
  });
}

/** A law's entry corrected: its name, reference, areas, how it applies, or who follows it. */
export function updateLegalRequirement(db: Db, actor: Actor, id: string, input: LegalInput, now = new Date()): void {
  assertManager(actor);
  if (!input.title.trim() || !input.howItApplies.trim()) throw new ContextError("context.incomplete");
  writeTransaction(db, (tx) => {
    const values = legalValues(tx, input);
    const changed = tx.update(legalRequirements).set(values).where(eq(legalRequirements.id, id)).run();
    if (changed.changes === 0) throw new ContextError("context.notFound");
    appendTrailEvent(tx, {
      actorId: actor.id,
      type: "legal.updated",
      subjectType: "legal_requirement",
      subjectId: id,
      at: now,
      data: trailFacts(values),
    });
  });
}

/** A dated evaluation of compliance: by the person who follows the law, or by those who keep the register. */
export function evaluateCompliance(
  db: Db,
  actor: Actor,
  legalRequirementId: string,
  input: { evaluatedOn: string; result: ComplianceResult; note: string },
  now = new Date(),
): void {
  if (!isDay(input.evaluatedOn) || input.evaluatedOn > dayOf(now)) throw new ContextError("context.badDate");
  if (!input.note.trim()) throw new ContextError("context.incomplete");
  writeTransaction(db, (tx) => {
    const law = tx.select().from(legalRequirements).where(eq(legalRequirements.id, legalRequirementId)).get();
    if (!law) throw new ContextError("context.notFound");
    if (law.responsibleId !== actor.id && !can(actor, "manage", { type: "requirements" }))
      throw new ContextError("context.notAllowed");
    const id = newId();
    const values = { evaluatedOn: input.evaluatedOn, result: input.result, note: clean(input.note, 4000) };
    tx.insert(complianceEvaluations)
      .values({ id, legalRequirementId, ...values, evaluatedBy: actor.id, createdAt: now })
      .run();
    appendTrailEvent(tx, {
      actorId: actor.id,
      type: "legal.evaluated",
      subjectType: "legal_requirement",
      subjectId: legalRequirementId,
      at: now,
      data: trailFacts(values),
    });
  });
}

const responsible = alias(users, "responsible");
const evaluator = alias(users, "evaluator");

/** The legal register (or one law of it), each law with who follows it and its evaluations, the latest first. */
export function legalRegister(db: Db, onlyId?: string) {
  const evaluations = db
    .select({ evaluation: complianceEvaluations, evaluatorName: evaluator.name })
    .from(complianceEvaluations)
    .innerJoin(evaluator, eq(evaluator.id, complianceEvaluations.evaluatedBy))
    .where(onlyId ? eq(complianceEvaluations.legalRequirementId, onlyId) : undefined)
    .orderBy(desc(complianceEvaluations.evaluatedOn), desc(complianceEvaluations.createdAt))
    .all();
  return db
    .select({ law: legalRequirements, responsibleName: responsible.name })
    .from(legalRequirements)
    .innerJoin(responsible, eq(responsible.id, legalRequirements.responsibleId))
    .where(onlyId ? eq(legalRequirements.id, onlyId) : undefined)
    .orderBy(asc(legalRequirements.title))
    .all()
    .map((r) => ({
      ...r.law,
      responsibleName: r.responsibleName,
      evaluations: evaluations
        .filter((e) => e.evaluation.legalRequirementId === r.law.id)
        .map((e) => ({ ...e.evaluation, evaluatorName: e.evaluatorName })),
    }));
}
