import { index, integer, real, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";
import { users } from "./users.ts";
import { kpiDirections, kpiFrequencies } from "#app/domain/values.ts";

/** Objectives (mål): what the organisation means to achieve in a period, measured by KPIs. */
export const objectives = sqliteTable("objectives", {
  id: text("id").primaryKey(),
  title: text("title").notNull(),
  description: text("description").notNull().default(""),
  ownerId: text("owner_id")
    .notNull()
    .references(() => users.id),
  /** YYYY-MM-DD */
  periodStart: text("period_start").notNull(),
  periodEnd: text("period_end").notNull(),
  createdBy: text("created_by")
    .notNull()
    .references(() => users.id),
  createdAt: integer("created_at", { mode: "timestamp_ms" }).notNull(),
});

/** A KPI cannot exist without an owner and a target: the short list stays meaningful. */
export const kpis = sqliteTable("kpis", {
  id: text("id").primaryKey(),
  objectiveId: text("objective_id").references(() => objectives.id),
  name: text("name").notNull(),
  unit: text("unit").notNull(),
  direction: text("direction", { enum: kpiDirections }).notNull(),
  target: real("target").notNull(),
  warning: real("warning").notNull(),
  frequency: text("frequency", { enum: kpiFrequencies }).notNull(),
  ownerId: text("owner_id")
    .notNull()
    .references(() => users.id),
  /** Where the figures come from (a system, a report, a count). */
  dataSource: text("data_source").notNull(),
  createdBy: text("created_by")
    .notNull()
    .references(() => users.id),
  createdAt: integer("created_at", { mode: "timestamp_ms" }).notNull(),
});

export const kpiMeasurements = sqliteTable(
  "kpi_measurements",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    kpiId: text("kpi_id")
      .notNull()
      .references(() => kpis.id),
    /** 2026-03, 2026-Q1 or 2026, by the KPI's frequency. */
    period: text("period").notNull(),
    value: real("value").notNull(),
    enteredBy: text("entered_by")
      .notNull()
      .references(() => users.id),
    enteredAt: integer("entered_at", { mode: "timestamp_ms" }).notNull(),
  },
  (t) => [
    uniqueIndex("kpi_measurements_period_idx").on(t.kpiId, t.period),
    index("kpi_measurements_kpi_idx").on(t.kpiId),
  ],
);
