/** Recomputes the trail's hash chain in the database under LOTS_DATA_DIR; exits non-zero naming the first bad row. */
import fs from "node:fs";
import { loadConfig } from "#app/config.server.ts";
import { verifyTrail } from "#app/models/trail.server.ts";
import { databaseFile, openDatabase } from "#db/client.ts";

const file = databaseFile(loadConfig().dataDir);
if (!fs.existsSync(file)) {
  console.error(`No database at ${file}`);
  process.exit(2);
}
const db = openDatabase(file);
const verdict = verifyTrail(db);
db.$client.close();
if (verdict.ok) {
  console.log(`Trail intact: ${verdict.checked} events verified.`);
} else {
  console.error(
    `Trail broken at event ${verdict.firstBadSeq}: ${verdict.reason} (${verdict.checked} events before it verified).`,
  );
  process.exit(1);
}
