/** What the benchmarks share: core pinning, medians, the results table and its JSON file. */
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";

/**
 * Servers run on core 0 and the load generators on core 1 (when taskset is there), so the
 * server under test never competes with its clients for a core: on two cores that noise is
 * otherwise larger than the difference being measured.
 */
export const hasTaskset = os.cpus().length >= 2 && spawnSync("taskset", ["-c", "0", "true"]).status === 0;

export function spawnOn(core: number, args: string[], options: Parameters<typeof spawn>[2]): ChildProcess {
  return hasTaskset
    ? spawn("taskset", ["-c", String(core), process.execPath, ...args], options)
    : spawn(process.execPath, args, options);
}

export const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

export const fmt = (n: number) => (Number.isFinite(n) ? (n >= 100 ? n.toFixed(0) : n.toFixed(2)) : "-");

export type Row = {
  scenario: string;
  metric: string;
  lots: number;
  reference: number;
  ratio: number;
  /** Lots/reference within each run (paired), to show how far the runs spread. */
  runRatios?: number[];
};

/** Prints the table and writes bench/results/<name>-<time>.json. */
export function report(name: string, heading: string, rows: Row[], meta: Record<string, unknown>): void {
  console.log(
    `\n${heading}, ${os.cpus().length} cores${hasTaskset ? " (servers on core 0, load on core 1)" : ""}, node ${process.version}`,
  );
  console.log(
    `${"scenario".padEnd(48)} ${"metric".padEnd(22)} ${"Lots".padStart(9)} ${"reference".padStart(10)} ${"ratio".padStart(7)}  per run`,
  );
  for (const row of rows) {
    console.log(
      `${row.scenario.padEnd(48)} ${row.metric.padEnd(22)} ${fmt(row.lots).padStart(9)} ${fmt(row.reference).padStart(10)} ${fmt(row.ratio).padStart(7)}  ${row.runRatios?.map(fmt).join(" ") ?? ""}`,
    );
  }
  const stamp = new Date().toISOString().replace(/[:.]/g, "-");
  const file = path.join("bench/results", `${name}-${stamp}.json`);
  fs.mkdirSync("bench/results", { recursive: true });
  fs.writeFileSync(
    file,
    JSON.stringify(
      { at: new Date().toISOString(), cores: os.cpus().length, node: process.version, ...meta, rows },
      null,
      2,
    ),
  );
  console.log(`\nwritten to ${file}`);
}
