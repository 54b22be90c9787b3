/**
 * bench:reading — document control's two performance promises, each beside a reference in
 * the same run:
 *  (a) the staff reading view: a released 50-page routine requested by a signed-in person
 *      under load (autocannon, 50 connections), against a bare node:http server that returns
 *      the very same bytes;
 *  (b) freezing a release of a 200 KB document (candidate, then release row), against a bare
 *      Yjs snapshot of the same document.
 *   npm run build && npm run bench:reading     (BENCH_RUNS=3, BENCH_SECONDS=10 by default)
 */
import type { ChildProcess } from "node:child_process";
import fs from "node:fs";
import { createRequire } from "node:module";
import os from "node:os";
import path from "node:path";
import type { JSONContent } from "@tiptap/core";
import * as Y from "yjs";
import { createSession, sessionSetCookie } from "#app/auth/sessions.server.ts";
import { loadYDoc } from "#app/models/collab-store.server.ts";
import { freezeDocument, writeInitialContent } from "#app/models/document-content.server.ts";
import { createDocument } from "#app/models/documents.server.ts";
import { ensureOrganisation } from "#app/models/organisation.server.ts";
import { createRelease } from "#app/models/releases.server.ts";
import { approveReview, listReviewRounds, requestReview } from "#app/models/review-rounds.server.ts";
import { createUser } from "#app/models/users.server.ts";
import type { Actor } from "#app/auth/permissions.server.ts";
import { databaseFile, migrateDatabase, openDatabase, writeTransaction, type DbConnection } from "#db/client.ts";
import { median, report, spawnOn, type Row } from "./support.ts";

const RUNS = Number(process.env.BENCH_RUNS ?? 3);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const CONNECTIONS = 50;
const FREEZES = 15;
const PASSWORD = "bench password 2026";

const words =
  "Kontrollera att utrustningen är kalibrerad innan arbetet börjar och dokumentera resultatet i loggboken samt meddela arbetsledaren om något avviker från rutinen".split(
    " ",
  );
const sentence = (n: number, seed: number) =>
  Array.from({ length: n }, (_, i) => words[(i * 7 + seed) % words.length]).join(" ") + ".";
const paragraph = (seed: number): JSONContent => ({
  type: "paragraph",
  content: [{ type: "text", text: Array.from({ length: 5 }, (_, i) => sentence(14, seed + i)).join(" ") }],
});

/** About `pages` A4 pages of a routine: a heading, prose and a checklist per page. */
function routine(pages: number): JSONContent[] {
  return Array.from({ length: pages }, (_, page) => [
    { type: "heading", attrs: { level: 2 }, content: [{ type: "text", text: `${page + 1}. Moment ${page + 1}` }] },
    ...Array.from({ length: 5 }, (_, i) => paragraph(page * 10 + i)),
    {
      type: "bulletList",
      content: Array.from({ length: 2 }, (_, i) => ({ type: "listItem", content: [paragraph(page + i)] })),
    },
  ]).flat();
}

async function prepare() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "lots-bench-reading-"));
  const db = openDatabase(databaseFile(dir));
  migrateDatabase(db);
  ensureOrganisation(db, "Benchbolaget AB");
  const approver = await createUser(
    db,
    { email: "kvalitet@bench.se", name: "Karin", password: PASSWORD, role: "quality_manager", unitId: null },
    null,
  );
  const reader = await createUser(
    db,
    { email: "medarbetare@bench.se", name: "Mats", password: PASSWORD, role: "staff", unitId: null },
    null,
  );
  const documentId = newDocument(db, approver, "Rutin för kalibrering");
  writeInitialContent(db, documentId, routine(50));
  const reviewId = requestReview(db, approver, documentId, { approverId: approver.id, reviewerIds: [], message: "" });
  await approveReview(db, approver, reviewId, {
    candidateHash: listReviewRounds(db, documentId)[0]!.candidateHash,
    password: PASSWORD,
    step: "major",
    effectiveOn: "2026-01-01",
    summary: "Första utgåvan.",
    readers: [],
  });
  const { token } = createSession(db, reader.id);
  const cookie = (await sessionSetCookie(token, false)).split(";")[0]!;
  return { dir, db, documentId, approver, cookie };
}

function newDocument(db: DbConnection, owner: Actor, title: string): string {
  return createDocument(db, owner, { title, type: "routine", ownerId: owner.id, unitId: null, areas: [], tags: [] });
}

function startServer(args: string[], env: Record<string, string>, port: number): Promise<ChildProcess> {
  const child = spawnOn(0, args, { env: { ...process.env, ...env }, stdio: ["ignore", "ignore", "inherit"] });
  const url = `http://127.0.0.1:${port}/healthz`;
  return new Promise((resolve, reject) => {
    const started = Date.now();
    const poll = () =>
      fetch(url)
        .then(() => resolve(child))
        .catch(() =>
          Date.now() - started > 30_000 ? reject(new Error("server did not start")) : setTimeout(poll, 200),
        );
    child.once("exit", (code) => reject(new Error(`server exited ${code}`)));
    poll();
  });
}

const autocannonBin = path.join(path.dirname(createRequire(import.meta.url).resolve("autocannon")), "autocannon.js");

type Load = { rps: number; p99: number; errors: number };

/** autocannon in its own process on core 1; its JSON summary. */
function load(url: string, headers: Record<string, string>): Promise<Load> {
  const args = [autocannonBin, "-c", String(CONNECTIONS), "-d", String(SECONDS), "-j"];
  for (const [name, value] of Object.entries(headers)) args.push("-H", `${name}=${value}`);
  const child = spawnOn(1, [...args, url], { stdio: ["ignore", "pipe", "ignore"] });
  let out = "";
  child.stdout!.on("data", (c: Buffer) => (out += c.toString()));
  return new Promise((resolve) =>
    child.once("exit", () => {
      const result = JSON.parse(out) as {
        requests: { average: number };
        latency: { p99: number };
        non2xx: number;
        errors: number;
      };
      resolve({ rps: result.requests.average, p99: result.latency.p99, errors: result.non2xx + result.errors });
    }),
  );
}

async function readingView(rows: Row[]) {
  if (!fs.existsSync("build/server/index.js")) throw new Error("build first: npm run build");
  const prepared = await prepare();
  prepared.db.$client.close();
  const lotsPort = 3461;
  const barePort = 3462;
  const lots = await startServer(
    ["--import", "tsx", "server/index.ts"],
    {
      NODE_ENV: "production",
      HOST: "127.0.0.1",
      PORT: String(lotsPort),
      LOTS_DATA_DIR: prepared.dir,
      LOTS_DEMO: "0",
      LOTS_LOG_LEVEL: "warn",
    },
    lotsPort,
  );
  try {
    await measureReading(rows, prepared, lotsPort, barePort);
  } finally {
    lots.kill("SIGTERM");
  }
}

async function measureReading(
  rows: Row[],
  prepared: { dir: string; documentId: string; cookie: string },
  lotsPort: number,
  barePort: number,
) {
  const pageUrl = `http://127.0.0.1:${lotsPort}/gallande/${prepared.documentId}`;
  const headers = { cookie: prepared.cookie };
  const page = await fetch(pageUrl, { headers });
  const bytes = Buffer.from(await page.arrayBuffer());
  if (page.status !== 200 || !bytes.includes("Moment 50")) throw new Error(`reading view answered ${page.status}`);
  const bodyFile = path.join(prepared.dir, "page.html");
  fs.writeFileSync(bodyFile, bytes);
  const bare = await startServer(["--import", "tsx", "bench/bare-server.ts", bodyFile, String(barePort)], {}, barePort);
  try {
    await compare(rows, { pageUrl, headers, bareUrl: `http://127.0.0.1:${barePort}/`, kb: bytes.length / 1024 });
  } finally {
    bare.kill("SIGKILL");
  }
}

async function compare(
  rows: Row[],
  target: { pageUrl: string; headers: Record<string, string>; bareUrl: string; kb: number },
) {
  const { pageUrl, headers, bareUrl } = target;
  const runs: { lots: Load; bare: Load }[] = [];
  for (let r = 0; r < RUNS; r++) {
    // Alternate the order so neither side always runs on a warmer machine.
    const lotsFirst = r % 2 === 0;
    const a = await load(lotsFirst ? pageUrl : bareUrl, lotsFirst ? headers : {});
    const b = await load(lotsFirst ? bareUrl : pageUrl, lotsFirst ? {} : headers);
    runs.push(lotsFirst ? { lots: a, bare: b } : { lots: b, bare: a });
    console.error(`reading view: run ${r + 1}/${RUNS} done`);
  }
  const scenario = `50-page release, ${Math.round(target.kb)} KB page, ${CONNECTIONS} conns`;
  for (const [metric, pick] of [
    ["requests/s", (l: Load) => l.rps],
    ["p99 ms", (l: Load) => l.p99],
    ["failed requests", (l: Load) => l.errors],
  ] as const) {
    const lotsValue = median(runs.map((x) => pick(x.lots)));
    const bareValue = median(runs.map((x) => pick(x.bare)));
    rows.push({
      scenario,
      metric,
      lots: lotsValue,
      reference: bareValue,
      ratio: lotsValue / bareValue,
      runRatios: runs.map((x) => pick(x.lots) / pick(x.bare)),
    });
  }
}

/** Freezing: the candidate (render, sanitise, hash) and the release row, for a 200 KB document. */
async function freezing(rows: Row[]) {
  const prepared = await prepare();
  const { db, approver } = prepared;
  // About 200 KB of content: 60 pages of the routine above.
  const documentId = newDocument(db, approver, "Stor rutin");
  writeInitialContent(db, documentId, routine(60));
  const size = Y.encodeStateAsUpdate(loadYDoc(db, documentId)).length;
  const reviewId = requestReview(db, approver, documentId, { approverId: approver.id, reviewerIds: [], message: "" });
  const lotsTimes: number[] = [];
  const referenceTimes: number[] = [];
  for (let i = 0; i < FREEZES; i++) {
    let started = performance.now();
    const candidate = freezeDocument(db, documentId);
    writeTransaction(db, (tx) =>
      createRelease(tx, {
        documentId,
        title: "Stor rutin",
        reviewId,
        approverId: approver.id,
        step: "minor",
        effectiveOn: "2026-01-01",
        summary: "Bench",
        candidateAt: new Date(),
        content: candidate,
        readers: [],
        reviewIntervalMonths: 12,
      }),
    );
    lotsTimes.push(performance.now() - started);
    // The reference: what any Yjs server does to snapshot a document, nothing more.
    started = performance.now();
    const doc = loadYDoc(db, documentId);
    Buffer.from(Y.encodeStateAsUpdate(doc));
    doc.destroy();
    referenceTimes.push(performance.now() - started);
  }
  const scenario = `freeze a document of ${Math.round(size / 1024)} KB Yjs state (${FREEZES}x)`;
  for (const [metric, pick] of [
    ["p50 ms", median],
    ["max ms", (xs: number[]) => Math.max(...xs)],
  ] as const) {
    const lots = pick(lotsTimes);
    const reference = pick(referenceTimes);
    rows.push({ scenario, metric, lots, reference, ratio: lots / reference });
  }
  db.$client.close();
}

const rows: Row[] = [];
const only = process.env.BENCH_ONLY?.split(",");
if (!only || only.includes("reading")) await readingView(rows);
if (!only || only.includes("freeze")) await freezing(rows);
report(
  "reading",
  `bench:reading — median of ${RUNS} runs, ${SECONDS} s each (reference: bare node:http with the same bytes; for freezing, a bare Yjs snapshot)`,
  rows,
  { runs: RUNS, seconds: SECONDS, connections: CONNECTIONS },
);
