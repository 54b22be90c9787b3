import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { defineConfig } from "@playwright/test";
import { testCaBundle } from "./tests/fixtures/test-ca.ts";

// One fresh database for the whole run, never the developer's ./data. Workers inherit the
// environment of the runner, so they all find the same directory.
process.env.LOTS_E2E_DATA_DIR ??= fs.mkdtempSync(path.join(os.tmpdir(), "lots-e2e-"));
const port = Number(process.env.LOTS_E2E_PORT ?? 3210);
const baseURL = `http://127.0.0.1:${port}`;

export default defineConfig({
  testDir: "tests/e2e",
  fullyParallel: true,
  forbidOnly: true,
  workers: 2,
  retries: 0,
  timeout: 30_000,
  expect: {
    timeout: 7_000,
    // Where layout is the point a flow compares a screenshot (masking what other flows change in
    // the shared database); the tolerance absorbs anti-aliasing.
    toHaveScreenshot: { maxDiffPixelRatio: 0.02 },
  },
  snapshotPathTemplate: "tests/e2e/screenshots/{testFileName}/{arg}{ext}",
  reporter: [["list"], ["json", { outputFile: ".reports/e2e.json" }]],
  use: {
    baseURL,
    locale: "sv-SE",
    trace: "retain-on-failure",
    launchOptions: { executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium" },
  },
  // The hostile-input run throws garbage into every form, demo data included: it runs last.
  projects: [
    { name: "flows", testIgnore: /hostile-input|single-sign-on/ },
    // The security classes over real HTTP (tests/security/*.spec.ts; the rest there is Vitest's).
    { name: "security", testDir: "tests/security", testMatch: /\.spec\.ts$/ },
    // Single sign-on changes how everyone signs in: after the other flows, before the garbage.
    { name: "sign-on", testMatch: /single-sign-on/, dependencies: ["flows", "security"] },
    { name: "hostile", testMatch: /hostile-input/, dependencies: ["flows", "security", "sign-on"] },
  ],
  webServer: {
    command: "node --import tsx server/index.ts",
    url: `${baseURL}/healthz`,
    reuseExistingServer: false,
    timeout: 60_000,
    stdout: "ignore",
    stderr: "pipe",
    env: {
      NODE_ENV: "production",
      HOST: "127.0.0.1",
      PORT: String(port),
      LOTS_DATA_DIR: process.env.LOTS_E2E_DATA_DIR,
      LOTS_DEMO: "1",
      LOTS_LOG_LEVEL: "warn",
      // Trusts the test OpenID Provider's certificate, as it would a real provider's.
      NODE_EXTRA_CA_CERTS: testCaBundle(),
    },
  },
});
