import { reactRouter } from "@react-router/dev/vite";
import { defineConfig } from "vite";

export default defineConfig({
  plugins: [reactRouter()],
  build: { target: "es2022" },
  // Route files import server-only modules for their loaders; the dev-time dependency scan
  // follows those imports too. Native server packages never reach the browser: skip them.
  optimizeDeps: { exclude: ["@node-rs/argon2", "better-sqlite3"] },
});
