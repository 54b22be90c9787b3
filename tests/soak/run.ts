/**
 * npm run test:soak: Lots (the production build, demo organisation) under a bounded load for
 * SOAK_SECONDS (180 by default): autocannon on a staff member's reading view and on the
 * quality manager's Start page, while ten editors type into one document over y-websocket.
 * No request may fail, the editors must converge, and the server's memory must stay flat: the
 * trend of its RSS over the run after warm-up, not a single reading, decides.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { spawn } from "node:child_process";
import autocannon from "autocannon";
import { findUserByEmail } from "#app/models/users.server.ts";
import { databaseFile, openDatabase } from "#db/client.ts";
import { connectClient, rssMiB, until, type Client } from "#tests/fixtures/collab-client.ts";
import { sessionCookieFor } from "#tests/fixtures/db.ts";

const SECONDS = Number(process.env.SOAK_SECONDS ?? 180);
const PORT = Number(process.env.SOAK_PORT ?? 3471);
const EDITORS = 10;
/** Growth of the last third's mean RSS over the middle third's that counts as a leak. */
const MAX_GROWTH = 0.05;

if (!fs.existsSync("build/server/index.js")) throw new Error("build first: npm run build");
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "lots-soak-"));
// A modest heap cap, as a small production host would give it: V8 then collects as it goes, so
// RSS follows what is live and a leak shows as growth (or a crash), not as lazy collection.
const server = spawn(process.execPath, ["--max-old-space-size=256", "--import", "tsx", "server/index.ts"], {
  env: {
    ...process.env,
    NODE_ENV: "production",
    HOST: "127.0.0.1",
    PORT: String(PORT),
    LOTS_DATA_DIR: dataDir,
    LOTS_DEMO: "1",
    LOTS_LOG_LEVEL: "warn",
  },
  stdio: ["ignore", "ignore", "inherit"],
});
const origin = `http://127.0.0.1:${PORT}`;
await until(() => server.exitCode === null, 100, "server running");
const started = Date.now();
for (;;) {
  const up = await fetch(`${origin}/healthz`).then(
    (r) => r.ok,
    () => false,
  );
  if (up) break;
  if (Date.now() - started > 60_000) throw new Error("Lots did not start");
  await new Promise((r) => setTimeout(r, 250));
}

const db = openDatabase(databaseFile(dataDir));
const cookieOf = (email: string) => sessionCookieFor(db, findUserByEmail(db, email)!.id);
const staff = await cookieOf("medarbetare@exempel.se");
const qm = await cookieOf("kvalitet@exempel.se");
const released = db.$client
  .prepare("select document_id from releases order by effective_on desc limit 1")
  .pluck()
  .get() as string;
const draft = db.$client.prepare("select id from documents where type = 'policy'").pluck().get() as string;

const samples: { t: number; rss: number }[] = [];
const sampler = setInterval(() => samples.push({ t: (Date.now() - started) / 1000, rss: rssMiB(server.pid!) }), 1000);

const editors: Client[] = [];
process.setMaxListeners(EDITORS + 10);
const editorCookies = await Promise.all(Array.from({ length: EDITORS }, () => cookieOf("kvalitet@exempel.se")));
for (const cookie of editorCookies) editors.push(connectClient({ port: PORT, origin }, draft, cookie));
await until(() => editors.every((e) => e.provider.synced), 20_000, "editors synced");
let typing = true;
let edits = 0;
const typists = editors.map(async (e, i) => {
  while (typing) {
    const text = e.doc.getText("soak");
    text.insert(Math.floor(Math.random() * (text.length + 1)), `${i}.${edits++} `);
    // Keep the document a working size: what a workshop writes, not an ever-growing log.
    if (text.length > 4000) text.delete(0, 500);
    await new Promise((r) => setTimeout(r, 500));
  }
});

const [reading, start] = await Promise.all([
  autocannon({ url: `${origin}/gallande/${released}`, connections: 8, duration: SECONDS, headers: { cookie: staff } }),
  autocannon({ url: `${origin}/start`, connections: 4, duration: SECONDS, headers: { cookie: qm } }),
]);
typing = false;
await Promise.all(typists);
const converged = await until(
  () => editors.every((e) => e.doc.getText("soak").toString() === editors[0]!.doc.getText("soak").toString()),
  15_000,
  "editors converge",
).then(
  () => true,
  () => false,
);
clearInterval(sampler);
const unexpectedCloses = editors.reduce((n, e) => n + e.closes.length, 0);
for (const e of editors) e.provider.destroy();
db.$client.close();
server.kill("SIGTERM");

// Memory after warm-up (the first third: caches fill, the JIT settles): the last third's mean
// RSS against the middle third's, which garbage collection's sawtooth does not sway; and the
// least-squares trend over both, reported.
const third = Math.floor(samples.length / 3);
const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
const middle = mean(samples.slice(third, 2 * third).map((s) => s.rss));
const last = mean(samples.slice(2 * third).map((s) => s.rss));
const growth = (last - middle) / middle;
const steady = samples.slice(third);
const mt = mean(steady.map((s) => s.t));
const mr = mean(steady.map((s) => s.rss));
const slopePerMin =
  (60 * steady.reduce((a, s) => a + (s.t - mt) * (s.rss - mr), 0)) / steady.reduce((a, s) => a + (s.t - mt) ** 2, 0);

const failed = (r: autocannon.Result) => r.errors + r.timeouts + r.non2xx;
console.log(
  [
    `soak: ${SECONDS} s`,
    `reading view ${reading.requests.total} requests, p99 ${reading.latency.p99} ms, failed ${failed(reading)}`,
    `start ${start.requests.total} requests, p99 ${start.latency.p99} ms, failed ${failed(start)}`,
    `editors ${EDITORS}, ${edits} edits, converged ${converged ? "yes" : "no"}, closes ${unexpectedCloses}`,
    `RSS ${samples[0]?.rss.toFixed(0)} -> ${samples.at(-1)?.rss.toFixed(0)} MiB, middle third ${middle.toFixed(0)} MiB, last third ${last.toFixed(0)} MiB (${(growth * 100).toFixed(1)} %), trend ${slopePerMin.toFixed(1)} MiB/min`,
  ].join("; "),
);
const ok =
  failed(reading) === 0 &&
  failed(start) === 0 &&
  converged &&
  unexpectedCloses === 0 &&
  third >= 5 &&
  growth < MAX_GROWTH;
process.exit(ok ? 0 : 1);
