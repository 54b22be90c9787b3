import { afterAll, beforeAll, describe, expect, it } from "vitest";
import WebSocket from "ws";
import * as Y from "yjs";
import { readStoredUpdate } from "#tests/fixtures/db.ts";
import {
  connectClient,
  prepareDocument,
  startCollabServer,
  synced,
  tempDataDir,
  until,
  upgradeStatus,
  type Client,
  type RunningServer,
} from "#tests/fixtures/collab-client.ts";

let server: RunningServer;
let documentId: string;
let cookies: string[];
const clients: Client[] = [];
const open = (cookie?: string) => {
  const client = connectClient(server, documentId, cookie);
  clients.push(client);
  return client;
};

beforeAll(async () => {
  const dataDir = tempDataDir();
  ({ documentId, cookies } = await prepareDocument(dataDir, ["process_owner", "quality_manager", "staff", "staff"], {
    2: "commenter",
  }));
  server = await startCollabServer(dataDir);
});

afterAll(async () => {
  for (const c of clients) c.provider.destroy();
  await server.stop();
});

describe("the collab endpoint, over real sockets", () => {
  it("lets two stock y-websocket clients converge", async () => {
    const a = open(cookies[0]);
    const b = open(cookies[1]);
    await Promise.all([synced(a), synced(b)]);
    a.doc.getText("t").insert(0, "Ledningen skriver ");
    b.doc.getText("t").insert(0, "tillsammans. ");
    await until(
      () => a.doc.getText("t").toString() === b.doc.getText("t").toString() && a.doc.getText("t").length > 25,
      5000,
      "convergence",
    );
    expect(a.doc.getText("t").toString()).toContain("Ledningen skriver ");
    expect(b.doc.getText("t").toString()).toContain("tillsammans. ");
  });

  it("passes a pasted chapter (over 64 KiB) intact to the others and to whoever opens the document next", async () => {
    const a = open(cookies[0]);
    const b = open(cookies[1]);
    await Promise.all([synced(a), synced(b)]);
    // 1, 2 and 8-byte WebSocket length headers: a short line, a paragraph, a chapter.
    const texts = ["Kort rad. ", "Ett stycke om ansvar. ".repeat(20), "Kapitel om ledningens genomgång. ".repeat(2500)];
    for (const text of texts) a.doc.getText("chapter").insert(a.doc.getText("chapter").length, text);
    const expected = texts.join("");
    await until(() => b.doc.getText("chapter").toString() === expected, 5000, "the other editor has the chapter");
    const c = open(cookies[1]);
    await synced(c);
    expect(c.doc.getText("chapter").toString()).toBe(expected);
  });

  it("gives a commenter the draft read-only: their edits of the text reach nobody", async () => {
    const writer = open(cookies[0]);
    const staff = open(cookies[2]);
    await Promise.all([synced(writer), synced(staff)]);
    await until(() => staff.doc.getText("t").length > 0, 5000, "staff sees the text");
    staff.doc.getText("t").insert(0, "OTILLÅTET ");
    writer.doc.getText("t").insert(0, "Tillåtet ");
    await until(() => staff.doc.getText("t").toString().includes("Tillåtet"), 5000, "staff receives edits");
    await new Promise((r) => setTimeout(r, 200));
    expect(writer.doc.getText("t").toString()).not.toContain("OTILLÅTET");
  });

  it("answers 401 without a session or with a forged one, 403 for another origin, 404 for no such document", async () => {
    const origin = server.origin;
    expect(await upgradeStatus(server, documentId, { origin })).toBe(401);
    expect(await upgradeStatus(server, documentId, { origin, cookie: "lots_session=ImZvcmdlZCI%3D" })).toBe(401);
    expect(await upgradeStatus(server, documentId, { origin: "https://evil.example", cookie: cookies[0]! })).toBe(403);
    expect(await upgradeStatus(server, "nosuchdocument", { origin, cookie: cookies[0]! })).toBe(404);
    expect(await upgradeStatus(server, "../../etc", { origin, cookie: cookies[0]! })).toBe(404);
    expect(await upgradeStatus(server, documentId, { origin, cookie: cookies[0]! })).toBe(101);
  });

  it("answers 403 to staff the draft does not name: they read releases, not drafts", async () => {
    expect(await upgradeStatus(server, documentId, { origin: server.origin, cookie: cookies[3]! })).toBe(403);
  });
});

describe("hostile input over a real socket", () => {
  it("closes a connection that sends more than the size limit (1009), and only that one", async () => {
    const good = open(cookies[0]);
    await synced(good);
    const raw = new WebSocket(`ws://127.0.0.1:${server.port}/collab/${documentId}`, {
      headers: { cookie: cookies[1]!, origin: server.origin },
    });
    await new Promise((resolve) => raw.once("open", resolve));
    const closed = new Promise<number>((resolve) => raw.once("close", (code) => resolve(code)));
    raw.send(new Uint8Array(3 * 1024 * 1024));
    expect(await closed).toBe(1009);
    good.doc.getText("t").insert(0, "efter attacken ");
    const check = open(cookies[1]);
    await synced(check);
    await until(() => check.doc.getText("t").toString().includes("efter attacken"), 5000, "others unaffected");
  });

  it("closes a connection that sends garbage (1007), and the server stays up", async () => {
    const raw = new WebSocket(`ws://127.0.0.1:${server.port}/collab/${documentId}`, {
      headers: { cookie: cookies[0]!, origin: server.origin },
    });
    await new Promise((resolve) => raw.once("open", resolve));
    const closed = new Promise<number>((resolve) => raw.once("close", (code) => resolve(code)));
    raw.send(new Uint8Array([0, 2, 250, 255, 255, 255, 255, 1, 2]));
    expect(await closed).toBe(1007);
    expect(await upgradeStatus(server, documentId, { origin: server.origin, cookie: cookies[0]! })).toBe(101);
  });
});

describe("crash safety", () => {
  it("after SIGKILL mid-editing and a restart, everything any client had received is stored", async () => {
    const dataDir = tempDataDir();
    const prepared = await prepareDocument(dataDir, ["process_owner", "auditor"]);
    let crashing = await startCollabServer(dataDir);
    const writer = connectClient(crashing, prepared.documentId, prepared.cookies[0]);
    const watcher = connectClient(crashing, prepared.documentId, prepared.cookies[1]);
    await Promise.all([synced(writer), synced(watcher)]);

    let n = 0;
    const typing = setInterval(() => writer.doc.getText("t").insert(writer.doc.getText("t").length, `${n++} `), 3);
    await until(() => watcher.doc.getText("t").length > 300, 10_000, "edits flowing");
    crashing.process.kill("SIGKILL");
    await new Promise((r) => crashing.process.once("exit", r));
    clearInterval(typing);
    // What the watcher had received from the server before the crash:
    const seen = Y.encodeStateVector(watcher.doc);
    writer.provider.destroy();
    watcher.provider.destroy();

    crashing = await startCollabServer(dataDir);
    await crashing.stop();
    const stored = new Y.Doc();
    Y.applyUpdate(stored, readStoredUpdate(prepared.db, prepared.documentId)!);
    // Nothing the watcher saw is missing from what was stored.
    for (const [client, clock] of Y.decodeStateVector(seen)) {
      expect(Y.getState(stored.store, client)).toBeGreaterThanOrEqual(clock);
    }
    expect(stored.getText("t").toString().startsWith(watcher.doc.getText("t").toString())).toBe(true);
    prepared.db.$client.close();
  }, 30_000);
});
