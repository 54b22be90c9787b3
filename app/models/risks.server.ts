import { and, asc, desc, eq, isNotNull, isNull, sql, type SQL } from "drizzle-orm";
import { alias } from "drizzle-orm/sqlite-core";
import { type Db, writeTransaction } from "#db/client.ts";
import { newId } from "#db/ids.ts";
import { nextNumber } from "#db/numbering.ts";
import {
  defaultRiskScale,
  organisations,
  riskAssessments,
  risks,
  units,
  users,
  type Locale,
  type RiskCategory,
  type RiskKind,
  type RiskScale,
  type RiskTreatment,
} from "#db/schema/index.ts";
import { can, type Actor } from "#app/auth/permissions.server.ts";
import { translator } from "#app/i18n/translator.server.ts";
import { DomainError } from "./errors.ts";
import { changesBetween, recordChanges } from "./item-history.server.ts";
import { getOrganisation } from "./organisation.server.ts";
import { isOnScale, type Assessment } from "./risk-scoring.ts";
import { appendTrailEvent, trailFacts } from "./trail.server.ts";
import { assertUnitExists } from "./units.server.ts";

/**
 * The risk register. A risk carries its current inherent and residual assessment; every
 * assessment it has had stays in its history, for the trend and for an auditor.
 */

export class RiskError extends DomainError<
  | "risk.notFound"
  | "risk.notAllowed"
  | "risk.offScale"
  | "risk.ownerNotFound"
  | "risk.scaleInUse"
  | "risk.retired"
  | "risk.reasonTooShort"
> {}

/**
 * The organisation's scale. Read in a language (for people to see), the built-in labels come in
 * that language; an organisation's own labels stay as it wrote them.
 */
export function riskScale(db: Db, locale?: Locale): RiskScale {
  const scale = getOrganisation(db)?.riskScale ?? defaultRiskScale;
  const builtIn = (["likelihood", "consequence"] as const).every(
    (axis) => scale[axis].join("\n") === defaultRiskScale[axis].join("\n"),
  );
  if (!locale || !builtIn) return scale;
  const t = translator(locale);
  return {
    likelihood: scale.likelihood.map((_, i) =>
      t(`riskScaleLabels.likelihood.${i + 1}` as "riskScaleLabels.likelihood.1"),
    ),
    consequence: scale.consequence.map((_, i) =>
      t(`riskScaleLabels.consequence.${i + 1}` as "riskScaleLabels.consequence.1"),
    ),
  };
}

/**
 * A new scale: labels may always change; fewer steps only when no risk, now or in its history,
 * was scored beyond them, so that no assessment ever falls off the matrix.
 */
export function setRiskScale(db: Db, actor: Actor, scale: RiskScale, now = new Date()): void {
  if (!can(actor, "manage", { type: "risks" })) throw new RiskError("risk.notAllowed");
  writeTransaction(db, (tx) => {
    const before = riskScale(tx);
    const highest = tx
      .select({
        likelihood: sql<number>`max(max(${riskAssessments.inherentLikelihood}), max(${riskAssessments.residualLikelihood}))`,
        consequence: sql<number>`max(max(${riskAssessments.inherentConsequence}), max(${riskAssessments.residualConsequence}))`,
      })
      .from(riskAssessments)
      .get();
    if (
      (highest?.likelihood ?? 0) > scale.likelihood.length ||
      (highest?.consequence ?? 0) > scale.consequence.length
    ) {
      throw new RiskError("risk.scaleInUse");
    }
    const organisation = getOrganisation(tx);
    if (!organisation) throw new RiskError("risk.notAllowed");
    tx.update(organisations).set({ riskScale: scale }).where(eq(organisations.id, organisation.id)).run();
    appendTrailEvent(tx, {
      actorId: actor.id,
      type: "riskScale.changed",
      subjectType: "organisation",
      subjectId: organisation.id,
      at: now,
      // The labels are the organisation's words, kept in its scale; the trail keeps the steps.
      data: {
        before: { likelihood: before.likelihood.length, consequence: before.consequence.length },
        after: { likelihood: scale.likelihood.length, consequence: scale.consequence.length },
      },
    });
  });
}

export type Assessments = { inherent: Assessment; residual: Assessment };

export type RiskInput = {
  kind: RiskKind;
  title: string;
  category: RiskCategory;
  cause: string;
  consequenceText: string;
  ownerId: string;
  unitId: string | null;
  treatment: RiskTreatment;
  nextReviewOn: string;
} & Assessments;

const owner = alias(users, "owner");

function selectRisks(db: Db) {
  return db
    .select({
      id: risks.id,
      number: risks.number,
      kind: risks.kind,
      title: risks.title,
      category: risks.category,
      cause: risks.cause,
      consequenceText: risks.consequenceText,
      ownerId: risks.ownerId,
      ownerName: owner.name,
      unitId: risks.unitId,
      unitName: units.name,
      treatment: risks.treatment,
      nextReviewOn: risks.nextReviewOn,
      inherentLikelihood: risks.inherentLikelihood,
      inherentConsequence: risks.inherentConsequence,
      residualLikelihood: risks.residualLikelihood,
      residualConsequence: risks.residualConsequence,
      createdBy: risks.createdBy,
      retiredAt: risks.retiredAt,
      retiredReason: risks.retiredReason,
    })
    .from(risks)
    .innerJoin(owner, eq(owner.id, risks.ownerId))
    .leftJoin(units, eq(units.id, risks.unitId));
}

type RiskRow = ReturnType<ReturnType<typeof selectRisks>["all"]>[number];
export type RiskSummary = Omit<
  RiskRow,
  "inherentLikelihood" | "inherentConsequence" | "residualLikelihood" | "residualConsequence"
> &
  Assessments;

function shape(row: RiskRow): RiskSummary {
  const { inherentLikelihood, inherentConsequence, residualLikelihood, residualConsequence, ...rest } = row;
  return {
    ...rest,
    inherent: { likelihood: inherentLikelihood, consequence: inherentConsequence },
    residual: { likelihood: residualLikelihood, consequence: residualConsequence },
  };
}

export type RiskFilter = {
  category?: RiskCategory;
  unitId?: string;
  kind?: RiskKind;
  /** The working list by default; closed risks only when asked for, or everything. */
  status?: "open" | "retired" | "all";
};

export function listRisks(db: Db, filter: RiskFilter = {}): RiskSummary[] {
  const conditions: SQL[] = [];
  const status = filter.status ?? "open";
  if (status === "open") conditions.push(isNull(risks.retiredAt));
  if (status === "retired") conditions.push(isNotNull(risks.retiredAt));
  if (filter.category) conditions.push(eq(risks.category, filter.category));
  if (filter.unitId) conditions.push(eq(risks.unitId, filter.unitId));
  if (filter.kind) conditions.push(eq(risks.kind, filter.kind));
  return selectRisks(db)
    .where(and(...conditions))
    .orderBy(asc(risks.number))
    .all()
    .map(shape);
}

export function getRisk(db: Db, id: string): RiskSummary | undefined {
  const row = selectRisks(db).where(eq(risks.id, id)).get();
  return row ? shape(row) : undefined;
}

function requireRisk(db: Db, id: string): RiskSummary {
  const risk = getRisk(db, id);
  if (!risk) throw new RiskError("risk.notFound");
  return risk;
}

/** A risk this person may change, and that is still open: a closed risk is kept as it closed. */
function requireOpenRisk(db: Db, actor: Actor, id: string): RiskSummary {
  const risk = requireRisk(db, id);
  if (!can(actor, "edit", riskResource(risk))) throw new RiskError("risk.notAllowed");
  if (risk.retiredAt) throw new RiskError("risk.retired");
  return risk;
}

/** The fields of a risk whose changes its history shows. */
const detailFields = [
  "kind",
  "title",
  "category",
  "cause",
  "consequenceText",
  "ownerId",
  "unitId",
  "treatment",
] as const satisfies readonly (keyof RiskDetails)[];

export const RETIRE_REASON_MIN = 10;

/**
 * Closes a risk (gone, or an opportunity taken or let go) with the reason why: it leaves the
 * working lists and keeps its links, history and page.
 */
export function retireRisk(db: Db, actor: Actor, id: string, reason: string, now = new Date()): void {
  const why = reason.trim();
  if (why.length < RETIRE_REASON_MIN) throw new RiskError("risk.reasonTooShort");
  writeTransaction(db, (tx) => {
    requireOpenRisk(tx, actor, id);
    tx.update(risks)
      .set({ retiredAt: now, retiredBy: actor.id, retiredReason: why, updatedAt: now })
      .where(eq(risks.id, id))
      .run();
    recordChanges(tx, {
      kind: "risk",
      itemId: id,
      actorId: actor.id,
      changes: [{ field: "status", from: "open", to: "retired" }],
      reason: why,
      at: now,
    });
    // The reason is people's own words: the history keeps it, the trail does not.
    appendTrailEvent(tx, {
      actorId: actor.id,
      type: "risk.retired",
      subjectType: "risk",
      subjectId: id,
      at: now,
      data: {},
    });
  });
}

export const riskResource = (risk: { ownerId: string; createdBy: string }) =>
  ({ type: "risk", ownerId: risk.ownerId, createdBy: risk.createdBy }) as const;

function assertAssessments(db: Db, a: Assessments): void {
  const scale = riskScale(db);
  if (!isOnScale(scale, a.inherent) || !isOnScale(scale, a.residual)) throw new RiskError("risk.offScale");
}

const columnsOf = (a: Assessments) => ({
  inherentLikelihood: a.inherent.likelihood,
  inherentConsequence: a.inherent.consequence,
  residualLikelihood: a.residual.likelihood,
  residualConsequence: a.residual.consequence,
});

export function createRisk(db: Db, actor: Actor, input: RiskInput, now = new Date()): string {
  if (!can(actor, "create", { type: "risks" })) throw new RiskError("risk.notAllowed");
  return writeTransaction(db, (tx) => {
    assertAssessments(tx, input);
    assertUnitExists(tx, input.unitId);
    const person = tx.select({ active: users.active }).from(users).where(eq(users.id, input.ownerId)).get();
    if (!person?.active) throw new RiskError("risk.ownerNotFound");
    const number = nextNumber(tx, risks, risks.number);
    const id = newId();
    const { inherent, residual, ...fields } = input;
    tx.insert(risks)
      .values({ id, number, ...fields, ...columnsOf(input), createdBy: actor.id, createdAt: now, updatedAt: now })
      .run();
    tx.insert(riskAssessments)
      .values({ riskId: id, at: now, actorId: actor.id, ...columnsOf({ inherent, residual }), comment: null })
      .run();
    appendTrailEvent(tx, {
      actorId: actor.id,
      type: "risk.created",
      subjectType: "risk",
      subjectId: id,
      at: now,
      data: { inherent, residual },
    });
    return id;
  });
}

/** A new assessment: the risk moves in the matrix, and the old one stays in its history. */
export function reassessRisk(
  db: Db,
  actor: Actor,
  id: string,
  input: Assessments & { comment: string; nextReviewOn: string },
  now = new Date(),
): void {
  writeTransaction(db, (tx) => {
    requireOpenRisk(tx, actor, id);
    assertAssessments(tx, input);
    tx.update(risks)
      .set({ ...columnsOf(input), nextReviewOn: input.nextReviewOn, updatedAt: now })
      .where(eq(risks.id, id))
      .run();
    tx.insert(riskAssessments)
      .values({ riskId: id, at: now, actorId: actor.id, ...columnsOf(input), comment: input.comment || null })
      .run();
    appendTrailEvent(tx, {
      actorId: actor.id,
      type: "risk.reassessed",
      subjectType: "risk",
      subjectId: id,
      at: now,
      data: { inherent: input.inherent, residual: input.residual },
    });
  });
}

export type RiskDetails = Omit<RiskInput, "inherent" | "residual" | "nextReviewOn">;

/**
 * The words and responsibility of a risk (what it is, its cause and consequence, owner, unit,
 * treatment) changed; its assessment changes only through reassessment, which keeps history.
 */
export function updateRiskDetails(db: Db, actor: Actor, id: string, input: RiskDetails, now = new Date()): void {
  writeTransaction(db, (tx) => {
    const risk = requireOpenRisk(tx, actor, id);
    const changes = changesBetween(risk, input, detailFields);
    if (changes.length === 0) return;
    assertUnitExists(tx, input.unitId);
    const person = tx.select({ active: users.active }).from(users).where(eq(users.id, input.ownerId)).get();
    if (!person?.active) throw new RiskError("risk.ownerNotFound");
    tx.update(risks)
      .set({ ...input, updatedAt: now })
      .where(eq(risks.id, id))
      .run();
    recordChanges(tx, { kind: "risk", itemId: id, actorId: actor.id, changes, at: now });
    appendTrailEvent(tx, {
      actorId: actor.id,
      type: "risk.updated",
      subjectType: "risk",
      subjectId: id,
      at: now,
      data: trailFacts({
        kind: input.kind,
        category: input.category,
        ownerId: input.ownerId,
        unitId: input.unitId,
        treatment: input.treatment,
      }),
    });
  });
}

export type RiskHistoryEntry = Assessments & { at: Date; actorName: string; comment: string | null };

/** Assessments newest first. */
export function riskHistory(db: Db, id: string): RiskHistoryEntry[] {
  return db
    .select({
      at: riskAssessments.at,
      actorName: users.name,
      comment: riskAssessments.comment,
      inherentLikelihood: riskAssessments.inherentLikelihood,
      inherentConsequence: riskAssessments.inherentConsequence,
      residualLikelihood: riskAssessments.residualLikelihood,
      residualConsequence: riskAssessments.residualConsequence,
    })
    .from(riskAssessments)
    .innerJoin(users, eq(users.id, riskAssessments.actorId))
    .where(eq(riskAssessments.riskId, id))
    .orderBy(desc(riskAssessments.id))
    .all()
    .map((r) => ({
      at: r.at,
      actorName: r.actorName,
      comment: r.comment,
      inherent: { likelihood: r.inherentLikelihood, consequence: r.inherentConsequence },
      residual: { likelihood: r.residualLikelihood, consequence: r.residualConsequence },
    }));
}
