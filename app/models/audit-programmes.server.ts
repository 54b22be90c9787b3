import { asc, eq } from "drizzle-orm";
import { type Db, writeTransaction } from "#db/client.ts";
import { newId } from "#db/ids.ts";
import { auditProgrammes, audits, processes } from "#db/schema/index.ts";
import { can, type Actor } from "#app/auth/permissions.server.ts";
import { iso9001Clauses, programmeCoverage } from "./audit-rules.ts";
import { AuditError } from "./audits.server.ts";
import { appendTrailEvent } from "./trail.server.ts";

/** The yearly audit programme (ISO 9.2.2): one per year, and how far its audits reach. */

export function createProgramme(db: Db, actor: Actor, year: number, notes: string, now = new Date()): string {
  if (!can(actor, "manage", { type: "audits" })) throw new AuditError("audit.notAllowed");
  return writeTransaction(db, (tx) => {
    if (tx.select().from(auditProgrammes).where(eq(auditProgrammes.year, year)).get())
      throw new AuditError("audit.programmeExists");
    const id = newId();
    tx.insert(auditProgrammes).values({ id, year, notes: notes.trim(), createdBy: actor.id, createdAt: now }).run();
    appendTrailEvent(tx, {
      actorId: actor.id,
      type: "audit.programmeCreated",
      subjectType: "audit_programme",
      subjectId: id,
      at: now,
      data: { year },
    });
    return id;
  });
}

export function programmeOf(db: Db, year: number) {
  return db.select().from(auditProgrammes).where(eq(auditProgrammes.year, year)).get();
}

/** The programme's reach: processes and ISO 9001 clauses audited this cycle, and those not. */
export function coverageOf(db: Db, programmeId: string) {
  const planned = db
    .select({ processId: audits.processId, unitId: audits.unitId, clauses: audits.clauses })
    .from(audits)
    .where(eq(audits.programmeId, programmeId))
    .all();
  const all = db
    .select({ id: processes.id, title: processes.title })
    .from(processes)
    .orderBy(asc(processes.title))
    .all();
  const coverage = programmeCoverage(
    planned,
    all.map((p) => p.id),
    iso9001Clauses,
  );
  const title = new Map(all.map((p) => [p.id, p.title]));
  const named = (ids: string[]) => ids.map((id) => ({ id, title: title.get(id)! }));
  return {
    processes: { covered: named(coverage.processes.covered), uncovered: named(coverage.processes.uncovered) },
    clauses: coverage.clauses,
  };
}
