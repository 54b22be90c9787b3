import { max } from "drizzle-orm";
import type { SQLiteColumn, SQLiteTable } from "drizzle-orm/sqlite-core";
import type { Db } from "./client.ts";

/**
 * The next short number people say aloud ("åtgärd 12", "R3"). Call it inside the write
 * transaction that inserts the row, so that two writers never take the same one.
 */
export function nextNumber(db: Db, table: SQLiteTable, column: SQLiteColumn): number {
  return (
    Number(
      db
        .select({ n: max(column) })
        .from(table)
        .get()?.n ?? 0,
    ) + 1
  );
}
