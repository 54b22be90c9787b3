import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import Database from "better-sqlite3";
import { drizzle, type BetterSQLite3Database } from "drizzle-orm/better-sqlite3";
import type { BaseSQLiteDatabase } from "drizzle-orm/sqlite-core";
import { migrate } from "drizzle-orm/better-sqlite3/migrator";
import * as schema from "./schema/index.ts";

/** What models take: the connection or a transaction on it, so commands compose. */
export type Db = BaseSQLiteDatabase<"sync", Database.RunResult, typeof schema>;
/** The open connection itself, which can also be closed or backed up. */
export type DbConnection = BetterSQLite3Database<typeof schema> & { $client: Database.Database };

const migrationsFolder = path.join(path.dirname(fileURLToPath(import.meta.url)), "migrations");

/**
 * Opens (creating if needed) the database file. WAL lets readers run beside the one
 * writer; busy_timeout makes a second process (a script, a backup) wait instead of failing.
 */
export function openDatabase(file: string, options: { backgroundCheckpoints?: boolean } = {}): DbConnection {
  if (file !== ":memory:") fs.mkdirSync(path.dirname(file), { recursive: true });
  const sqlite = new Database(file);
  sqlite.pragma("journal_mode = WAL");
  sqlite.pragma("foreign_keys = ON");
  sqlite.pragma("busy_timeout = 5000");
  sqlite.pragma("synchronous = NORMAL");
  // The server checkpoints on a worker thread instead (db/checkpointer.ts).
  if (options.backgroundCheckpoints) sqlite.pragma("wal_autocheckpoint = 0");
  return drizzle(sqlite, { schema });
}

/**
 * Every state change runs here. IMMEDIATE takes the write lock at the start: a transaction that
 * reads first and writes later could otherwise meet another connection's commit in between and
 * fail at once with "database is locked" (busy_timeout cannot retry that case). Nested calls
 * become savepoints.
 */
export function writeTransaction<T>(db: Db, work: (tx: Db) => T): T {
  return db.transaction(work, { behavior: "immediate" });
}

export function migrateDatabase(db: Db): void {
  migrate(db, { migrationsFolder });
}

export function databaseFile(dataDir: string): string {
  return path.join(dataDir, "lots.db");
}
