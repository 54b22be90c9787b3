/**
 * Simulated editors for bench:collab, in their own process. Each is a protocol-level
 * y-websocket peer: it sends real Yjs updates made in its own Y.Doc, and reads (but does not
 * apply) everybody else's, so a hundred of them fit on two cores beside the server.
 * Input: a JSON scenario as argv[2]. Output: one JSON line of measurements.
 */
import * as decoding from "lib0/decoding";
import * as encoding from "lib0/encoding";
import * as prng from "lib0/prng";
import WebSocket from "ws";
import * as Y from "yjs";

type Scenario = {
  url: string;
  headers: Record<string, string>;
  docs: string[];
  clientsPerDoc: number;
  editsPerSecond: number;
  seconds: number;
  /** Edits before the measured seconds, unmeasured: both servers compile their hot paths then. */
  warmupSeconds: number;
  /** Seeds when each client starts typing: Lots and the reference get the same schedule in a run. */
  seed: number;
  coldSync?: { doc: string; times: number };
};

const scenario = JSON.parse(process.argv[2]!) as Scenario;
const sentAt = new Map<string, number>();
const latencies: number[] = [];
let delivered = 0;
let measuring = false;

function updateFrame(update: Uint8Array): Uint8Array {
  const e = encoding.createEncoder();
  encoding.writeVarUint(e, 0);
  encoding.writeVarUint(e, 2);
  encoding.writeVarUint8Array(e, update);
  return encoding.toUint8Array(e);
}

function syncStep1(doc: Y.Doc): Uint8Array {
  const e = encoding.createEncoder();
  encoding.writeVarUint(e, 0);
  encoding.writeVarUint(e, 0);
  encoding.writeVarUint8Array(e, Y.encodeStateVector(doc));
  return encoding.toUint8Array(e);
}

function open(doc: string): Promise<WebSocket> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(`${scenario.url}/${doc}`, { headers: scenario.headers });
    ws.binaryType = "nodebuffer";
    ws.once("open", () => resolve(ws));
    ws.once("error", reject);
  });
}

/** Decodes a frame; returns [syncType, update] for sync step 2 and update messages. */
function readSync(data: Buffer): [number, Uint8Array] | null {
  const d = decoding.createDecoder(new Uint8Array(data));
  if (decoding.readVarUint(d) !== 0) return null;
  const type = decoding.readVarUint(d);
  if (type === 0) return [0, decoding.readVarUint8Array(d)];
  return [type, decoding.readVarUint8Array(d)];
}

async function load(): Promise<void> {
  const peers: { ws: WebSocket; doc: Y.Doc }[] = [];
  for (const name of scenario.docs) {
    for (let i = 0; i < scenario.clientsPerDoc; i++) {
      const ws = await open(name);
      const doc = new Y.Doc();
      ws.on("message", (data: Buffer) => {
        const msg = readSync(data);
        if (!msg) return;
        const [type, payload] = msg;
        if (type === 0) {
          // The server asks what we have: answer with our own edits (none yet).
          const e = encoding.createEncoder();
          encoding.writeVarUint(e, 0);
          encoding.writeVarUint(e, 1);
          encoding.writeVarUint8Array(e, Y.encodeStateAsUpdate(doc, payload));
          ws.send(encoding.toUint8Array(e));
          return;
        }
        if (type !== 2) return;
        const now = performance.now();
        const { to: edits } = Y.parseUpdateMeta(payload);
        if (!measuring) return;
        delivered += 1;
        for (const [client, to] of edits) {
          const started = sentAt.get(`${client}:${to}`);
          if (started !== undefined) latencies.push(now - started);
        }
      });
      ws.send(syncStep1(doc));
      peers.push({ ws, doc });
    }
  }
  await new Promise((r) => setTimeout(r, 300));
  const repeating: NodeJS.Timeout[] = [];
  const schedule = prng.create(scenario.seed);
  const timers = peers.map(({ ws, doc }) => {
    const text = doc.getText("t");
    const edit = () => {
      const before = Y.encodeStateVector(doc);
      text.insert(text.length, "abcdefgh");
      const update = Y.encodeStateAsUpdate(doc, before);
      if (measuring) sentAt.set(`${doc.clientID}:${Y.getState(doc.store, doc.clientID)}`, performance.now());
      ws.send(updateFrame(update));
    };
    const every = 1000 / scenario.editsPerSecond;
    // Spread the clients' edits over the interval, as people do not type in step.
    const first = setTimeout(
      () => {
        edit();
        repeating.push(setInterval(edit, every));
      },
      prng.real53(schedule) * every,
    );
    return first;
  });
  await new Promise((r) => setTimeout(r, scenario.warmupSeconds * 1000));
  measuring = true;
  const start = performance.now();
  await new Promise((r) => setTimeout(r, scenario.seconds * 1000));
  for (const t of timers) clearTimeout(t);
  for (const t of repeating) clearInterval(t);
  const elapsed = (performance.now() - start) / 1000;
  await new Promise((r) => setTimeout(r, 300));
  for (const { ws } of peers) ws.close();
  report({ delivered: delivered / elapsed });
}

async function coldSync(): Promise<void> {
  const { doc: name, times } = scenario.coldSync!;
  for (let i = 0; i < times; i++) {
    const started = performance.now();
    const ws = await open(name);
    await new Promise<void>((resolve) => {
      ws.on("message", (data: Buffer) => {
        const msg = readSync(data);
        if (msg && msg[0] === 1) {
          latencies.push(performance.now() - started);
          resolve();
        }
      });
      ws.send(syncStep1(new Y.Doc()));
    });
    ws.close();
    // Let the server see the close and unload the document, so the next sync is cold again.
    await new Promise((r) => setTimeout(r, 150));
  }
  report({});
}

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

function report(extra: Record<string, number>) {
  const sorted = [...latencies].sort((a, b) => a - b);
  console.log(
    JSON.stringify({
      p50: percentile(sorted, 50),
      p95: percentile(sorted, 95),
      p99: percentile(sorted, 99),
      samples: sorted.length,
      ...extra,
    }),
  );
  process.exit(0);
}

void (scenario.coldSync ? coldSync() : load());
