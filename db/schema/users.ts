import { sql } from "drizzle-orm";
import { index, integer, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";
import { units } from "./organisation.ts";
import { digestFrequencies, locales, roles } from "#app/domain/values.ts";

export const users = sqliteTable(
  "users",
  {
    id: text("id").primaryKey(),
    /** Stored lower-cased so that sign-in is case-insensitive. */
    email: text("email").notNull(),
    name: text("name").notNull(),
    passwordHash: text("password_hash").notNull(),
    role: text("role", { enum: roles }).notNull(),
    unitId: text("unit_id").references(() => units.id),
    locale: text("locale", { enum: locales }).notNull().default("sv"),
    digest: text("digest", { enum: digestFrequencies }).notNull().default("daily"),
    active: integer("active", { mode: "boolean" }).notNull().default(true),
    /** External auditors are guests: their access ends at this moment. */
    accessExpiresAt: integer("access_expires_at", { mode: "timestamp_ms" }),
    createdAt: integer("created_at", { mode: "timestamp_ms" })
      .notNull()
      .default(sql`(unixepoch() * 1000)`),
  },
  (t) => [uniqueIndex("users_email_idx").on(t.email), index("users_unit_idx").on(t.unitId)],
);
