/**
 * npm run export -- FILE.zip: the whole organisation in LOTS_DATA_DIR as one zip (every table
 * as JSON, every stored file, a manifest with checksums). Lots may keep running.
 */
import fs from "node:fs";
import { pipeline } from "node:stream/promises";
import { loadConfig } from "#app/config.server.ts";
import { exportOrganisation } from "#app/models/organisation-export.server.ts";
import { databaseFile, openDatabase } from "#db/client.ts";

const target = process.argv[2];
if (!target || !/\.zip$/i.test(target)) {
  console.error("Usage: npm run export -- FILE.zip");
  process.exit(2);
}
const { dataDir } = loadConfig();
const file = databaseFile(dataDir);
if (!fs.existsSync(file)) {
  console.error(`No database at ${file}`);
  process.exit(2);
}
const db = openDatabase(file);
const started = Date.now();
await pipeline(exportOrganisation(db, dataDir), fs.createWriteStream(target, { flags: "wx" }));
db.$client.close();
console.log(
  `Exported to ${target}: ${(fs.statSync(target).size / 1024).toFixed(0)} KiB in ${Date.now() - started} ms.`,
);
