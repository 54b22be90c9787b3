import { asc, eq } from "drizzle-orm";
import { type Db, writeTransaction } from "#db/client.ts";
import { newId } from "#db/ids.ts";
import { frameworks, requirements, type SoaStatus } from "#db/schema/index.ts";
import { can, type Actor } from "#app/auth/permissions.server.ts";
import { DomainError } from "./errors.ts";
import { builtinTitleKey, catalogue, type BuiltinFramework } from "./framework-catalogue.ts";
import { linkedTo, type LinkedItem } from "./links.server.ts";
import { coverageOf, coverageSummary, validateImport, type Coverage, type ImportProblem } from "./requirement-rules.ts";
import { appendTrailEvent } from "./trail.server.ts";

/**
 * Requirements and compliance coverage: frameworks of requirements, each requirement linked
 * (through the one link model) to what meets it, and coverage read from those links.
 */

export class RequirementError extends DomainError<
  | "requirement.notAllowed"
  | "requirement.notFound"
  | "requirement.frameworkExists"
  | "requirement.justificationRequired"
> {}

/** An import refused: every problem found, nothing saved. */
export class FrameworkImportError extends DomainError<"requirement.importInvalid"> {
  constructor(public readonly problems: ImportProblem[]) {
    super("requirement.importInvalid");
  }
}

function assertManager(actor: Actor) {
  if (!can(actor, "manage", { type: "requirements" })) throw new RequirementError("requirement.notAllowed");
}

function insertFramework(
  db: Db,
  actor: Actor,
  input: { key: string; name: string; builtin: boolean; description: string },
  rows: { code: string; title: string | null; parentCode: string | null }[],
  now: Date,
): string {
  return writeTransaction(db, (tx) => {
    if (tx.select({ id: frameworks.id }).from(frameworks).where(eq(frameworks.key, input.key)).get())
      throw new RequirementError("requirement.frameworkExists");
    const id = newId();
    tx.insert(frameworks)
      .values({ id, ...input, createdBy: actor.id, createdAt: now })
      .run();
    rows.forEach((row, position) =>
      tx
        .insert(requirements)
        .values({ id: newId(), frameworkId: id, ...row, position })
        .run(),
    );
    appendTrailEvent(tx, {
      actorId: actor.id,
      type: "framework.added",
      subjectType: "framework",
      subjectId: id,
      at: now,
      data: { key: input.key, name: input.name, requirements: rows.length },
    });
    return id;
  });
}

/** Turns on a built-in catalogue, named in the language of the person who does it. */
export function enableBuiltin(db: Db, actor: Actor, key: BuiltinFramework, name: string, now = new Date()): string {
  assertManager(actor);
  const rows = catalogue(key).map((e) => ({ ...e, title: null }));
  return insertFramework(db, actor, { key, name, builtin: true, description: "" }, rows, now);
}

/** The organisation's own framework (customer requirements, a law), imported whole or refused whole. */
export function importFramework(
  db: Db,
  actor: Actor,
  input: { name: string; description: string; rows: unknown[] },
  now = new Date(),
): string {
  assertManager(actor);
  const checked = validateImport(input.rows);
  if (!checked.ok) throw new FrameworkImportError(checked.problems);
  return insertFramework(
    db,
    actor,
    { key: `custom-${newId()}`, name: input.name.trim(), builtin: false, description: input.description.trim() },
    checked.requirements.map((r) => ({ code: r.code, title: r.title, parentCode: r.parent })),
    now,
  );
}

export type Framework = typeof frameworks.$inferSelect;

export function listFrameworks(db: Db): Framework[] {
  return db.select().from(frameworks).orderBy(asc(frameworks.name)).all();
}

export function getFramework(db: Db, id: string): Framework | undefined {
  return db.select().from(frameworks).where(eq(frameworks.id, id)).get();
}

/** A requirement with its framework; the short title is a catalogue key for built-in ones. */
export function getRequirement(db: Db, id: string) {
  const row = db
    .select({ requirement: requirements, framework: frameworks })
    .from(requirements)
    .innerJoin(frameworks, eq(frameworks.id, requirements.frameworkId))
    .where(eq(requirements.id, id))
    .get();
  if (!row) return undefined;
  return {
    ...row.requirement,
    framework: row.framework,
    titleKey: row.framework.builtin ? builtinTitleKey(row.framework.key, row.requirement.code) : null,
  };
}

/**
 * Whether a linked item is in effect as evidence: a released document, an existing process,
 * risk or objective, a KPI with figures, an action whose effect is verified, a concluded
 * analysis, a closed report or finding, a completed follow-up, an approved review.
 */
export function inEffect(item: Pick<LinkedItem, "kind" | "status">): boolean {
  switch (item.kind) {
    case "document":
    case "management_review":
      return item.status === "released";
    case "action":
      return item.status === "effect_verified";
    case "kpi":
      return item.status !== "kpi_no_data";
    case "change_analysis":
      return item.status === "change_concluded";
    case "report":
      return item.status === "report_closed";
    case "finding":
      return item.status === "finding_closed";
    case "sam_follow_up":
      return item.status === "sam_completed";
    default:
      return true;
  }
}

/** A framework's requirements in order, each with its coverage and the evidence behind it. */
function requirementsOf(db: Db, actor: Actor, frameworkId: string, now = new Date()) {
  const framework = getFramework(db, frameworkId);
  if (!framework) return [];
  return db
    .select()
    .from(requirements)
    .where(eq(requirements.frameworkId, frameworkId))
    .orderBy(asc(requirements.position))
    .all()
    .map((r) => {
      const evidence = linkedTo(db, actor, { kind: "requirement", id: r.id }, now).map((l) => ({
        ...l,
        inEffect: inEffect(l),
      }));
      const isHeading = r.parentCode === null && framework.builtin;
      return {
        ...r,
        titleKey: framework.builtin ? builtinTitleKey(framework.key, r.code) : null,
        isHeading,
        evidence,
        coverage: coverageOf(r.applicable, evidence) as Coverage,
      };
    });
}

/** How a framework stands: its requirements by coverage (chapter headings of a catalogue are not counted). */
export function frameworkCoverage(db: Db, actor: Actor, frameworkId: string, now = new Date()) {
  const all = requirementsOf(db, actor, frameworkId, now);
  return { requirements: all, summary: coverageSummary(all.filter((r) => !r.isHeading).map((r) => r.coverage)) };
}

/** Whether a requirement applies here; leaving one out needs a justification, which the trail keeps. */
export function setApplicability(
  db: Db,
  actor: Actor,
  id: string,
  input: { applicable: boolean; justification: string; implementation: SoaStatus | null },
  now = new Date(),
): void {
  assertManager(actor);
  if (!input.applicable && !input.justification.trim()) throw new RequirementError("requirement.justificationRequired");
  writeTransaction(db, (tx) => {
    if (!getRequirement(tx, id)) throw new RequirementError("requirement.notFound");
    const values = {
      applicable: input.applicable,
      justification: input.justification.trim().slice(0, 2000),
      implementation: input.implementation,
    };
    tx.update(requirements).set(values).where(eq(requirements.id, id)).run();
    appendTrailEvent(tx, {
      actorId: actor.id,
      type: "requirement.applicability",
      subjectType: "requirement",
      subjectId: id,
      at: now,
      data: values,
    });
  });
}
