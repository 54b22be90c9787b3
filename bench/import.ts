/**
 * bench:import — moving a Word handbook in, beside mammoth's own conversion of the same file:
 *  (a) one 100-page .docx with 20 pictures and 10 tables: mammoth alone (the reference), Lots'
 *      conversion (bounded unzip, mammoth, the editor's schema, the report), and the whole
 *      import (a draft with its pictures stored and its Yjs state written), with the memory
 *      each adds;
 *  (b) a batch of 200 small routines, file by file as the import page sends them, the rate of
 *      the first and the last hundred side by side (a steady rate is the promise).
 *   npm run bench:import      (BENCH_RUNS=3 by default)
 */
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import zlib from "node:zlib";
import {
  Document,
  HeadingLevel,
  ImageRun,
  Packer,
  Paragraph,
  Table,
  TableCell,
  TableRow,
  TextRun,
  WidthType,
} from "docx";
import mammoth from "mammoth";
import { importWordFile } from "#app/models/document-import.server.ts";
import { ensureOrganisation } from "#app/models/organisation.server.ts";
import { createUser } from "#app/models/users.server.ts";
import { convertWord } from "#app/models/word-import.server.ts";
import { databaseFile, migrateDatabase, openDatabase } from "#db/client.ts";
import { median, report, type Row } from "./support.ts";

const RUNS = Number(process.env.BENCH_RUNS ?? 3);
const BATCH = 200;
const words =
  "Kontrollera att utrustningen är kalibrerad innan arbetet börjar och dokumentera resultatet i loggboken samt meddela arbetsledaren om något avviker från rutinen".split(
    " ",
  );
const sentence = (n: number, seed: number) =>
  Array.from({ length: n }, (_, i) => words[(i * 7 + seed) % words.length]).join(" ") + ".";

/** A photo-like PNG (noise compresses badly, as photos do), about 100 KB. */
function picture(seed: number): Buffer {
  const width = 320;
  const height = 240;
  const raw = Buffer.alloc((width * 3 + 1) * height);
  let x = (seed + 1) >>> 0;
  for (let i = 0; i < raw.length; i++) {
    x = (Math.imul(x, 1103515245) + 12345) >>> 0;
    raw[i] = i % (width * 3 + 1) === 0 ? 0 : (x >>> 16) & 0xff;
  }
  const chunk = (type: string, data: Buffer) => {
    const body = Buffer.concat([Buffer.from(type), data]);
    const length = Buffer.alloc(4);
    length.writeUInt32BE(data.length);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(zlib.crc32(body));
    return Buffer.concat([length, body, crc]);
  };
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header.set([8, 2, 0, 0, 0], 8);
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk("IHDR", header),
    chunk("IDAT", zlib.deflateSync(raw)),
    chunk("IEND", Buffer.alloc(0)),
  ]);
}

/** About 100 A4 pages: 50 sections of 12 paragraphs, 20 pictures and 10 tables among them. */
async function handbook(): Promise<Buffer> {
  const children: (Paragraph | Table)[] = [];
  for (let s = 0; s < 50; s++) {
    children.push(
      new Paragraph({ heading: HeadingLevel.HEADING_1, children: [new TextRun(`${s + 1}. Avsnitt ${s + 1}`)] }),
    );
    for (let p = 0; p < 12; p++) children.push(new Paragraph({ children: [new TextRun(sentence(70, s * 12 + p))] }));
    if (s % 5 === 0) {
      children.push(
        new Table({
          width: { size: 100, type: WidthType.PERCENTAGE },
          rows: Array.from(
            { length: 10 },
            (_, r) =>
              new TableRow({
                tableHeader: r === 0,
                children: Array.from(
                  { length: 4 },
                  (_, c) =>
                    new TableCell({ children: [new Paragraph(r === 0 ? `Kolumn ${c + 1}` : sentence(4, r + c))] }),
                ),
              }),
          ),
        }),
      );
    }
    if (s % 5 === 1 || s % 5 === 3) {
      children.push(
        new Paragraph({
          children: [new ImageRun({ type: "png", data: picture(s), transformation: { width: 320, height: 240 } })],
        }),
      );
    }
  }
  return Packer.toBuffer(new Document({ sections: [{ children }] }));
}

async function routine(n: number): Promise<Buffer> {
  return Packer.toBuffer(
    new Document({
      sections: [
        {
          children: [
            new Paragraph({ heading: HeadingLevel.HEADING_1, children: [new TextRun(`Rutin ${n}`)] }),
            ...Array.from({ length: 8 }, (_, p) => new Paragraph(sentence(40, n + p))),
          ],
        },
      ],
    }),
  );
}

/** The most memory the process has held, in MB (the kernel's high-water mark). */
const peakMb = () => process.resourceUsage().maxRSS / 1024;

/**
 * One scenario in a process of its own, so the memory it adds is its own: the high-water mark
 * at the end less the memory held before it began (modules loaded, the file read).
 */
async function part(which: "mammoth" | "import"): Promise<void> {
  const file = await handbook();
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "lots-bench-part-"));
  const db = openDatabase(databaseFile(dataDir));
  migrateDatabase(db);
  const qm = await createUser(
    db,
    { email: "qm@bench.se", name: "Kvalitet", password: "bench password 2026", role: "quality_manager", unitId: null },
    null,
  );
  global.gc?.();
  const before = process.memoryUsage().rss / 1024 / 1024;
  if (which === "mammoth") await mammoth.convertToHtml({ buffer: file });
  else
    await importWordFile(
      db,
      dataDir,
      qm,
      { name: "Handbok.docx", bytes: new Uint8Array(file) },
      { type: "routine", ownerId: qm.id, unitId: null, approvedOutside: false },
      { notesHeading: "Fotnoter", approvedOutside: () => "" },
    );
  console.log(JSON.stringify({ addedMb: peakMb() - before }));
}

function addedMemory(which: "mammoth" | "import"): number {
  const out = spawnSync(process.execPath, ["--expose-gc", "--import", "tsx", "bench/import.ts"], {
    env: { ...process.env, BENCH_PART: which },
    encoding: "utf8",
  });
  return (JSON.parse(out.stdout.trim().split("\n").pop()!) as { addedMb: number }).addedMb;
}

async function main() {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "lots-bench-import-"));
  const db = openDatabase(databaseFile(dataDir));
  migrateDatabase(db);
  ensureOrganisation(db, "Benchmark AB");
  const qm = await createUser(
    db,
    { email: "qm@bench.se", name: "Kvalitet", password: "bench password 2026", role: "quality_manager", unitId: null },
    null,
  );
  const file = await handbook();
  const words = { notesHeading: "Fotnoter", approvedOutside: () => "" };
  console.log(`handbook: ${(file.length / 1024 / 1024).toFixed(1)} MB`);

  const mammothTimes: number[] = [];
  const convertTimes: number[] = [];
  const importTimes: number[] = [];
  for (let run = 0; run < RUNS; run++) {
    let started = performance.now();
    await mammoth.convertToHtml({ buffer: file });
    mammothTimes.push(performance.now() - started);
    started = performance.now();
    const word = await convertWord("Handbok.docx", new Uint8Array(file), "Fotnoter");
    convertTimes.push(performance.now() - started);
    if (run === 0)
      console.log(
        `converted: ${word.content.length} blocks, ${word.images.length} pictures, report ${JSON.stringify(word.report.kept)}`,
      );
    started = performance.now();
    await importWordFile(
      db,
      dataDir,
      qm,
      { name: "Handbok.docx", bytes: new Uint8Array(file) },
      { type: "routine", ownerId: qm.id, unitId: null, approvedOutside: false },
      words,
    );
    importTimes.push(performance.now() - started);
  }
  const mammothMb = addedMemory("mammoth");
  const importMb = addedMemory("import");

  const routines = await Promise.all(Array.from({ length: BATCH }, (_, n) => routine(n)));
  const rates: number[] = [];
  let started = performance.now();
  for (const [n, bytes] of routines.entries()) {
    await importWordFile(
      db,
      dataDir,
      qm,
      { name: `Rutiner/Rutin ${n}.docx`, bytes: new Uint8Array(bytes) },
      { type: "routine", ownerId: qm.id, unitId: null, approvedOutside: false },
      words,
    );
    if ((n + 1) % 50 === 0) process.stdout.write(`\rbatch: ${n + 1} of ${BATCH} files`);
    if ((n + 1) % (BATCH / 2) === 0) {
      rates.push(((BATCH / 2) * 1000) / (performance.now() - started));
      started = performance.now();
    }
  }
  console.log("");

  const rows: Row[] = [
    {
      scenario: "100-page .docx, 20 pictures, 10 tables",
      metric: "conversion ms (median)",
      lots: median(convertTimes),
      reference: median(mammothTimes),
      ratio: median(convertTimes) / median(mammothTimes),
      runRatios: convertTimes.map((t, i) => t / mammothTimes[i]!),
    },
    {
      scenario: "100-page .docx, whole import into a draft",
      metric: "ms (median)",
      lots: median(importTimes),
      reference: median(mammothTimes),
      ratio: median(importTimes) / median(mammothTimes),
      runRatios: importTimes.map((t, i) => t / mammothTimes[i]!),
    },
    {
      scenario: "100-page .docx, memory added (peak)",
      metric: "MB",
      lots: importMb,
      reference: mammothMb,
      ratio: importMb / Math.max(mammothMb, 1),
    },
    {
      scenario: `batch of ${BATCH} routines, last vs first half`,
      metric: "files/s",
      lots: rates[1]!,
      reference: rates[0]!,
      ratio: rates[1]! / rates[0]!,
    },
  ];
  report("import", "bench:import (reference: mammoth's own conversion; batch: its first half)", rows, {
    fileBytes: file.length,
    targets: { importMs: 3000, addedMb: 300 },
  });
  db.$client.close();
}

const only = process.env.BENCH_PART;
if (only === "mammoth" || only === "import") await part(only);
else await main();
