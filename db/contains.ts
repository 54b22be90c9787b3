import { sql, type AnyColumn, type SQL } from "drizzle-orm";

/**
 * Whether a text column contains the words typed, literally: `%` and `_` in a search are
 * characters, not wildcards. SQLite's LIKE has no escape character unless one is named.
 */
export function contains(column: AnyColumn, query: string): SQL {
  const literal = query.replace(/[\\%_]/g, (c) => `\\${c}`);
  return sql`${column} like ${`%${literal}%`} escape '\\'`;
}
