import { defineConfig } from "vitest/config";
import { testCaBundle } from "./tests/fixtures/test-ca.ts";

// The test OpenID Provider serves HTTPS with a test certificate; Vitest's workers (forks of
// this process) trust it as Lots would trust a real provider's, without loosening Lots.
process.env.NODE_EXTRA_CA_CERTS = testCaBundle();

// Separate from vite.config.ts: the React Router plugin is not wanted in unit tests, and
// Playwright's *.spec.ts files must stay out of Vitest.
export default defineConfig({
  test: {
    include: ["tests/unit/**/*.test.ts", "tests/integration/**/*.test.ts", "tests/security/**/*.test.ts"],
    environment: "node",
    pool: "forks",
  },
});
