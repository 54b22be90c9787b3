/**
 * bench:pages — how light the staff's pages are on a phone on a mobile network, each beside
 * the same page as bare server-rendered HTML (Lots' own HTML with its scripts removed, and the
 * same style sheet) in the same run.
 *
 * Chromium with Lighthouse-style mobile throttling: the CPU slowed 4x, and a fast-4G network
 * (150 ms round trip, 9 Mbit/s down, 1.5 Mbit/s up), with an empty cache (a first load).
 * Per page: JavaScript on the wire (compressed bytes as transferred), all bytes transferred,
 * largest contentful paint, and when the page became interactive as Lighthouse's TTI counts it:
 * the DOM parsed and the main thread past its last long task (hydration is one).
 *
 *   npm run build && npm run bench:pages        (BENCH_RUNS=3 by default)
 *   BENCH_APP_DIR=/path/to/other/checkout npm run bench:pages   (measure another build)
 */
import type { ChildProcess } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { chromium, type Browser, type BrowserContext } from "@playwright/test";
import { median, report, spawnOn, type Row } from "./support.ts";

const RUNS = Number(process.env.BENCH_RUNS ?? 3);
const APP_DIR = path.resolve(process.env.BENCH_APP_DIR ?? ".");
const PASSWORD = "lots-demo-2026";
const LOTS_PORT = 3471;
const REFERENCE_PORT = 3472;
const NETWORK = {
  offline: false,
  latency: 150,
  downloadThroughput: (9_000_000 / 8) | 0,
  uploadThroughput: (1_500_000 / 8) | 0,
};
const CPU_SLOWDOWN = 4;
/** The targets for staff pages. */
const TARGET = { jsKb: 120, lcpMs: 1500, interactiveMs: 2500 };

type Measure = { jsKb: number; transferKb: number; lcpMs: number; interactiveMs: number };

function startServer(args: string[], env: Record<string, string>, port: number, cwd = APP_DIR): Promise<ChildProcess> {
  const child = spawnOn(0, args, { cwd, env: { ...process.env, ...env }, stdio: ["ignore", "ignore", "inherit"] });
  return new Promise((resolve, reject) => {
    const started = Date.now();
    const poll = () =>
      fetch(`http://127.0.0.1:${port}/`)
        .then(() => resolve(child))
        .catch(() =>
          Date.now() - started > 60_000 ? reject(new Error("server did not start")) : setTimeout(poll, 200),
        );
    child.once("exit", (code) => reject(new Error(`server exited ${code}`)));
    poll();
  });
}

async function signedIn(browser: Browser, email: string): Promise<Awaited<ReturnType<BrowserContext["storageState"]>>> {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(`http://127.0.0.1:${LOTS_PORT}/login`);
  await page.getByLabel(/e-post/i).fill(email);
  await page.getByLabel(/lösenord/i).fill(PASSWORD);
  await page.getByRole("button", { name: /logga in/i }).click();
  await page.waitForURL(/\/start/);
  const state = await context.storageState();
  await context.close();
  return state;
}

/** One first load of `url` under throttling, in a fresh context holding only the sign-in. */
async function measure(
  browser: Browser,
  url: string,
  storageState?: Awaited<ReturnType<BrowserContext["storageState"]>>,
): Promise<Measure> {
  const context = await browser.newContext({ storageState, viewport: { width: 412, height: 823 }, isMobile: true });
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send("Network.enable");
  await cdp.send("Network.setCacheDisabled", { cacheDisabled: true });
  await cdp.send("Network.emulateNetworkConditions", NETWORK);
  await cdp.send("Emulation.setCPUThrottlingRate", { rate: CPU_SLOWDOWN });
  const scripts = new Set<string>();
  let js = 0;
  let transfer = 0;
  cdp.on("Network.responseReceived", (event) => {
    if (/javascript/.test(event.response.mimeType) || event.type === "Script") scripts.add(event.requestId);
  });
  cdp.on("Network.loadingFinished", (event) => {
    transfer += event.encodedDataLength;
    if (scripts.has(event.requestId)) js += event.encodedDataLength;
  });
  await page.addInitScript(() => {
    const w = window as unknown as { lcp: number; busyUntil: number };
    w.lcp = 0;
    w.busyUntil = 0;
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) w.lcp = entry.startTime;
    }).observe({ type: "largest-contentful-paint", buffered: true });
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) w.busyUntil = Math.max(w.busyUntil, entry.startTime + entry.duration);
    }).observe({ type: "longtask", buffered: true });
  });
  await page.goto(url, { waitUntil: "load" });
  await page.waitForLoadState("networkidle");
  const timing = await page.evaluate(() => {
    const navigation = performance.getEntriesByType("navigation")[0] as PerformanceNavigationTiming;
    const w = window as unknown as { lcp: number; busyUntil: number };
    return { lcp: w.lcp, interactive: Math.max(navigation.domContentLoadedEventEnd, w.busyUntil) };
  });
  await context.close();
  return { jsKb: js / 1024, transferKb: transfer / 1024, lcpMs: timing.lcp, interactiveMs: timing.interactive };
}

/** Lots' HTML for the page with every script and module preload taken out: the bare page. */
async function barePage(url: string, cookie: string): Promise<string> {
  const html = await (await fetch(url, { headers: { cookie } })).text();
  return html.replace(/<script\b[^>]*>[\s\S]*?<\/script>/g, "").replace(/<link rel="modulepreload"[^>]*>/g, "");
}

async function main() {
  if (!fs.existsSync(path.join(APP_DIR, "build/server/index.js"))) throw new Error("build first: npm run build");
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "lots-bench-pages-"));
  const lots = await startServer(
    ["--import", "tsx", "server/index.ts"],
    {
      NODE_ENV: "production",
      HOST: "127.0.0.1",
      PORT: String(LOTS_PORT),
      LOTS_DATA_DIR: dataDir,
      LOTS_DEMO: "1",
      LOTS_LOG_LEVEL: "warn",
    },
    LOTS_PORT,
  );
  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium" });
  const rows: Row[] = [];
  const verdicts: string[] = [];
  try {
    const staff = await signedIn(browser, "medarbetare@exempel.se");
    const cookie = staff.cookies.map((c) => `${c.name}=${c.value}`).join("; ");
    const base = `http://127.0.0.1:${LOTS_PORT}`;
    const current = await (await fetch(`${base}/gallande`, { headers: { cookie } })).text();
    const release = /href="(\/gallande\/[^"/?]+)"/.exec(current)?.[1];
    if (!release) throw new Error("the demo has no release in force");
    const pages = [
      { name: "reading view of a release", path: release },
      { name: "Gällande (documents in force)", path: "/gallande" },
      { name: "Start, as staff", path: "/start" },
      { name: "new deviation form", path: "/avvikelser/ny" },
    ];
    for (const { name, path: pagePath } of pages) {
      const file = path.join(dataDir, "bare.html");
      fs.writeFileSync(file, await barePage(base + pagePath, cookie));
      const reference = await startServer(
        [
          "--import",
          "tsx",
          path.resolve("bench/page-reference-server.ts"),
          file,
          path.join(APP_DIR, "build/client"),
          String(REFERENCE_PORT),
        ],
        {},
        REFERENCE_PORT,
        process.cwd(),
      );
      const runs: { lots: Measure; bare: Measure }[] = [];
      try {
        for (let run = 0; run < RUNS; run++) {
          runs.push({
            lots: await measure(browser, base + pagePath, staff),
            bare: await measure(browser, `http://127.0.0.1:${REFERENCE_PORT}/`),
          });
        }
      } finally {
        reference.kill("SIGTERM");
      }
      const lots = (key: keyof Measure) => median(runs.map((r) => r.lots[key]));
      const bare = (key: keyof Measure) => median(runs.map((r) => r.bare[key]));
      for (const [metric, key] of [
        ["JS on the wire (KB)", "jsKb"],
        ["transfer (KB)", "transferKb"],
        ["LCP (ms)", "lcpMs"],
        ["interactive (ms)", "interactiveMs"],
      ] as const) {
        rows.push({
          scenario: name,
          metric,
          lots: lots(key),
          reference: bare(key),
          ratio: bare(key) > 0 ? lots(key) / bare(key) : Number.NaN,
          runRatios: runs.map((r) => (r.bare[key] > 0 ? r.lots[key] / r.bare[key] : Number.NaN)),
        });
      }
      const meets =
        lots("jsKb") <= TARGET.jsKb && lots("lcpMs") < TARGET.lcpMs && lots("interactiveMs") < TARGET.interactiveMs;
      verdicts.push(
        `${name}: ${meets ? "meets" : "MISSES"} the target (JS ≤ ${TARGET.jsKb} KB, LCP < ${TARGET.lcpMs} ms, interactive < ${TARGET.interactiveMs} ms)`,
      );
    }
  } finally {
    await browser.close();
    lots.kill("SIGTERM");
  }
  report(
    "pages",
    `bench:pages — first load, CPU ${CPU_SLOWDOWN}x slower, fast 4G (150 ms, 9/1.5 Mbit/s), ${RUNS} runs, medians; reference: the same HTML without scripts`,
    rows,
    {
      appDir: APP_DIR,
      network: NETWORK,
      cpuSlowdown: CPU_SLOWDOWN,
      runs: RUNS,
    },
  );
  console.log(`\n${verdicts.join("\n")}`);
}

await main();
