import { reactRouter } from "@react-router/dev/vite";
import { defineConfig } from "vite";
import { compression } from "vite-plugin-compression2";

export default defineConfig({
  plugins: [
    reactRouter(),
    // The browser's files are compressed once, at build time, with brotli and gzip side by side;
    // the server sends the one the browser asks for (server/app.ts, staticAssets). The server
    // bundle is never sent, so it is left alone.
    {
      ...compression({ algorithms: ["brotliCompress", "gzip"], exclude: /manifest\.json$/, logLevel: "silent" }),
      apply: (_config, env) => env.command === "build" && !env.isSsrBuild,
    },
  ],
  // The manifest (kept out of reach: dot-files are never served) tells the server which file
  // holds each language's catalogue, so a page can ask for its own at once (root.tsx).
  build: { target: "es2022", manifest: true },
  // Route files import server-only modules for their loaders; the dev-time dependency scan
  // follows those imports too. Native server packages never reach the browser: skip them.
  optimizeDeps: { exclude: ["@node-rs/argon2", "better-sqlite3"] },
});
