/**
 * npm run import -- FILE.zip: brings an export into a new, empty installation in
 * LOTS_DATA_DIR, all or nothing, and then verifies the trail, every release and their files.
 * Stop Lots first.
 */
import fs from "node:fs";
import { loadConfig } from "#app/config.server.ts";
import { importOrganisation } from "#app/models/organisation-export.server.ts";
import { databaseFile, migrateDatabase, openDatabase } from "#db/client.ts";

const source = process.argv[2];
if (!source || !fs.existsSync(source)) {
  console.error("Usage: npm run import -- FILE.zip");
  process.exit(2);
}
const { dataDir } = loadConfig();
fs.mkdirSync(dataDir, { recursive: true });
const db = openDatabase(databaseFile(dataDir));
migrateDatabase(db);
const verdict = await importOrganisation(db, dataDir, new Uint8Array(fs.readFileSync(source)));
db.$client.close();
if (!verdict.ok) {
  console.error(`Not imported: ${verdict.problem}. Nothing was written.`);
  process.exit(1);
}
console.log(`Imported ${verdict.rows} rows in ${verdict.tables} tables and ${verdict.files} files into ${dataDir}.`);
const checks = [
  verdict.trail.ok ? `trail of ${verdict.trail.checked} events intact` : "TRAIL BROKEN",
  verdict.releases.ok ? `${verdict.releases.checked} releases intact` : "A RELEASE DOES NOT HOLD",
  verdict.releaseFiles.ok ? `${verdict.releaseFiles.checked} release files intact` : "A RELEASE FILE DOES NOT HOLD",
];
console.log(`Verified: ${checks.join(", ")}.`);
if (!verdict.trail.ok || !verdict.releases.ok || !verdict.releaseFiles.ok) process.exit(1);
