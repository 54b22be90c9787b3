import { createHash } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import type { Readable } from "node:stream";
import yazl from "yazl";
import { sql } from "drizzle-orm";
import type { Db } from "#db/client.ts";
import { contentText } from "./document-content.server.ts";
import { verifyReleaseFiles, type FileVerdict } from "./document-files.server.ts";
import { verifyReleases, type ReleaseVerdict } from "./releases.server.ts";
import { verifyTrail, type TrailVerdict } from "./trail.server.ts";
import { readZip, ZipRefusal } from "./zip-reader.server.ts";

/**
 * The whole organisation as one zip that needs nothing of Lots to read: every table as JSON,
 * every stored file, and a manifest with a checksum of each. It is the way out of Lots, the
 * person-independent copy an auditor may ask for, and the way into another installation
 * (`npm run import`), which checks every checksum, the trail chain and every release after.
 */

const FORMAT = "lots-export";
const VERSION = 1;

/**
 * Tables that are not the organisation's record: secrets of the moment (sessions, reset links,
 * sign-in attempts, challenges and throttles, form keys), the search index (rebuilt from the
 * releases) and SQLite's own.
 */
const leftOut =
  /^(sqlite_|__drizzle_migrations$|release_search|sessions$|password_resets$|login_throttle$|form_submissions$|sign_in_attempts$|second_factor_challenges$|passkey_challenges$)/;

export type ExportManifest = {
  format: typeof FORMAT;
  version: typeof VERSION;
  exportedAt: string;
  /** The last database migration applied: an import needs the same. */
  schema: string;
  tables: Record<string, { rows: number; sha256: string }>;
  files: Record<string, string>;
};

const sha256 = (data: Uint8Array | string) => createHash("sha256").update(data).digest("hex");

/** Binary cells (Yjs states, frozen candidates) travel as base64 in the JSON. */
const encode = (value: unknown) => (Buffer.isBuffer(value) ? { $base64: value.toString("base64") } : value);
const decode = (value: unknown) =>
  value && typeof value === "object" && "$base64" in value ? Buffer.from(String(value.$base64), "base64") : value;

function tablesOf(db: Db): string[] {
  return db
    .all<{ name: string }>(sql`select name from sqlite_master where type = 'table' order by name`)
    .map((row) => row.name)
    .filter((name) => !leftOut.test(name));
}

function schemaVersion(db: Db): string {
  return db.get<{ hash: string }>(sql`select hash from __drizzle_migrations order by id desc limit 1`)?.hash ?? "";
}

const uploadsOf = (dataDir: string) => path.join(dataDir, "uploads");

/**
 * Writes the export as a zip stream. Rows are read in one transaction, so the copy is one
 * consistent moment; stored files never change once written, so copying them after is safe.
 */
export function exportOrganisation(db: Db, dataDir: string, now = new Date()): Readable {
  const zip = new yazl.ZipFile();
  const manifest: ExportManifest = {
    format: FORMAT,
    version: VERSION,
    exportedAt: now.toISOString(),
    schema: schemaVersion(db),
    tables: {},
    files: {},
  };
  db.transaction((tx) => {
    for (const table of tablesOf(tx)) {
      const rows = tx
        .all<Record<string, unknown>>(sql`select * from ${sql.identifier(table)}`)
        .map((row) => Object.fromEntries(Object.entries(row).map(([k, v]) => [k, encode(v)])));
      const json = JSON.stringify(rows);
      manifest.tables[table] = { rows: rows.length, sha256: sha256(json) };
      zip.addBuffer(Buffer.from(json), `tables/${table}.json`);
    }
  });
  const uploads = uploadsOf(dataDir);
  if (fs.existsSync(uploads)) {
    for (const name of fs.readdirSync(uploads).sort()) {
      const bytes = fs.readFileSync(path.join(uploads, name));
      manifest.files[name] = sha256(bytes);
      zip.addBuffer(bytes, `files/${name}`);
    }
  }
  zip.addBuffer(Buffer.from(`${JSON.stringify(manifest, null, 2)}\n`), "manifest.json");
  zip.end();
  return zip.outputStream as Readable;
}

export type ImportVerdict =
  | {
      ok: true;
      tables: number;
      rows: number;
      files: number;
      trail: TrailVerdict;
      releases: ReleaseVerdict;
      releaseFiles: FileVerdict;
    }
  | { ok: false; problem: string };

/** A whole organisation may be large; unpacked it may still not exceed these. */
const EXPORT_LIMITS = {
  maxEntries: 200_000,
  maxTotalBytes: 8 * 1024 * 1024 * 1024,
  maxEntryBytes: 1024 * 1024 * 1024,
  maxRatio: 1000,
};

/**
 * Brings an export into an empty installation (migrated, with no one in it yet). Everything is
 * checked before a row is written, and written in one transaction: it comes in whole or not at
 * all. Afterwards the trail chain, every release and every release's files are verified.
 */
export async function importOrganisation(db: Db, dataDir: string, zipBytes: Uint8Array): Promise<ImportVerdict> {
  const people = db.get<{ n: number }>(sql`select count(*) as n from users`);
  if ((people?.n ?? 0) > 0) return { ok: false, problem: "the installation is not empty: import only into a new one" };
  let entries;
  try {
    entries = await readZip(zipBytes, EXPORT_LIMITS);
  } catch (error) {
    if (error instanceof ZipRefusal)
      return { ok: false, problem: `the file is not a readable export (${error.reason})` };
    throw error;
  }
  const entry = (name: string) => entries.find((e) => e.name === name)?.bytes;
  const manifestBytes = entry("manifest.json");
  if (!manifestBytes) return { ok: false, problem: "no manifest.json: not a Lots export" };
  const manifest = JSON.parse(manifestBytes.toString("utf8")) as ExportManifest;
  if (manifest.format !== FORMAT || manifest.version !== VERSION)
    return { ok: false, problem: "not a Lots export of a known version" };
  if (manifest.schema !== schemaVersion(db)) {
    return { ok: false, problem: "the export is from another version of Lots: update both to the same version first" };
  }
  const known = new Set(tablesOf(db));
  const tables: [string, Record<string, unknown>[]][] = [];
  for (const [table, expected] of Object.entries(manifest.tables)) {
    if (!known.has(table)) return { ok: false, problem: `the export holds a table this Lots does not know: ${table}` };
    const json = entry(`tables/${table}.json`)?.toString("utf8");
    if (json === undefined || sha256(json) !== expected.sha256)
      return { ok: false, problem: `table ${table} does not match its checksum` };
    tables.push([table, JSON.parse(json) as Record<string, unknown>[]]);
  }
  const files: [string, Buffer][] = [];
  for (const [name, expected] of Object.entries(manifest.files)) {
    const bytes = entry(`files/${name}`);
    // Names are Lots' own generated ids; anything else is not written anywhere.
    if (!/^[a-z2-7]{16}$/.test(name) || !bytes || sha256(bytes) !== expected) {
      return { ok: false, problem: `file ${name.slice(0, 40)} does not match its checksum` };
    }
    files.push([name, bytes]);
  }

  fs.mkdirSync(uploadsOf(dataDir), { recursive: true });
  for (const [name, bytes] of files) fs.writeFileSync(path.join(uploadsOf(dataDir), name), bytes, { flag: "wx" });
  // Rows arrive table by table, not in the order their references need: checked at the end.
  db.run(sql`pragma foreign_keys = off`);
  try {
    db.transaction((tx) => {
      for (const [table, rows] of tables) {
        for (const row of rows) {
          const columns = Object.keys(row);
          if (columns.length === 0) continue;
          tx.run(
            sql`insert into ${sql.identifier(table)} (${sql.join(
              columns.map((c) => sql.identifier(c)),
              sql`, `,
            )}) values (${sql.join(
              columns.map((c) => sql`${decode(row[c])}`),
              sql`, `,
            )})`,
          );
        }
      }
      const broken = tx.all(sql`pragma foreign_key_check`);
      if (broken.length > 0)
        throw new Error(`the export's rows do not hold together (${broken.length} broken references)`);
      // The search index is made again from the releases themselves.
      for (const release of tx.all<{ id: string; title: string; content_json: string }>(
        sql`select id, title, content_json from releases`,
      )) {
        tx.run(
          sql`insert into release_search (release_id, title, body) values (${release.id}, ${release.title}, ${contentText(JSON.parse(release.content_json))})`,
        );
      }
    });
  } catch (error) {
    return { ok: false, problem: error instanceof Error ? error.message : String(error) };
  } finally {
    db.run(sql`pragma foreign_keys = on`);
  }
  const trail = verifyTrail(db);
  const releases = verifyReleases(db);
  const releaseFiles = verifyReleaseFiles(db, dataDir);
  return {
    ok: true,
    tables: tables.length,
    rows: tables.reduce((n, [, rows]) => n + rows.length, 0),
    files: files.length,
    trail,
    releases,
    releaseFiles,
  };
}
