import { and, asc, eq } from "drizzle-orm";
import { type Db, writeTransaction } from "#db/client.ts";
import { newId } from "#db/ids.ts";
import {
  checklistRounds,
  checklistTemplates,
  units,
  users,
  type ChecklistFrequency,
  type ChecklistQuestion,
  type Role,
} from "#db/schema/index.ts";
import { can, type Actor } from "#app/auth/permissions.server.ts";
import { checkState, dueDayOf, type CheckState } from "./checklist-schedule.ts";
import { DomainError } from "./errors.ts";
import { reportDeviation } from "./deviations.server.ts";
import { appendTrailEvent } from "./trail.server.ts";
import { assertUnitExists } from "./units.server.ts";
import { isDay, toDateTimeInput } from "#app/utils/dates.ts";
import { addDays, parseISO } from "date-fns";
import { createAction } from "./actions.server.ts";
import { AttachmentError, storeFiles, type CheckedFile } from "./attachments.server.ts";

/** Self-monitoring: checklists set for units or roles, each period's round answered once. */

export class ChecklistError extends DomainError<
  | "checklist.notFound"
  | "checklist.notAllowed"
  | "checklist.alreadyAnswered"
  | "checklist.unanswered"
  | "checklist.noQuestions"
  | "checklist.actionIncomplete"
> {}

export type TemplateInput = {
  title: string;
  description: string;
  frequency: ChecklistFrequency;
  unitId: string | null;
  role: Role | null;
  questions: Omit<ChecklistQuestion, "id">[];
};

export function createTemplate(db: Db, actor: Actor, input: TemplateInput, now = new Date()): string {
  if (!can(actor, "create", { type: "checklists" })) throw new ChecklistError("checklist.notAllowed");
  if (input.questions.length === 0) throw new ChecklistError("checklist.noQuestions");
  return writeTransaction(db, (tx) => {
    assertUnitExists(tx, input.unitId);
    const id = newId();
    const questions = input.questions.map((q, i) => ({ ...q, id: `q${i + 1}` }));
    tx.insert(checklistTemplates)
      .values({ id, ...input, questions, createdBy: actor.id, createdAt: now })
      .run();
    appendTrailEvent(tx, {
      actorId: actor.id,
      type: "checklist.created",
      subjectType: "checklist",
      subjectId: id,
      at: now,
      data: { frequency: input.frequency, questions: questions.length },
    });
    return id;
  });
}

export type Template = typeof checklistTemplates.$inferSelect;

export function listTemplates(db: Db): Template[] {
  return db
    .select()
    .from(checklistTemplates)
    .where(eq(checklistTemplates.active, true))
    .orderBy(asc(checklistTemplates.title))
    .all();
}

export function getTemplate(db: Db, id: string): Template | undefined {
  return db.select().from(checklistTemplates).where(eq(checklistTemplates.id, id)).get();
}

/** Who a template is answered for: a unit checklist per unit, a role checklist per person. */
function subjectsOf(db: Db, template: Template): { id: string; name: string }[] {
  if (template.role) {
    return db
      .select({ id: users.id, name: users.name })
      .from(users)
      .where(and(eq(users.role, template.role), eq(users.active, true)))
      .all();
  }
  const all = db.select({ id: units.id, name: units.name }).from(units).orderBy(asc(units.name)).all();
  return template.unitId ? all.filter((u) => u.id === template.unitId) : all;
}

/** Whether this person answers for this subject: their own unit's checks, or their own role checks. */
const answersFor = (actor: Actor, template: Template, subject: string) =>
  can(actor, "answer", { type: "checklist", role: template.role, unitId: template.unitId, subject });

function answeredPeriods(db: Db, templateId: string, subject: string): Set<string> {
  return new Set(
    db
      .select({ period: checklistRounds.period })
      .from(checklistRounds)
      .where(and(eq(checklistRounds.templateId, templateId), eq(checklistRounds.subject, subject)))
      .all()
      .map((r) => r.period),
  );
}

export type Check = CheckState & { template: Template; subject: string; subjectName: string; roundId: string | null };

/** Every answered round, by template and subject, and by period: one read for a whole list. */
function answeredRounds(db: Db) {
  const periods = new Map<string, Set<string>>();
  const rounds = new Map<string, string>();
  for (const r of db
    .select({
      id: checklistRounds.id,
      templateId: checklistRounds.templateId,
      subject: checklistRounds.subject,
      period: checklistRounds.period,
    })
    .from(checklistRounds)
    .all()) {
    const key = `${r.templateId}:${r.subject}`;
    periods.set(key, (periods.get(key) ?? new Set()).add(r.period));
    rounds.set(`${key}:${r.period}`, r.id);
  }
  return { periods, rounds };
}

function checksOf(db: Db, today: Date, include: (template: Template, subject: string) => boolean): Check[] {
  const { periods, rounds } = answeredRounds(db);
  return listTemplates(db).flatMap((template) =>
    subjectsOf(db, template)
      .filter((s) => include(template, s.id))
      .map((s) => {
        const key = `${template.id}:${s.id}`;
        const state = checkState(template.frequency, periods.get(key) ?? new Set(), template.createdAt, today);
        return {
          ...state,
          template,
          subject: s.id,
          subjectName: s.name,
          roundId: rounds.get(`${key}:${state.period}`) ?? null,
        };
      }),
  );
}

/** The checks this person answers, with this period's state and any missed one. */
export function myChecks(db: Db, actor: Actor & { unitId: string | null }, today = new Date()): Check[] {
  return checksOf(db, today, (template, subject) => answersFor(actor, template, subject));
}

/** Every check of every subject, for those who follow up self-monitoring: who is due, who missed. */
export function allChecks(db: Db, today = new Date()): Check[] {
  return checksOf(db, today, () => true);
}

/** One answered round with its questions, for those who may read it. */
export function getRound(db: Db, actor: Actor, id: string) {
  const round = db
    .select({
      id: checklistRounds.id,
      period: checklistRounds.period,
      subject: checklistRounds.subject,
      answers: checklistRounds.answers,
      answeredBy: checklistRounds.answeredBy,
      answeredByName: users.name,
      answeredAt: checklistRounds.answeredAt,
      templateId: checklistRounds.templateId,
    })
    .from(checklistRounds)
    .innerJoin(users, eq(users.id, checklistRounds.answeredBy))
    .where(eq(checklistRounds.id, id))
    .get();
  if (!round || !can(actor, "read", { type: "checklist_round", answeredBy: round.answeredBy, subject: round.subject }))
    return null;
  const template = getTemplate(db, round.templateId)!;
  return { ...round, title: template.title, questions: template.questions };
}

export type Answer = { value: string; note: string };

/** What a "no" leads to: a deviation for someone to investigate, an action the person takes on, or nothing. */
export type FollowUp =
  { kind: "deviation" } | { kind: "action"; title: string; dueOn: string; effectPlan: string } | { kind: "none" };

export type RoundInput = {
  templateId: string;
  subject: string;
  answers: Record<string, Answer>;
  follow: Record<string, FollowUp>;
  /** Photos for photo questions, already checked by content. */
  photos: Record<string, CheckedFile>;
};

/**
 * A round answered, once per period. Each "no" the person chose to follow up becomes a
 * deviation or an action in the same transaction, so a check never records a "no" that was
 * meant to be followed up without what follows it up.
 */
export function answerChecklist(
  db: Db,
  actor: Actor & { unitId: string | null },
  input: RoundInput,
  dataDir: string,
  now = new Date(),
): { roundId: string; reports: string[]; actions: string[] } {
  return writeTransaction(db, (tx) => {
    const template = getTemplate(tx, input.templateId);
    if (!template) throw new ChecklistError("checklist.notFound");
    if (!answersFor(actor, template, input.subject)) throw new ChecklistError("checklist.notAllowed");
    for (const q of template.questions) {
      if (q.type !== "text" && q.type !== "photo" && !input.answers[q.id]?.value)
        throw new ChecklistError("checklist.unanswered");
    }
    const period = checkState(template.frequency, new Set(), template.createdAt, now).period;
    if (answeredPeriods(tx, template.id, input.subject).has(period))
      throw new ChecklistError("checklist.alreadyAnswered");
    const noes = template.questions.filter((q) => input.answers[q.id]?.value === "no");
    for (const q of noes) {
      const follow = input.follow[q.id];
      if (follow?.kind === "action" && (!follow.title.trim() || !isDay(follow.dueOn) || !follow.effectPlan.trim()))
        throw new ChecklistError("checklist.actionIncomplete");
    }
    const roundId = newId();
    const answers = { ...input.answers };
    for (const q of template.questions.filter((q) => q.type === "photo")) {
      const photo = input.photos[q.id];
      if (!photo) continue;
      if (!photo.mime.startsWith("image/")) throw new AttachmentError("attachment.wrongType");
      const [id] = storeFiles(tx, dataDir, { kind: "checklist_round", id: roundId }, [photo], actor.id, now);
      answers[q.id] = { value: id!, note: answers[q.id]?.note ?? "" };
    }
    tx.insert(checklistRounds)
      .values({
        id: roundId,
        templateId: template.id,
        period,
        subject: input.subject,
        answers,
        answeredBy: actor.id,
        answeredAt: now,
      })
      .run();
    const unitId = template.role ? actor.unitId : input.subject;
    const reports: string[] = [];
    const actionIds: string[] = [];
    for (const q of noes) {
      const follow = input.follow[q.id];
      const title = `${template.title}: ${q.text}`.slice(0, 200);
      const note = input.answers[q.id]!.note || q.text;
      if (follow?.kind === "deviation") {
        reports.push(
          reportDeviation(
            tx,
            actor,
            {
              kind: "deviation",
              title,
              description: note,
              unitId,
              processId: null,
              occurredAt: toDateTimeInput(now),
              immediateAction: "",
              contactName: null,
              contactDetails: null,
            },
            [],
            dataDir,
            now,
          ),
        );
      } else if (follow?.kind === "action") {
        // The effect shows at the first round after the action is due: the question answered yes.
        const effectCheckOn = dueDayOf(template.frequency, addDays(parseISO(follow.dueOn), 1));
        actionIds.push(
          createAction(
            tx,
            actor,
            {
              title: follow.title.trim().slice(0, 200),
              reason: `${title}\n${note}`.slice(0, 2000),
              source: "self_monitoring",
              ownerId: actor.id,
              unitId,
              dueOn: follow.dueOn,
              effectPlan: follow.effectPlan.trim().slice(0, 2000),
              effectMeasure: q.text.slice(0, 500),
              effectCheckOn,
            },
            {},
            now,
          ),
        );
      }
    }
    appendTrailEvent(tx, {
      actorId: actor.id,
      type: "checklist.answered",
      subjectType: "checklist",
      subjectId: template.id,
      at: now,
      data: { period, subject: input.subject, noes: noes.length, reports, actions: actionIds },
    });
    return { roundId, reports, actions: actionIds };
  });
}
