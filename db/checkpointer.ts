import { Worker } from "node:worker_threads";

// Plain CommonJS for an eval'd worker: it needs no TypeScript loader.
const source = `
const { parentPort, workerData } = require("node:worker_threads");
const Database = require("better-sqlite3");
const db = new Database(workerData.file);
db.pragma("busy_timeout = 5000");
const timer = setInterval(() => {
  try { db.pragma("wal_checkpoint(PASSIVE)"); } catch (error) { parentPort.postMessage(String(error)); }
}, workerData.everyMs);
parentPort.on("message", () => { clearInterval(timer); db.close(); parentPort.close(); });
`;

/**
 * Runs SQLite's WAL checkpoints on a worker thread. Left to SQLite, a checkpoint (with its
 * fsync) runs inside whichever commit crosses the threshold: on the live-editing hot path that
 * is a stall for everyone in the document. The main connection turns auto-checkpoints off.
 */
export function startCheckpointer(file: string, everyMs = 1000, onError?: (message: string) => void): () => void {
  const worker = new Worker(source, { eval: true, workerData: { file, everyMs } });
  worker.on("message", (message: string) => onError?.(message));
  worker.unref();
  return () => worker.postMessage("stop");
}
