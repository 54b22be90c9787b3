import { asc, eq } from "drizzle-orm";
import { type Db, writeTransaction } from "#db/client.ts";
import { newId } from "#db/ids.ts";
import { competenceRecords, competences, users, type Role, type VerificationMethod } from "#db/schema/index.ts";
import { can, type Actor } from "#app/auth/permissions.server.ts";
import { isDay } from "#app/utils/dates.ts";
import { competenceState } from "./competence-rules.ts";
import { DomainError } from "./errors.ts";
import { dayOf } from "./releases.server.ts";
import { appendTrailEvent, trailFacts } from "./trail.server.ts";

/** Competence requirements per role and routine, training records, verified competence, and the matrix of it all. */

export class CompetenceError extends DomainError<
  | "competence.notAllowed"
  | "competence.notFound"
  | "competence.incomplete"
  | "competence.badDate"
  | "competence.selfVerification"
> {}

export type CompetenceInput = {
  name: string;
  description: string;
  roles: Role[];
  documentId: string | null;
  validMonths: number | null;
};

export function createCompetence(db: Db, actor: Actor, input: CompetenceInput, now = new Date()): string {
  if (!can(actor, "manage", { type: "delegations" })) throw new CompetenceError("competence.notAllowed");
  if (!input.name.trim()) throw new CompetenceError("competence.incomplete");
  return writeTransaction(db, (tx) => {
    const id = newId();
    const values = {
      name: input.name.trim().slice(0, 200),
      description: input.description.trim().slice(0, 2000),
      roles: [...new Set(input.roles)],
      documentId: input.documentId,
      validMonths: input.validMonths,
    };
    tx.insert(competences)
      .values({ id, ...values, createdBy: actor.id, createdAt: now })
      .run();
    appendTrailEvent(tx, {
      actorId: actor.id,
      type: "competence.created",
      subjectType: "competence",
      subjectId: id,
      at: now,
      data: trailFacts(values),
    });
    return id;
  });
}

/**
 * Training done, or competence verified in practice. Nobody verifies their own competence:
 * a verification is someone else's judgement.
 */
export function recordCompetence(
  db: Db,
  actor: Actor,
  input: { competenceId: string; userId: string; kind: "training" | VerificationMethod; on: string; note: string },
  now = new Date(),
): string {
  if (!can(actor, "manage", { type: "delegations" })) throw new CompetenceError("competence.notAllowed");
  if (!isDay(input.on) || input.on > dayOf(now)) throw new CompetenceError("competence.badDate");
  if (input.kind !== "training" && input.userId === actor.id) throw new CompetenceError("competence.selfVerification");
  if (input.kind !== "training" && !input.note.trim()) throw new CompetenceError("competence.incomplete");
  return writeTransaction(db, (tx) => {
    if (!tx.select().from(competences).where(eq(competences.id, input.competenceId)).get())
      throw new CompetenceError("competence.notFound");
    if (!tx.select().from(users).where(eq(users.id, input.userId)).get())
      throw new CompetenceError("competence.notFound");
    const id = newId();
    const values = { ...input, note: input.note.trim().slice(0, 2000) };
    tx.insert(competenceRecords)
      .values({ id, ...values, recordedBy: actor.id, recordedAt: now })
      .run();
    appendTrailEvent(tx, {
      actorId: actor.id,
      type: "competence.recorded",
      subjectType: "competence",
      subjectId: input.competenceId,
      at: now,
      data: trailFacts(values),
    });
    return id;
  });
}

export function listCompetences(db: Db) {
  return db.select().from(competences).orderBy(asc(competences.name)).all();
}

/** People × competences: each cell's state, and the gaps and expiries to act on. */
export function competenceMatrix(db: Db, now = new Date()) {
  const today = dayOf(now);
  const all = listCompetences(db);
  const people = db
    .select({ id: users.id, name: users.name, role: users.role })
    .from(users)
    .where(eq(users.active, true))
    .orderBy(asc(users.name))
    .all()
    .filter((p) => p.role !== "external_auditor");
  const records = db.select().from(competenceRecords).all();
  const rows = people.map((p) => ({
    ...p,
    cells: all.map((c) => ({
      competenceId: c.id,
      ...competenceState(
        c.roles.includes(p.role),
        records.filter((r) => r.userId === p.id && r.competenceId === c.id),
        c.validMonths,
        today,
      ),
    })),
  }));
  const states = rows.flatMap((r) => r.cells.map((c) => c.state));
  return {
    competences: all,
    rows,
    gaps: states.filter((s) => s === "missing" || s === "expired" || s === "trained").length,
    expiring: states.filter((s) => s === "expiring").length,
  };
}
