import { and, asc, eq, gte, sql } from "drizzle-orm";
import { type Db, writeTransaction } from "#db/client.ts";
import { newId } from "#db/ids.ts";
import { frameworks, requirements, type SoaStatus } from "#db/schema/index.ts";
import { can, type Actor } from "#app/auth/permissions.server.ts";
import { DomainError } from "./errors.ts";
import { builtinTitleKey, catalogue, type BuiltinFramework } from "./framework-catalogue.ts";
import { linkedTo, type LinkedItem } from "./links.server.ts";
import { coverageOf, coverageSummary, validateImport, type Coverage, type ImportProblem } from "./requirement-rules.ts";
import { appendTrailEvent, trailFacts } from "./trail.server.ts";

/**
 * Requirements and compliance coverage: frameworks of requirements, each requirement linked
 * (through the one link model) to what meets it, and coverage read from those links.
 */

export class RequirementError extends DomainError<
  | "requirement.notAllowed"
  | "requirement.notFound"
  | "requirement.frameworkExists"
  | "requirement.justificationRequired"
  | "requirement.codeTaken"
  | "requirement.unknownParent"
  | "requirement.placeFixed"
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
      data: { key: input.key, requirements: rows.length },
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

/** A framework of the organisation's own, begun empty and filled requirement by requirement. */
export function createFramework(
  db: Db,
  actor: Actor,
  input: { name: string; description: string },
  now = new Date(),
): string {
  assertManager(actor);
  return insertFramework(
    db,
    actor,
    { key: `custom-${newId()}`, name: input.name.trim(), builtin: false, description: input.description.trim() },
    [],
    now,
  );
}

/** The codes under a code, itself included: the subtree a new child goes after. */
function subtree(rows: { code: string; parentCode: string | null }[], root: string): Set<string> {
  const codes = new Set([root]);
  for (let grew = true; grew;) {
    grew = false;
    for (const r of rows)
      if (r.parentCode && codes.has(r.parentCode) && !codes.has(r.code)) {
        codes.add(r.code);
        grew = true;
      }
  }
  return codes;
}

/**
 * Adds a requirement to any framework, a built-in one too (a further section of a regulation,
 * a customer's clause): after its parent's last descendant, or at the end.
 */
export function addRequirement(
  db: Db,
  actor: Actor,
  frameworkId: string,
  input: { code: string; title: string; parentCode: string | null },
  now = new Date(),
): string {
  assertManager(actor);
  return writeTransaction(db, (tx) => {
    if (!getFramework(tx, frameworkId)) throw new RequirementError("requirement.notFound");
    const rows = tx
      .select({ code: requirements.code, parentCode: requirements.parentCode, position: requirements.position })
      .from(requirements)
      .where(eq(requirements.frameworkId, frameworkId))
      .all();
    if (rows.some((r) => r.code === input.code)) throw new RequirementError("requirement.codeTaken");
    // At the end, or after the parent's last descendant (the rows behind it move up one).
    const after = (codes: (code: string) => boolean) =>
      Math.max(-1, ...rows.filter((r) => codes(r.code)).map((r) => r.position)) + 1;
    let position = after(() => true);
    if (input.parentCode) {
      if (!rows.some((r) => r.code === input.parentCode)) throw new RequirementError("requirement.unknownParent");
      const under = subtree(rows, input.parentCode);
      position = after((code) => under.has(code));
      tx.update(requirements)
        .set({ position: sql`${requirements.position} + 1` })
        .where(and(eq(requirements.frameworkId, frameworkId), gte(requirements.position, position)))
        .run();
    }
    const id = newId();
    tx.insert(requirements)
      .values({ id, frameworkId, code: input.code, title: input.title, parentCode: input.parentCode, position })
      .run();
    appendTrailEvent(tx, {
      actorId: actor.id,
      type: "requirement.added",
      subjectType: "requirement",
      subjectId: id,
      at: now,
      data: { frameworkId },
    });
    return id;
  });
}

/**
 * Names requirements by code: the organisation's titles for ISO 27001's Annex A controls, or
 * corrected titles of its own requirements. A title from the catalogues stays as it is; all
 * codes must exist, or nothing is saved.
 */
export function nameRequirements(
  db: Db,
  actor: Actor,
  frameworkId: string,
  titles: { code: string; title: string }[],
  now = new Date(),
): void {
  assertManager(actor);
  writeTransaction(db, (tx) => {
    const framework = getFramework(tx, frameworkId);
    if (!framework) throw new RequirementError("requirement.notFound");
    const byCode = new Map(
      tx
        .select()
        .from(requirements)
        .where(eq(requirements.frameworkId, frameworkId))
        .all()
        .map((r) => [r.code, r]),
    );
    const problems: ImportProblem[] = [];
    titles.forEach(({ code }, i) => {
      const r = byCode.get(code);
      if (!r) problems.push({ key: "frameworks.import.unknownCode", row: i + 1, code });
      else if (framework.builtin && builtinTitleKey(framework.key, code))
        problems.push({ key: "frameworks.import.titleFixed", row: i + 1, code });
    });
    if (problems.length > 0) throw new FrameworkImportError(problems);
    for (const { code, title } of titles) {
      tx.update(requirements)
        .set({ title })
        .where(eq(requirements.id, byCode.get(code)!.id))
        .run();
    }
    appendTrailEvent(tx, {
      actorId: actor.id,
      type: "requirement.named",
      subjectType: "framework",
      subjectId: frameworkId,
      at: now,
      data: { named: titles.length },
    });
  });
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
    case "deviation":
      return item.status === "deviation_closed";
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
  const rows = db
    .select()
    .from(requirements)
    .where(eq(requirements.frameworkId, frameworkId))
    .orderBy(asc(requirements.position))
    .all();
  // A catalogue's chapter with sections under it is a heading; a chapter without is a requirement itself.
  const parents = new Set(rows.map((r) => r.parentCode));
  return rows.map((r) => {
    const evidence = linkedTo(db, actor, { kind: "requirement", id: r.id }, now).map((l) => ({
      ...l,
      inEffect: inEffect(l),
    }));
    const isHeading = framework.builtin && parents.has(r.code);
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
      data: trailFacts(values),
    });
  });
}
