import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as Y from "yjs";
import { checkBackup, restoreBackup, takeBackup } from "#app/models/backups.server.ts";
import { appendTrailEvent, verifyTrail } from "#app/models/trail.server.ts";
import { databaseFile, openDatabase } from "#db/client.ts";
import { readStoredUpdate } from "#tests/fixtures/db.ts";
import {
  connectClient,
  prepareDocument,
  startCollabServer,
  synced,
  tempDataDir,
  until,
  type Client,
  type RunningServer,
} from "#tests/fixtures/collab-client.ts";

let server: RunningServer;
let dataDir: string;
let documentId: string;
let writer: Client;

beforeAll(async () => {
  dataDir = tempDataDir();
  const prepared = await prepareDocument(dataDir, ["quality_manager"]);
  documentId = prepared.documentId;
  for (let i = 0; i < 50; i += 1)
    appendTrailEvent(prepared.db, { actorId: null, type: "test.event", subjectType: "test", subjectId: String(i) });
  prepared.db.$client.close();
  fs.mkdirSync(path.join(dataDir, "uploads", "ab"), { recursive: true });
  fs.writeFileSync(path.join(dataDir, "uploads", "ab", "photo.jpg"), Buffer.from([0xff, 0xd8, 0xff, 0xe0]));
  server = await startCollabServer(dataDir);
  writer = connectClient(server, documentId, prepared.cookies[0]);
  await synced(writer);
});

afterAll(async () => {
  writer.provider.destroy();
  await server.stop();
});

describe("backup and restore", () => {
  it("copies the database while Lots is being edited, and the restored copy holds every update written before it and an intact trail", async () => {
    const text = writer.doc.getText("t");
    let typing = true;
    const typed = (async () => {
      for (let i = 0; typing; i += 1) {
        text.insert(text.length, `${i} `);
        await new Promise((r) => setTimeout(r, 2));
      }
    })();
    await until(() => text.length > 200, 5000, "editing under way");
    // What the client has typed by now reaches the server and its log within the pause.
    const before = Y.encodeStateVector(writer.doc);
    await new Promise((r) => setTimeout(r, 200));
    const backupDir = path.join(tempDataDir(), "backup");
    const manifest = await takeBackup(dataDir, backupDir);
    typing = false;
    await typed;
    expect(manifest.uploads).toBe(1);
    expect(checkBackup(backupDir)).toMatchObject({ ok: true, integrity: "ok", trail: { ok: true } });

    const restoredDir = tempDataDir();
    fs.writeFileSync(databaseFile(restoredDir), "what was here before");
    const { check, setAside } = restoreBackup(backupDir, restoredDir);
    expect(check.ok).toBe(true);
    expect(fs.readFileSync(path.join(setAside!, "lots.db"), "utf8")).toBe("what was here before");
    expect(fs.existsSync(path.join(restoredDir, "uploads", "ab", "photo.jpg"))).toBe(true);
    const db = openDatabase(databaseFile(restoredDir));
    expect(verifyTrail(db)).toMatchObject({ ok: true });
    const restored = new Y.Doc();
    Y.applyUpdate(restored, readStoredUpdate(db, documentId)!);
    // Nothing typed before the backup began is missing from it.
    const has = Y.decodeStateVector(Y.encodeStateVector(restored));
    for (const [client, clock] of Y.decodeStateVector(before))
      expect(has.get(client) ?? 0).toBeGreaterThanOrEqual(clock);
    db.$client.close();
  });

  it("refuses a damaged backup and leaves the data where it is", async () => {
    const backupDir = path.join(tempDataDir(), "backup");
    await takeBackup(dataDir, backupDir);
    const file = path.join(backupDir, "lots.db");
    const bytes = fs.readFileSync(file);
    bytes.writeUInt8(bytes.readUInt8(bytes.length - 100) ^ 0xff, bytes.length - 100);
    fs.writeFileSync(file, bytes);
    const target = tempDataDir();
    fs.writeFileSync(databaseFile(target), "kept");
    const { check } = restoreBackup(backupDir, target);
    expect(check).toMatchObject({ ok: false, problem: "the database does not match its checksum" });
    expect(fs.readFileSync(databaseFile(target), "utf8")).toBe("kept");
  });
});
