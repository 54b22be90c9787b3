import { createHash } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import { drizzle } from "drizzle-orm/better-sqlite3";
import { verifyReleases, type ReleaseVerdict } from "./releases.server.ts";
import { verifyTrail, type TrailVerdict } from "./trail.server.ts";
import { databaseFile } from "#db/client.ts";
import * as schema from "#db/schema/index.ts";

/**
 * Backups of a running Lots: the database through SQLite's online backup (one consistent
 * snapshot, taken beside the server's writers), then the uploaded files, which are written
 * once under generated names before any row names them, so every file the snapshot refers
 * to is copied. A manifest holds the snapshot's checksum, so a damaged copy is never restored.
 */

const MANIFEST = "manifest.json";
const DB_FILE = "lots.db";
const UPLOADS = "uploads";

export type BackupManifest = {
  format: 1;
  createdAt: string;
  database: { file: string; bytes: number; sha256: string };
  uploads: number;
};

export type BackupCheck = {
  ok: boolean;
  problem?: string;
  integrity?: string;
  trail?: TrailVerdict;
  releases?: ReleaseVerdict;
};

const sha256 = (file: string) => createHash("sha256").update(fs.readFileSync(file)).digest("hex");

function countFiles(dir: string): number {
  if (!fs.existsSync(dir)) return 0;
  return fs.readdirSync(dir, { recursive: true, withFileTypes: true }).filter((e) => e.isFile()).length;
}

/** The folder name of a backup taken at a moment: sortable, and safe on every file system. */
export function backupName(at: Date): string {
  return `lots-${at.toISOString().replace(/[:.]/g, "-")}`;
}

/** Copies the live database and uploads of dataDir into a new folder dest; returns its manifest. */
export async function takeBackup(dataDir: string, dest: string, now = new Date()): Promise<BackupManifest> {
  const source = databaseFile(dataDir);
  if (!fs.existsSync(source)) throw new Error(`No database at ${source}`);
  if (fs.existsSync(dest)) throw new Error(`${dest} already exists`);
  fs.mkdirSync(dest, { recursive: true });
  const target = path.join(dest, DB_FILE);
  const sqlite = new Database(source, { readonly: true, fileMustExist: true });
  try {
    sqlite.pragma("busy_timeout = 5000");
    // All pages in one step: one read snapshot, so writers beside us never restart the copy.
    await sqlite.backup(target, { progress: () => 0x7fffffff });
  } finally {
    sqlite.close();
  }
  // A single self-contained file: reading the copy later leaves no -wal or -shm beside it.
  const copy = new Database(target);
  copy.pragma("journal_mode = DELETE");
  copy.close();
  const uploads = path.join(dataDir, UPLOADS);
  if (fs.existsSync(uploads)) fs.cpSync(uploads, path.join(dest, UPLOADS), { recursive: true });
  const manifest: BackupManifest = {
    format: 1,
    createdAt: now.toISOString(),
    database: { file: DB_FILE, bytes: fs.statSync(target).size, sha256: sha256(target) },
    uploads: countFiles(path.join(dest, UPLOADS)),
  };
  fs.writeFileSync(path.join(dest, MANIFEST), `${JSON.stringify(manifest, null, 2)}\n`);
  return manifest;
}

/** Whether a backup is whole: its checksum, SQLite's integrity check, the trail chain and every release's hash. */
export function checkBackup(dir: string): BackupCheck {
  const manifestFile = path.join(dir, MANIFEST);
  if (!fs.existsSync(manifestFile)) return { ok: false, problem: `no ${MANIFEST} in ${dir}` };
  const manifest = JSON.parse(fs.readFileSync(manifestFile, "utf8")) as BackupManifest;
  const file = path.join(dir, manifest.database.file);
  if (!fs.existsSync(file)) return { ok: false, problem: `no ${manifest.database.file} in ${dir}` };
  if (sha256(file) !== manifest.database.sha256)
    return { ok: false, problem: "the database does not match its checksum" };
  if (countFiles(path.join(dir, UPLOADS)) < manifest.uploads)
    return { ok: false, problem: "uploaded files are missing" };
  const sqlite = new Database(file, { readonly: true, fileMustExist: true });
  try {
    const integrity = String(sqlite.pragma("integrity_check", { simple: true }));
    const db = drizzle(sqlite, { schema });
    const trail = verifyTrail(db);
    const releases = verifyReleases(db);
    return { ok: integrity === "ok" && trail.ok && releases.ok, integrity, trail, releases };
  } finally {
    sqlite.close();
  }
}

/**
 * Brings a checked backup back into dataDir. What was there is moved aside, never deleted,
 * into a folder named for the moment. Lots must be stopped while this runs.
 */
export function restoreBackup(
  dir: string,
  dataDir: string,
  now = new Date(),
): { check: BackupCheck; setAside: string | null } {
  const check = checkBackup(dir);
  if (!check.ok) return { check, setAside: null };
  const manifest = JSON.parse(fs.readFileSync(path.join(dir, MANIFEST), "utf8")) as BackupManifest;
  fs.mkdirSync(dataDir, { recursive: true });
  const live = databaseFile(dataDir);
  const present = [live, `${live}-wal`, `${live}-shm`, path.join(dataDir, UPLOADS)].filter((f) => fs.existsSync(f));
  let setAside: string | null = null;
  if (present.length > 0) {
    setAside = path.join(dataDir, `before-restore-${backupName(now).slice("lots-".length)}`);
    fs.mkdirSync(setAside);
    for (const f of present) fs.renameSync(f, path.join(setAside, path.basename(f)));
  }
  fs.copyFileSync(path.join(dir, manifest.database.file), live);
  const uploads = path.join(dir, UPLOADS);
  if (fs.existsSync(uploads)) fs.cpSync(uploads, path.join(dataDir, UPLOADS), { recursive: true });
  return { check, setAside };
}
