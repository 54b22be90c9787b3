/**
 * npm run backup [-- --to DIR]: a consistent copy of the live database (while Lots runs) and
 * the uploaded files, into DIR or a new folder under LOTS_BACKUP_DIR (./backups by default).
 */
import path from "node:path";
import { parseArgs } from "node:util";
import { loadConfig } from "#app/config.server.ts";
import { backupName, checkBackup, takeBackup } from "#app/models/backups.server.ts";

const { values } = parseArgs({ options: { to: { type: "string" } } });
const now = new Date();
const dest = path.resolve(values.to ?? path.join(process.env.LOTS_BACKUP_DIR ?? "backups", backupName(now)));
const started = Date.now();
const manifest = await takeBackup(loadConfig().dataDir, dest, now);
const check = checkBackup(dest);
console.log(
  `Backup in ${dest}: database ${(manifest.database.bytes / 1024).toFixed(0)} KiB, ${manifest.uploads} uploaded files, ${Date.now() - started} ms.`,
);
if (!check.ok) {
  console.error(`The copy does not hold: ${check.problem ?? check.integrity ?? "trail or releases broken"}.`);
  process.exit(1);
}
console.log(
  `Checked: integrity ok, trail of ${check.trail?.checked} events and ${check.releases?.checked} releases intact.`,
);
