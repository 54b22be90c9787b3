/**
 * bench:collab — Lots' collab endpoint (sign-in and per-update persistence on) against a plain
 * in-memory y-websocket server, side by side in one run. Prints medians of BENCH_RUNS runs and
 * the ratio Lots/reference; writes bench/results/collab-*.json. BENCH_ONLY picks scenarios.
 *   npm run bench:collab            (BENCH_RUNS=3, BENCH_SECONDS=20 by default)
 */
import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import * as Y from "yjs";
import { createSession, sessionSetCookie } from "#app/auth/sessions.server.ts";
import { updateAppender } from "#app/models/collab-store.server.ts";
import { writeInitialContent } from "#app/models/document-content.server.ts";
import { createDocument } from "#app/models/documents.server.ts";
import { createUser } from "#app/models/users.server.ts";
import { databaseFile, migrateDatabase, openDatabase } from "#db/client.ts";
import { median, report, spawnOn, type Row } from "./support.ts";

const RUNS = Number(process.env.BENCH_RUNS ?? 3);
/** e.g. BENCH_ONLY=1,4 runs the first and the cold-sync scenario only. */
const ONLY = process.env.BENCH_ONLY?.split(",").map(Number);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 20);
const WARMUP_SECONDS = 3;
const COLD_TIMES = 15;

type Load = { name: string; docs: number; clientsPerDoc: number; editsPerSecond: number };
const loads: Load[] = [
  { name: "1 doc x 20 clients x 2 edits/s", docs: 1, clientsPerDoc: 20, editsPerSecond: 2 },
  { name: "1 doc x 100 clients x 1 edit/s", docs: 1, clientsPerDoc: 100, editsPerSecond: 1 },
  { name: "200 docs x 2 clients x 0.5 edits/s", docs: 200, clientsPerDoc: 2, editsPerSecond: 0.5 },
];
const COLD = "cold sync, 200 KB doc from a 20,000-update log";

type Measure = { p50: number; p95: number; p99: number; delivered?: number; rssMb: number };

/** A data directory with a signed-in author, `docs` documents and the cold-sync document's log. */
async function prepareLots(docCount: number, coldLog: Uint8Array[], text?: string) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "lots-bench-"));
  const db = openDatabase(databaseFile(dir));
  migrateDatabase(db);
  const user = await createUser(
    db,
    { email: "bench@example.se", name: "Bench", password: "bench password", role: "process_owner", unitId: null },
    null,
  );
  const doc = () =>
    createDocument(db, user, {
      title: "bench",
      type: "routine",
      ownerId: user.id,
      unitId: null,
      areas: [],
      tags: [],
    });
  const docs = Array.from({ length: docCount }, doc);
  if (text)
    for (const id of docs) writeInitialContent(db, id, [{ type: "paragraph", content: [{ type: "text", text }] }]);
  const cold = doc();
  const append = updateAppender(db);
  db.$client.transaction(() => {
    for (const update of coldLog) append(cold, update);
  })();
  const { token } = createSession(db, user.id);
  const cookie = (await sessionSetCookie(token, false)).split(";")[0]!;
  db.$client.close();
  return { dir, docs, cold, cookie };
}

function coldLog(): Uint8Array[] {
  const doc = new Y.Doc();
  const updates: Uint8Array[] = [];
  doc.on("update", (u: Uint8Array) => updates.push(u));
  const text = doc.getText("default");
  for (let i = 0; i < 20_000; i++) text.insert(text.length, "kvalitet. ");
  return updates;
}

function start(command: string[], env: Record<string, string>): Promise<{ child: ChildProcess; port: number }> {
  const child = spawnOn(0, ["--import", "tsx", ...command], {
    env: { ...process.env, ...env },
    stdio: ["ignore", "pipe", "inherit"],
  });
  return new Promise((resolve, reject) => {
    let out = "";
    child.stdout!.on("data", (c: Buffer) => {
      out += c.toString();
      const m = /listening (\d+)/.exec(out);
      if (m) resolve({ child, port: Number(m[1]) });
    });
    child.once("exit", (code) => reject(new Error(`server exited ${code}`)));
  });
}

function rssMb(pid: number): number {
  const status = fs.readFileSync(`/proc/${pid}/status`, "utf8");
  return Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0) / 1024;
}

async function drive(scenario: object): Promise<Record<string, number>> {
  const child = spawnOn(1, ["--import", "tsx", "bench/collab-clients.ts", JSON.stringify(scenario)], {
    stdio: ["ignore", "pipe", "inherit"],
  });
  let out = "";
  child.stdout!.on("data", (c: Buffer) => (out += c.toString()));
  await new Promise((r) => child.once("exit", r));
  return JSON.parse(out.trim().split("\n").pop()!) as Record<string, number>;
}

async function measure(
  target: "lots" | "reference",
  scenario: Load | null,
  log: Uint8Array[],
  seed: number,
): Promise<Measure> {
  const docCount = scenario?.docs ?? 0;
  let server: { child: ChildProcess; port: number };
  let docs: string[];
  let cold: string;
  let headers: Record<string, string>;
  let replayFile: string | undefined;
  if (target === "lots") {
    const prepared = await prepareLots(docCount, scenario ? [] : log);
    server = await start([...(process.env.XF ? process.env.XF.split(" ") : []), "tests/fixtures/collab-server.ts"], {
      NODE_ENV: "production",
      HOST: "127.0.0.1",
      PORT: "0",
      LOTS_DATA_DIR: prepared.dir,
      LOTS_LOG_LEVEL: "silent",
      LOTS_COLLAB_IDLE_UNLOAD_MS: scenario ? "30000" : "0",
    });
    docs = prepared.docs;
    cold = prepared.cold;
    headers = { cookie: prepared.cookie, origin: `http://127.0.0.1:${server.port}` };
  } else {
    replayFile = path.join(os.tmpdir(), `lots-bench-replay-${process.pid}.json`);
    fs.writeFileSync(replayFile, JSON.stringify(log.map((u) => Buffer.from(u).toString("base64"))));
    server = await start(["bench/reference-server.ts"], { REFERENCE_REPLAY: replayFile, REFERENCE_REPLAY_DOC: "cold" });
    docs = Array.from({ length: docCount }, (_, i) => `doc${i}`);
    cold = "cold";
    headers = {};
  }
  let peak = rssMb(server.child.pid!);
  const sampler = setInterval(() => (peak = Math.max(peak, rssMb(server.child.pid!))), 200);
  const result = await drive({
    url: `ws://127.0.0.1:${server.port}/collab`,
    headers,
    docs,
    clientsPerDoc: scenario?.clientsPerDoc ?? 0,
    editsPerSecond: scenario?.editsPerSecond ?? 0,
    seconds: SECONDS,
    warmupSeconds: WARMUP_SECONDS,
    seed,
    ...(scenario ? {} : { coldSync: { doc: cold, times: COLD_TIMES } }),
  });
  clearInterval(sampler);
  server.child.kill("SIGKILL");
  if (replayFile) fs.rmSync(replayFile, { force: true });
  return { p50: result.p50!, p95: result.p95!, p99: result.p99!, delivered: result.delivered, rssMb: peak };
}

/** Heap per open idle document, and whether idle documents leave memory (Lots only). */
async function idleMemory(): Promise<{ perDocKb: number; loaded: number; afterIdle: number }> {
  // A typical routine: about 2 KB of text.
  const prepared = await prepareLots(200, [], "Rutinen beskriver hur vi arbetar. ".repeat(60));
  const server = await start(["--expose-gc", "tests/fixtures/collab-server.ts"], {
    NODE_ENV: "production",
    HOST: "127.0.0.1",
    PORT: "0",
    LOTS_DATA_DIR: prepared.dir,
    LOTS_LOG_LEVEL: "silent",
    LOTS_COLLAB_IDLE_UNLOAD_MS: "3000",
  });
  const stats = () =>
    new Promise<{ heapUsed: number; docs: number }>((resolve) => {
      const onData = (chunk: Buffer) => {
        const m = /stats (\{.*\})/.exec(chunk.toString());
        if (!m) return;
        server.child.stdout!.off("data", onData);
        resolve(JSON.parse(m[1]!) as { heapUsed: number; docs: number });
      };
      server.child.stdout!.on("data", onData);
      server.child.kill("SIGUSR2");
    });
  const headers = { cookie: prepared.cookie, origin: `http://127.0.0.1:${server.port}` };
  const syncOnce = async (doc: string) => {
    await drive({
      url: `ws://127.0.0.1:${server.port}/collab`,
      headers,
      docs: [],
      clientsPerDoc: 0,
      editsPerSecond: 0,
      seconds: 0,
      warmupSeconds: 0,
      seed: 0,
      coldSync: { doc, times: 1 },
    });
  };
  await syncOnce(prepared.docs[0]!);
  await new Promise((r) => setTimeout(r, 3500));
  const before = await stats();
  const child = spawn(
    process.execPath,
    [
      "--import",
      "tsx",
      "bench/collab-clients.ts",
      JSON.stringify({
        url: `ws://127.0.0.1:${server.port}/collab`,
        headers,
        docs: prepared.docs,
        clientsPerDoc: 1,
        editsPerSecond: 1,
        seconds: 0.01,
        warmupSeconds: 0,
        seed: 0,
      }),
    ],
    { stdio: "ignore" },
  );
  await new Promise((r) => child.once("exit", r));
  const loaded = await stats();
  await new Promise((r) => setTimeout(r, 3500));
  const afterIdle = await stats();
  server.child.kill("SIGKILL");
  return {
    perDocKb: (loaded.heapUsed - before.heapUsed) / Math.max(1, loaded.docs) / 1024,
    loaded: loaded.docs,
    afterIdle: afterIdle.docs,
  };
}

const log = coldLog();
const rows: Row[] = [];
for (const [index, scenario] of [...loads, null].entries()) {
  if (ONLY && !ONLY.includes(index + 1)) continue;
  const name = scenario?.name ?? COLD;
  const runs: { lots: Measure; reference: Measure }[] = [];
  for (let r = 0; r < RUNS; r++) {
    // Alternate the order so neither side always runs on a warmer machine.
    const first = r % 2 === 0 ? "lots" : "reference";
    const a = await measure(first, scenario, log, r);
    const b = await measure(first === "lots" ? "reference" : "lots", scenario, log, r);
    runs.push(first === "lots" ? { lots: a, reference: b } : { lots: b, reference: a });
    console.error(`${name}: run ${r + 1}/${RUNS} done`);
  }
  const metrics: (keyof Measure)[] = scenario
    ? ["p50", "p95", "p99", "delivered", "rssMb"]
    : ["p50", "p95", "p99", "rssMb"];
  for (const metric of metrics) {
    const lots = median(runs.map((x) => x.lots[metric] ?? NaN));
    const reference = median(runs.map((x) => x.reference[metric] ?? NaN));
    rows.push({
      scenario: name,
      metric:
        metric === "delivered" ? "delivered updates/s" : metric === "rssMb" ? "server RSS MB (peak)" : `${metric} ms`,
      lots,
      reference,
      ratio: lots / reference,
      runRatios: runs.map((x) => (x.lots[metric] ?? NaN) / (x.reference[metric] ?? NaN)),
    });
  }
}

if (!ONLY || ONLY.includes(5)) {
  const idle = await idleMemory();
  rows.push({
    scenario: `200 idle documents (~2 KB text each)`,
    metric: "heap KB per open doc",
    lots: idle.perDocKb,
    reference: NaN,
    ratio: NaN,
  });
  rows.push({
    scenario: `200 idle documents (~2 KB text each)`,
    metric: "docs in memory, loaded",
    lots: idle.loaded,
    reference: NaN,
    ratio: NaN,
  });
  rows.push({
    scenario: `200 idle documents (~2 KB text each)`,
    metric: "docs in memory, +3.5 s",
    lots: idle.afterIdle,
    reference: NaN,
    ratio: NaN,
  });
}

report("collab", `bench:collab — median of ${RUNS} runs, ${SECONDS} s per load scenario`, rows, {
  runs: RUNS,
  seconds: SECONDS,
});
