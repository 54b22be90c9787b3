/**
 * npm run restore -- DIR: brings a backup back into LOTS_DATA_DIR after checking it whole
 * (checksum, integrity, trail, releases). What was there is moved aside, not deleted.
 * Stop Lots first.
 */
import path from "node:path";
import { loadConfig } from "#app/config.server.ts";
import { restoreBackup } from "#app/models/backups.server.ts";

const dir = process.argv[2];
if (!dir) {
  console.error("Usage: npm run restore -- <backup folder>");
  process.exit(2);
}
const dataDir = loadConfig().dataDir;
const { check, setAside } = restoreBackup(path.resolve(dir), dataDir);
if (!check.ok) {
  console.error(
    `Not restored, the backup does not hold: ${check.problem ?? check.integrity ?? "trail or releases broken"}.`,
  );
  process.exit(1);
}
if (setAside) console.log(`What was in ${dataDir} is kept in ${setAside}.`);
console.log(
  `Restored into ${dataDir}: trail of ${check.trail?.checked} events and ${check.releases?.checked} releases verified.`,
);
