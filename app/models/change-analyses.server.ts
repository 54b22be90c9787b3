import { desc, eq } from "drizzle-orm";
import { alias } from "drizzle-orm/sqlite-core";
import { type Db, writeTransaction } from "#db/client.ts";
import { newId } from "#db/ids.ts";
import { nextNumber } from "#db/numbering.ts";
import { changeAnalyses, units, users, type ChangeKind } from "#db/schema/index.ts";
import { can, type Actor } from "#app/auth/permissions.server.ts";
import { DomainError } from "./errors.ts";
import { appendTrailEvent } from "./trail.server.ts";
import { assertUnitExists } from "./units.server.ts";

/**
 * Risk analyses before a change. The risks an analysis finds live in the risk register,
 * linked to it; the analysis records what changes, who took part, and what was concluded.
 */

export class ChangeAnalysisError extends DomainError<
  "changeAnalysis.notFound" | "changeAnalysis.notAllowed" | "changeAnalysis.concluded" | "changeAnalysis.ownerNotFound"
> {}

export type ChangeAnalysisInput = {
  title: string;
  kind: ChangeKind;
  description: string;
  participants: string;
  plannedOn: string;
  unitId: string | null;
  ownerId: string;
};

const owner = alias(users, "owner");

function selectAnalyses(db: Db) {
  return db
    .select({
      id: changeAnalyses.id,
      number: changeAnalyses.number,
      title: changeAnalyses.title,
      kind: changeAnalyses.kind,
      description: changeAnalyses.description,
      participants: changeAnalyses.participants,
      plannedOn: changeAnalyses.plannedOn,
      unitId: changeAnalyses.unitId,
      unitName: units.name,
      ownerId: changeAnalyses.ownerId,
      ownerName: owner.name,
      conclusion: changeAnalyses.conclusion,
      concludedAt: changeAnalyses.concludedAt,
      createdBy: changeAnalyses.createdBy,
      createdAt: changeAnalyses.createdAt,
    })
    .from(changeAnalyses)
    .innerJoin(owner, eq(owner.id, changeAnalyses.ownerId))
    .leftJoin(units, eq(units.id, changeAnalyses.unitId));
}

export type ChangeAnalysis = ReturnType<ReturnType<typeof selectAnalyses>["all"]>[number];

/** Who may change an analysis: as for a risk, its owner, its author, or those who keep the system. */
export const changeAnalysisResource = (analysis: { ownerId: string; createdBy: string }) =>
  ({ type: "risk", ownerId: analysis.ownerId, createdBy: analysis.createdBy }) as const;

export function listChangeAnalyses(db: Db): ChangeAnalysis[] {
  return selectAnalyses(db).orderBy(desc(changeAnalyses.number)).all();
}

export function getChangeAnalysis(db: Db, id: string): ChangeAnalysis | undefined {
  return selectAnalyses(db).where(eq(changeAnalyses.id, id)).get();
}

export function createChangeAnalysis(db: Db, actor: Actor, input: ChangeAnalysisInput, now = new Date()): string {
  if (!can(actor, "create", { type: "risks" })) throw new ChangeAnalysisError("changeAnalysis.notAllowed");
  return writeTransaction(db, (tx) => {
    assertUnitExists(tx, input.unitId);
    const person = tx.select({ active: users.active }).from(users).where(eq(users.id, input.ownerId)).get();
    if (!person?.active) throw new ChangeAnalysisError("changeAnalysis.ownerNotFound");
    const id = newId();
    const number = nextNumber(tx, changeAnalyses, changeAnalyses.number);
    tx.insert(changeAnalyses)
      .values({ id, number, ...input, createdBy: actor.id, createdAt: now })
      .run();
    appendTrailEvent(tx, {
      actorId: actor.id,
      type: "changeAnalysis.created",
      subjectType: "change_analysis",
      subjectId: id,
      at: now,
      data: { kind: input.kind, plannedOn: input.plannedOn },
    });
    return id;
  });
}

/** The analysis is done: its conclusion is recorded once and the analysis is closed. */
export function concludeChangeAnalysis(db: Db, actor: Actor, id: string, conclusion: string, now = new Date()): void {
  writeTransaction(db, (tx) => {
    const analysis = getChangeAnalysis(tx, id);
    if (!analysis) throw new ChangeAnalysisError("changeAnalysis.notFound");
    if (!can(actor, "edit", changeAnalysisResource(analysis))) {
      throw new ChangeAnalysisError("changeAnalysis.notAllowed");
    }
    if (analysis.concludedAt) throw new ChangeAnalysisError("changeAnalysis.concluded");
    tx.update(changeAnalyses)
      .set({ conclusion, concludedBy: actor.id, concludedAt: now })
      .where(eq(changeAnalyses.id, id))
      .run();
    appendTrailEvent(tx, {
      actorId: actor.id,
      type: "changeAnalysis.concluded",
      subjectType: "change_analysis",
      subjectId: id,
      at: now,
    });
  });
}
