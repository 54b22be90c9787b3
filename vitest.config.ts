import { defineConfig } from "vitest/config";

// Separate from vite.config.ts: the React Router plugin is not wanted in unit tests, and
// Playwright's *.spec.ts files must stay out of Vitest.
export default defineConfig({
  test: {
    include: ["tests/unit/**/*.test.ts", "tests/integration/**/*.test.ts", "tests/security/**/*.test.ts"],
    environment: "node",
    pool: "forks",
  },
});
