import { asc, eq, inArray } from "drizzle-orm";
import { alias } from "drizzle-orm/sqlite-core";
import type { JSONContent } from "@tiptap/core";
import { type Db, writeTransaction } from "#db/client.ts";
import { newId } from "#db/ids.ts";
import { nextNumber } from "#db/numbering.ts";
import {
  auditFindings,
  auditProgrammes,
  audits,
  processes,
  units,
  users,
  type DocumentArea,
} from "#db/schema/index.ts";
import { can, type Actor } from "#app/auth/permissions.server.ts";
import { isDay } from "#app/utils/dates.ts";
import { independenceConflicts, iso9001Clauses } from "./audit-rules.ts";
import { writeInitialContent } from "./document-content.server.ts";
import { createDocument } from "./documents.server.ts";
import { DomainError } from "./errors.ts";
import { currentRelease } from "./releases.server.ts";
import { appendTrailEvent } from "./trail.server.ts";

/**
 * Internal audit (ISO 9.2): a yearly programme of audits, each with its team, its
 * co-written report (a controlled document) and its findings, followed until closed.
 */

export class AuditError extends DomainError<
  | "audit.notAllowed"
  | "audit.notFound"
  | "audit.programmeExists"
  | "audit.outsideYear"
  | "audit.noScope"
  | "audit.badLead"
  | "audit.reportExists"
  | "finding.notFound"
  | "finding.notAllowed"
  | "finding.incomplete"
  | "finding.responsibleCannotSee"
  | "finding.notAnswered"
  | "finding.needsAction"
  | "finding.effectNotVerified"
> {}

export type AuditInput = {
  title: string;
  processId: string | null;
  unitId: string | null;
  clauses: string[];
  areas: DocumentArea[];
  plannedOn: string;
  leadAuditorId: string;
  team: string[];
  criteria: string;
  method: string;
};

export function planAudit(db: Db, actor: Actor, programmeId: string, input: AuditInput, now = new Date()): string {
  if (!can(actor, "manage", { type: "audits" })) throw new AuditError("audit.notAllowed");
  return writeTransaction(db, (tx) => {
    const programme = tx.select().from(auditProgrammes).where(eq(auditProgrammes.id, programmeId)).get();
    if (!programme) throw new AuditError("audit.notFound");
    if (!isDay(input.plannedOn) || !input.plannedOn.startsWith(`${programme.year}-`))
      throw new AuditError("audit.outsideYear");
    const clauses = input.clauses.filter((c) => (iso9001Clauses as readonly string[]).includes(c));
    if (!input.processId && !input.unitId && clauses.length === 0 && input.areas.length === 0)
      throw new AuditError("audit.noScope");
    if (input.processId && !tx.select().from(processes).where(eq(processes.id, input.processId)).get())
      throw new AuditError("audit.noScope");
    if (input.unitId && !tx.select().from(units).where(eq(units.id, input.unitId)).get())
      throw new AuditError("audit.noScope");
    const lead = tx.select().from(users).where(eq(users.id, input.leadAuditorId)).get();
    if (!lead?.active || !can(lead, "edit", { type: "audits" })) throw new AuditError("audit.badLead");
    const team = [...new Set(input.team)].filter((id) => id !== lead.id);
    const id = newId();
    tx.insert(audits)
      .values({
        id,
        number: nextNumber(tx, audits, audits.number),
        programmeId,
        ...input,
        clauses,
        team,
        createdBy: actor.id,
        createdAt: now,
      })
      .run();
    appendTrailEvent(tx, {
      actorId: actor.id,
      type: "audit.planned",
      subjectType: "audit",
      subjectId: id,
      at: now,
      data: { plannedOn: input.plannedOn, leadAuditorId: lead.id, team },
    });
    return id;
  });
}

const lead = alias(users, "lead");
const owner = alias(users, "process_owner");

function selectAudits(db: Db) {
  return db
    .select({
      id: audits.id,
      number: audits.number,
      programmeId: audits.programmeId,
      title: audits.title,
      processId: audits.processId,
      processTitle: processes.title,
      processOwnerId: processes.ownerId,
      unitId: audits.unitId,
      unitName: units.name,
      clauses: audits.clauses,
      areas: audits.areas,
      plannedOn: audits.plannedOn,
      leadAuditorId: audits.leadAuditorId,
      leadAuditorName: lead.name,
      team: audits.team,
      criteria: audits.criteria,
      method: audits.method,
      reportDocumentId: audits.reportDocumentId,
    })
    .from(audits)
    .innerJoin(lead, eq(lead.id, audits.leadAuditorId))
    .leftJoin(processes, eq(processes.id, audits.processId))
    .leftJoin(owner, eq(owner.id, processes.ownerId))
    .leftJoin(units, eq(units.id, audits.unitId));
}

type AuditRow = ReturnType<ReturnType<typeof selectAudits>["all"]>[number];

export type AuditStatus = "planned" | "reporting" | "reported" | "closed";

/** People by id with their unit: the team as the independence check sees it. */
function peopleByIds(db: Db, ids: readonly string[]) {
  if (ids.length === 0) return [];
  return db
    .select({ id: users.id, name: users.name, unitId: users.unitId })
    .from(users)
    .where(inArray(users.id, [...ids]))
    .all();
}

/** An audit with its status (read from its report and findings) and any independence conflict. */
function withState(db: Db, audit: AuditRow, now: Date) {
  const findings = db
    .select({ status: auditFindings.status })
    .from(auditFindings)
    .where(eq(auditFindings.auditId, audit.id))
    .all();
  const released = audit.reportDocumentId ? currentRelease(db, audit.reportDocumentId, now) : null;
  const status: AuditStatus = !audit.reportDocumentId
    ? "planned"
    : !released
      ? "reporting"
      : findings.every((f) => f.status === "closed")
        ? "closed"
        : "reported";
  const team = peopleByIds(db, [audit.leadAuditorId, ...audit.team]);
  const conflicts = independenceConflicts(team, { processOwnerId: audit.processOwnerId, unitId: audit.unitId });
  return {
    ...audit,
    status,
    openFindings: findings.filter((f) => f.status !== "closed").length,
    teamNames: team.filter((p) => p.id !== audit.leadAuditorId).map((p) => p.name),
    conflicts: team.filter((p) => conflicts.includes(p.id)).map((p) => p.name),
  };
}

export type Audit = ReturnType<typeof withState>;

export function auditsOf(db: Db, programmeId: string, now = new Date()): Audit[] {
  return selectAudits(db)
    .where(eq(audits.programmeId, programmeId))
    .orderBy(asc(audits.plannedOn), asc(audits.number))
    .all()
    .map((a) => withState(db, a, now));
}

/**
 * Audits a person leads or is on the team of and that still need their work (planned, or the
 * report not yet approved), soonest first: their to-do on Start.
 */
export function myAuditWork(db: Db, userId: string, now = new Date()): Audit[] {
  return selectAudits(db)
    .orderBy(asc(audits.plannedOn), asc(audits.number))
    .all()
    .filter((a) => a.leadAuditorId === userId || a.team.includes(userId))
    .map((a) => withState(db, a, now))
    .filter((a) => a.status === "planned" || a.status === "reporting");
}

export function getAudit(db: Db, id: string, now = new Date()): Audit | undefined {
  const row = selectAudits(db).where(eq(audits.id, id)).get();
  return row ? withState(db, row, now) : undefined;
}

export const auditResource = (audit: { leadAuditorId: string; team: readonly string[] }) =>
  ({ type: "audit", leadAuditorId: audit.leadAuditorId, team: audit.team }) as const;

/** The headings an audit report starts from, in the language of the person who starts it. */
export type ReportTemplate = {
  title: string;
  headings: {
    scope: string;
    criteria: string;
    method: string;
    people: string;
    strengths: string;
    findings: string;
    conclusion: string;
  };
};

const heading = (text: string): JSONContent => ({
  type: "heading",
  attrs: { level: 2 },
  content: [{ type: "text", text }],
});
const paragraph = (text: string): JSONContent =>
  text ? { type: "paragraph", content: [{ type: "text", text }] } : { type: "paragraph" };

/**
 * Starts the co-written report: a controlled document of type audit report, owned by the lead
 * auditor, laid out with the template's headings and the plan's scope, criteria and method.
 */
export function startReport(db: Db, actor: Actor, auditId: string, template: ReportTemplate, now = new Date()): string {
  return writeTransaction(db, (tx) => {
    const audit = getAudit(tx, auditId, now);
    if (!audit) throw new AuditError("audit.notFound");
    if (!can(actor, "edit", auditResource(audit))) throw new AuditError("audit.notAllowed");
    if (audit.reportDocumentId) throw new AuditError("audit.reportExists");
    const documentId = createDocument(
      tx,
      actor,
      {
        title: `${template.title} ${audit.number}. ${audit.title}`.slice(0, 200),
        type: "audit_report",
        ownerId: audit.leadAuditorId,
        unitId: audit.unitId,
        areas: audit.areas.length > 0 ? audit.areas : ["quality"],
        tags: [],
      },
      now,
    );
    const scope = [audit.processTitle, audit.unitName, audit.clauses.map((c) => `ISO 9001 ${c}`).join(", ")]
      .filter(Boolean)
      .join(" · ");
    const h = template.headings;
    writeInitialContent(tx, documentId, [
      heading(h.scope),
      paragraph(scope),
      heading(h.criteria),
      paragraph(audit.criteria),
      heading(h.method),
      paragraph(audit.method),
      heading(h.people),
      paragraph(""),
      heading(h.strengths),
      paragraph(""),
      heading(h.findings),
      paragraph(""),
      heading(h.conclusion),
      paragraph(""),
    ]);
    tx.update(audits).set({ reportDocumentId: documentId }).where(eq(audits.id, auditId)).run();
    appendTrailEvent(tx, {
      actorId: actor.id,
      type: "audit.reportStarted",
      subjectType: "audit",
      subjectId: auditId,
      at: now,
      data: { documentId },
    });
    return documentId;
  });
}

/** Who can lead or join an audit, or answer for a finding: active people who can open the audit section, guests aside. */
export function auditPeople(db: Db): { id: string; name: string }[] {
  return db
    .select({ id: users.id, name: users.name, role: users.role })
    .from(users)
    .where(eq(users.active, true))
    .orderBy(asc(users.name))
    .all()
    .filter((u) => can(u, "edit", { type: "audits" }))
    .map(({ id, name }) => ({ id, name }));
}
