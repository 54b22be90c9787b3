import { integer, sqliteTable, text } from "drizzle-orm/sqlite-core";

/**
 * The trail: append-only and hash-chained. Each row's hash covers the previous row's
 * hash and this row's canonical content, so any edit or deletion breaks the chain.
 */
export const trailEvents = sqliteTable("trail_events", {
  seq: integer("seq").primaryKey(),
  at: integer("at", { mode: "timestamp_ms" }).notNull(),
  actorId: text("actor_id"),
  type: text("type").notNull(),
  subjectType: text("subject_type").notNull(),
  subjectId: text("subject_id").notNull(),
  data: text("data").notNull(),
  prevHash: text("prev_hash").notNull(),
  hash: text("hash").notNull(),
});
