/** Applies pending migrations to the database under LOTS_DATA_DIR (the server also does this at start). */
import { loadConfig } from "#app/config.server.ts";
import { databaseFile, migrateDatabase, openDatabase } from "#db/client.ts";

const file = databaseFile(loadConfig().dataDir);
const db = openDatabase(file);
migrateDatabase(db);
db.$client.close();
console.log(`Migrated ${file}`);
