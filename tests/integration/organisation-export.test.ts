import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { importWordFile } from "#app/models/document-import.server.ts";
import { findUserByEmail } from "#app/models/users.server.ts";
import { databaseFile, migrateDatabase, openDatabase } from "#db/client.ts";
import { seedDemo } from "#scripts/seed/demo.ts";

/** Runs one of Lots' own npm scripts against a data folder, as an administrator would. */
function npm(script: string, dataDir: string, ...args: string[]) {
  return execFileSync("npm", ["run", "--silent", script, "--", ...args], {
    env: { ...process.env, LOTS_DATA_DIR: dataDir },
    encoding: "utf8",
    stdio: ["ignore", "pipe", "pipe"],
  });
}

const counts = (dataDir: string) => {
  const db = openDatabase(databaseFile(dataDir));
  const tables = db.$client
    .prepare(
      "select name from sqlite_master where type = 'table' and name not like 'sqlite_%' and name not like 'release_search%' order by name",
    )
    .all() as { name: string }[];
  const result = Object.fromEntries(
    tables.map(({ name }) => [
      name,
      (db.$client.prepare(`select count(*) as n from "${name}"`).get() as { n: number }).n,
    ]),
  );
  db.$client.close();
  return result;
};

describe("leaving and moving", () => {
  it("exports a whole organisation and brings it back into an empty installation, where verify-trail passes", async () => {
    const from = fs.mkdtempSync(path.join(os.tmpdir(), "lots-from-"));
    const to = fs.mkdtempSync(path.join(os.tmpdir(), "lots-to-"));
    const db = openDatabase(databaseFile(from));
    migrateDatabase(db);
    await seedDemo(db);
    const quality = findUserByEmail(db, "kvalitet@exempel.se")!;
    await importWordFile(
      db,
      from,
      quality,
      { name: "Handhygien.docx", bytes: new Uint8Array(fs.readFileSync("tests/fixtures/office/handhygien.docx")) },
      { type: "routine", ownerId: quality.id, unitId: null, approvedOutside: true },
      { notesHeading: "Fotnoter", approvedOutside: () => "Godkänd utanför Lots" },
    );
    db.$client.close();

    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "lots-export-")), "organisation.zip");
    expect(npm("export", from, file)).toMatch(/^Exported to /);
    expect(npm("import", to, file)).toMatch(
      /Verified: trail of \d+ events intact, \d+ releases intact, 2 release files intact\./,
    );
    expect(npm("verify-trail", to)).toMatch(/Trail intact.*\n.*Releases intact.*\n.*Release files intact: 2/);

    const before = counts(from);
    const after = counts(to);
    for (const left of ["sessions", "password_resets", "login_throttle", "form_submissions", "sign_in_attempts"]) {
      delete before[left];
      delete after[left];
    }
    expect(after).toEqual(before);
    // The released picture came along, byte for byte.
    expect(fs.readdirSync(path.join(to, "uploads")).sort()).toEqual(fs.readdirSync(path.join(from, "uploads")).sort());

    // A second import into the same (now full) installation is refused and changes nothing.
    expect(() => npm("import", to, file)).toThrow(/not empty/);
    expect(counts(to).users).toBe(after.users);
  }, 120_000);
});
