/**
 * Recomputes the trail's hash chain and re-hashes every release in the database under
 * LOTS_DATA_DIR; exits non-zero naming the first bad row.
 */
import fs from "node:fs";
import { loadConfig } from "#app/config.server.ts";
import { verifyReleaseFiles } from "#app/models/document-files.server.ts";
import { verifyReleases } from "#app/models/releases.server.ts";
import { verifyTrail } from "#app/models/trail.server.ts";
import { databaseFile, openDatabase } from "#db/client.ts";

const { dataDir } = loadConfig();
const file = databaseFile(dataDir);
if (!fs.existsSync(file)) {
  console.error(`No database at ${file}`);
  process.exit(2);
}
const db = openDatabase(file);
const trail = verifyTrail(db);
const releases = verifyReleases(db);
const files = verifyReleaseFiles(db, dataDir);
db.$client.close();
if (trail.ok) {
  console.log(`Trail intact: ${trail.checked} events verified.`);
} else {
  console.error(
    `Trail broken at event ${trail.firstBadSeq}: ${trail.reason} (${trail.checked} events before it verified).`,
  );
}
if (releases.ok) {
  console.log(`Releases intact: ${releases.checked} releases re-hashed.`);
} else {
  console.error(
    `Release ${releases.releaseId} (${releases.documentTitle} ${releases.version}) does not hold: ${releases.reason}.`,
  );
}
if (files.ok) {
  console.log(`Release files intact: ${files.checked} pictures and forms re-hashed.`);
} else {
  console.error(`File ${files.fileId} of a release does not hold: ${files.reason}.`);
}
if (!trail.ok || !releases.ok || !files.ok) process.exit(1);
