import { sql } from "drizzle-orm";
import { type AnySQLiteColumn, index, integer, sqliteTable, text } from "drizzle-orm/sqlite-core";
import type { RiskScale } from "#app/domain/values.ts";

/** One organisation per installation; the row exists from the first start. */
export const organisations = sqliteTable("organisations", {
  id: text("id").primaryKey(),
  name: text("name").notNull(),
  orgNumber: text("org_number"),
  /** Labels of the risk matrix's steps; the default 5×5 when null. */
  riskScale: text("risk_scale", { mode: "json" }).$type<RiskScale>(),
  /** How many work here: from ten, AFS 2023:1 wants the SAM policy, routines, delegation and follow-up in writing. */
  employees: integer("employees"),
  /** Whether climate change is a relevant issue (the 2024 amendment to ISO 4.1/4.2): null until decided. */
  climateRelevant: integer("climate_relevant", { mode: "boolean" }),
  climateNote: text("climate_note").notNull().default(""),
  climateDecidedAt: integer("climate_decided_at", { mode: "timestamp_ms" }),
  createdAt: integer("created_at", { mode: "timestamp_ms" })
    .notNull()
    .default(sql`(unixepoch() * 1000)`),
});

/** Units (enheter) form a tree under the organisation. */
export const units = sqliteTable(
  "units",
  {
    id: text("id").primaryKey(),
    name: text("name").notNull(),
    parentId: text("parent_id").references((): AnySQLiteColumn => units.id),
    createdAt: integer("created_at", { mode: "timestamp_ms" })
      .notNull()
      .default(sql`(unixepoch() * 1000)`),
  },
  (t) => [index("units_parent_idx").on(t.parentId)],
);
