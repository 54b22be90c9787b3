import { asc, desc, eq } from "drizzle-orm";
import { type Db, writeTransaction } from "#db/client.ts";
import { newId } from "#db/ids.ts";
import {
  competenceRecords,
  competences,
  documents,
  users,
  type Role,
  type VerificationMethod,
} from "#db/schema/index.ts";
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
  | "competence.recordFixed"
> {}

export type CompetenceInput = {
  name: string;
  description: string;
  roles: Role[];
  documentId: string | null;
  validMonths: number | null;
};

/** A requirement's stored values, the same whether it is added or corrected. */
function competenceValues(input: CompetenceInput) {
  if (!input.name.trim()) throw new CompetenceError("competence.incomplete");
  return {
    name: input.name.trim().slice(0, 200),
    description: input.description.trim().slice(0, 2000),
    roles: [...new Set(input.roles)],
    documentId: input.documentId,
    validMonths: input.validMonths,
  };
}

export function createCompetence(db: Db, actor: Actor, input: CompetenceInput, now = new Date()): string {
  if (!can(actor, "manage", { type: "delegations" })) throw new CompetenceError("competence.notAllowed");
  const values = competenceValues(input);
  return writeTransaction(db, (tx) => {
    const id = newId();
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

export type CompetenceSummary = typeof competences.$inferSelect & { documentTitle: string | null };

const competenceColumns = {
  id: competences.id,
  name: competences.name,
  description: competences.description,
  roles: competences.roles,
  documentId: competences.documentId,
  validMonths: competences.validMonths,
  createdBy: competences.createdBy,
  createdAt: competences.createdAt,
  documentTitle: documents.title,
};

export function getCompetence(db: Db, id: string): CompetenceSummary | undefined {
  return db
    .select(competenceColumns)
    .from(competences)
    .leftJoin(documents, eq(documents.id, competences.documentId))
    .where(eq(competences.id, id))
    .get();
}

/** Corrects a requirement: its name, the roles and routine that need it, how long it holds. */
export function updateCompetence(db: Db, actor: Actor, id: string, input: CompetenceInput, now = new Date()): void {
  if (!can(actor, "manage", { type: "delegations" })) throw new CompetenceError("competence.notAllowed");
  const values = competenceValues(input);
  writeTransaction(db, (tx) => {
    if (!getCompetence(tx, id)) throw new CompetenceError("competence.notFound");
    tx.update(competences).set(values).where(eq(competences.id, id)).run();
    appendTrailEvent(tx, {
      actorId: actor.id,
      type: "competence.updated",
      subjectType: "competence",
      subjectId: id,
      at: now,
      data: trailFacts(values),
    });
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

export function listCompetences(db: Db): CompetenceSummary[] {
  return db
    .select(competenceColumns)
    .from(competences)
    .leftJoin(documents, eq(documents.id, competences.documentId))
    .orderBy(asc(competences.name))
    .all();
}

export type CompetenceRecordSummary = typeof competenceRecords.$inferSelect & {
  competenceName: string;
  personName: string;
};

function selectRecords(db: Db) {
  return db
    .select({
      id: competenceRecords.id,
      competenceId: competenceRecords.competenceId,
      userId: competenceRecords.userId,
      kind: competenceRecords.kind,
      on: competenceRecords.on,
      note: competenceRecords.note,
      recordedBy: competenceRecords.recordedBy,
      recordedAt: competenceRecords.recordedAt,
      competenceName: competences.name,
      personName: users.name,
    })
    .from(competenceRecords)
    .innerJoin(competences, eq(competences.id, competenceRecords.competenceId))
    .innerJoin(users, eq(users.id, competenceRecords.userId));
}

/** Every training and verification, newest first. */
export function listCompetenceRecords(db: Db): CompetenceRecordSummary[] {
  return selectRecords(db).orderBy(desc(competenceRecords.on), asc(users.name)).all();
}

export function getCompetenceRecord(db: Db, id: string): CompetenceRecordSummary | undefined {
  return selectRecords(db).where(eq(competenceRecords.id, id)).get();
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
