import { index, integer, sqliteTable, text } from "drizzle-orm/sqlite-core";
import { units } from "./organisation.ts";
import { users } from "./users.ts";
import { changeKinds, riskCategories, riskKinds, riskTreatments } from "#app/domain/values.ts";

/** The risk register: risks and opportunities, each with its current assessment. */
export const risks = sqliteTable(
  "risks",
  {
    id: text("id").primaryKey(),
    number: integer("number").notNull().unique(),
    kind: text("kind", { enum: riskKinds }).notNull(),
    title: text("title").notNull(),
    category: text("category", { enum: riskCategories }).notNull(),
    cause: text("cause").notNull(),
    consequenceText: text("consequence_text").notNull(),
    ownerId: text("owner_id")
      .notNull()
      .references(() => users.id),
    unitId: text("unit_id").references(() => units.id),
    treatment: text("treatment", { enum: riskTreatments }).notNull(),
    /** YYYY-MM-DD */
    nextReviewOn: text("next_review_on").notNull(),
    inherentLikelihood: integer("inherent_likelihood").notNull(),
    inherentConsequence: integer("inherent_consequence").notNull(),
    residualLikelihood: integer("residual_likelihood").notNull(),
    residualConsequence: integer("residual_consequence").notNull(),
    createdBy: text("created_by")
      .notNull()
      .references(() => users.id),
    createdAt: integer("created_at", { mode: "timestamp_ms" }).notNull(),
    updatedAt: integer("updated_at", { mode: "timestamp_ms" }).notNull(),
    /** Closed (a risk gone, an opportunity taken or let go): off the working lists, still linked. */
    retiredAt: integer("retired_at", { mode: "timestamp_ms" }),
    retiredBy: text("retired_by").references(() => users.id),
    retiredReason: text("retired_reason"),
  },
  (t) => [index("risks_unit_idx").on(t.unitId), index("risks_owner_idx").on(t.ownerId)],
);

/** Every assessment a risk has had, newest last; append-only (migration 0008). */
export const riskAssessments = sqliteTable(
  "risk_assessments",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    riskId: text("risk_id")
      .notNull()
      .references(() => risks.id),
    at: integer("at", { mode: "timestamp_ms" }).notNull(),
    actorId: text("actor_id")
      .notNull()
      .references(() => users.id),
    inherentLikelihood: integer("inherent_likelihood").notNull(),
    inherentConsequence: integer("inherent_consequence").notNull(),
    residualLikelihood: integer("residual_likelihood").notNull(),
    residualConsequence: integer("residual_consequence").notNull(),
    comment: text("comment"),
  },
  (t) => [index("risk_assessments_risk_idx").on(t.riskId, t.id)],
);

/**
 * A risk analysis before a change (a reorganisation, a new method or machine): what changes,
 * who took part, the risks it found (linked, in the register), and its conclusion.
 */
export const changeAnalyses = sqliteTable(
  "change_analyses",
  {
    id: text("id").primaryKey(),
    number: integer("number").notNull().unique(),
    title: text("title").notNull(),
    kind: text("kind", { enum: changeKinds }).notNull(),
    description: text("description").notNull(),
    /** Who took part: the law expects the people affected and their safety representative. */
    participants: text("participants").notNull(),
    /** YYYY-MM-DD, when the change is planned to take effect. */
    plannedOn: text("planned_on").notNull(),
    unitId: text("unit_id").references(() => units.id),
    ownerId: text("owner_id")
      .notNull()
      .references(() => users.id),
    conclusion: text("conclusion"),
    concludedBy: text("concluded_by").references(() => users.id),
    concludedAt: integer("concluded_at", { mode: "timestamp_ms" }),
    createdBy: text("created_by")
      .notNull()
      .references(() => users.id),
    createdAt: integer("created_at", { mode: "timestamp_ms" }).notNull(),
  },
  (t) => [index("change_analyses_unit_idx").on(t.unitId)],
);
