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
import { checkState, type CheckState } from "./checklist-schedule.ts";
import { DomainError } from "./errors.ts";
import { createReport } from "./reports.server.ts";
import { appendTrailEvent } from "./trail.server.ts";
import { assertUnitExists } from "./units.server.ts";
import { toDateTimeInput } from "#app/utils/dates.ts";

/** Self-monitoring: checklists set for units or roles, each period's round answered once. */

export class ChecklistError extends DomainError<
  | "checklist.notFound"
  | "checklist.notAllowed"
  | "checklist.alreadyAnswered"
  | "checklist.unanswered"
  | "checklist.noQuestions"
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
      data: { title: input.title, frequency: input.frequency, questions: questions.length },
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
function answersFor(actor: Actor & { unitId: string | null }, template: Template, subject: string): boolean {
  if (template.role) return template.role === actor.role && subject === actor.id;
  return subject === actor.unitId && (template.unitId === null || template.unitId === subject);
}

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

export type Check = CheckState & { template: Template; subject: string; subjectName: string };

/** Which periods each template has been answered for, per subject: one read for a whole list. */
function answeredByTemplate(db: Db): Map<string, Set<string>> {
  const out = new Map<string, Set<string>>();
  for (const r of db
    .select({
      templateId: checklistRounds.templateId,
      subject: checklistRounds.subject,
      period: checklistRounds.period,
    })
    .from(checklistRounds)
    .all()) {
    const key = `${r.templateId}:${r.subject}`;
    const periods = out.get(key) ?? new Set<string>();
    periods.add(r.period);
    out.set(key, periods);
  }
  return out;
}

function checksOf(db: Db, today: Date, include: (template: Template, subject: string) => boolean): Check[] {
  const answered = answeredByTemplate(db);
  return listTemplates(db).flatMap((template) =>
    subjectsOf(db, template)
      .filter((s) => include(template, s.id))
      .map((s) => ({
        ...checkState(
          template.frequency,
          answered.get(`${template.id}:${s.id}`) ?? new Set(),
          template.createdAt,
          today,
        ),
        template,
        subject: s.id,
        subjectName: s.name,
      })),
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

export type Answer = { value: string; note: string };

/**
 * A round answered, once per period. Each "no" the person chose to report becomes a deviation
 * in the same transaction, so a check never records a "no" that was meant to be followed up
 * without the report that follows it up.
 */
export function answerChecklist(
  db: Db,
  actor: Actor & { unitId: string | null },
  input: { templateId: string; subject: string; answers: Record<string, Answer>; raise: string[] },
  dataDir: string,
  now = new Date(),
): { roundId: string; reports: string[] } {
  return writeTransaction(db, (tx) => {
    const template = getTemplate(tx, input.templateId);
    if (!template) throw new ChecklistError("checklist.notFound");
    if (!answersFor(actor, template, input.subject)) throw new ChecklistError("checklist.notAllowed");
    for (const q of template.questions) {
      if (q.type !== "text" && !input.answers[q.id]?.value) throw new ChecklistError("checklist.unanswered");
    }
    const period = checkState(template.frequency, new Set(), template.createdAt, now).period;
    if (answeredPeriods(tx, template.id, input.subject).has(period))
      throw new ChecklistError("checklist.alreadyAnswered");
    const roundId = newId();
    tx.insert(checklistRounds)
      .values({
        id: roundId,
        templateId: template.id,
        period,
        subject: input.subject,
        answers: input.answers,
        answeredBy: actor.id,
        answeredAt: now,
      })
      .run();
    appendTrailEvent(tx, {
      actorId: actor.id,
      type: "checklist.answered",
      subjectType: "checklist",
      subjectId: template.id,
      at: now,
      data: {
        period,
        subject: input.subject,
        noes: template.questions.filter((q) => input.answers[q.id]?.value === "no").length,
      },
    });
    const raised = template.questions.filter((q) => input.raise.includes(q.id) && input.answers[q.id]?.value === "no");
    const reports = raised.map((q) =>
      createReport(
        tx,
        actor,
        {
          kind: "deviation",
          title: `${template.title}: ${q.text}`.slice(0, 200),
          description: input.answers[q.id]!.note || q.text,
          unitId: template.role ? actor.unitId : input.subject,
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
    return { roundId, reports };
  });
}
