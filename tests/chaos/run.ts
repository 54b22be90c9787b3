/**
 * npm run test:chaos: a bounded fault run on 127.0.0.1. Fifty stock y-websocket clients edit
 * ten documents while the collab server (Lots' endpoint, sign-in and persistence) is killed
 * with SIGKILL at random moments and restarted on the same port. At every kill, with the
 * server dead, the stored state must hold every update any client had received from the
 * server; at the end every document's clients converge on what is stored.
 */
import * as Y from "yjs";
import { createDocument } from "#app/models/documents.server.ts";
import { databaseFile, migrateDatabase, openDatabase } from "#db/client.ts";
import { makeUser, readStoredUpdate, sessionCookieFor } from "#tests/fixtures/db.ts";
import { seededRandom } from "#tests/fixtures/seeded-random.ts";
import {
  connectClient,
  startCollabServer,
  tempDataDir,
  until,
  type Client,
  type RunningServer,
} from "#tests/fixtures/collab-client.ts";

const DOCUMENTS = Number(process.env.CHAOS_DOCUMENTS ?? 10);
const CLIENTS = Number(process.env.CHAOS_CLIENTS ?? 50);
const KILLS = Number(process.env.CHAOS_KILLS ?? 10);
/** Each client edits about this often. */
const EDIT_MS = 400;

type Editor = Client & { documentId: string; sent: number; fromServer: Map<number, number> };

// Every provider listens for the process's exit; fifty of them are expected.
process.setMaxListeners(CLIENTS + 10);

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const rng = seededRandom("chaos");
const between = (min: number, max: number) => min + rng.next() * (max - min);

const dataDir = tempDataDir();
const db = openDatabase(databaseFile(dataDir));
migrateDatabase(db);
const people = await Promise.all(Array.from({ length: 10 }, () => makeUser(db, { role: "process_owner" })));
const documents = Array.from({ length: DOCUMENTS }, (_, i) =>
  createDocument(db, people[0]!, {
    title: `Kaos ${i}`,
    type: "routine",
    ownerId: people[0]!.id,
    unitId: null,
    areas: [],
    tags: [],
  }),
);
const cookieFor = (i: number) => sessionCookieFor(db, people[i % people.length]!.id);

let server: RunningServer = await startCollabServer(dataDir);
const port = String(server.port);
const editors: Editor[] = [];
for (let i = 0; i < CLIENTS; i += 1) {
  const documentId = documents[i % DOCUMENTS]!;
  const client = connectClient(server, documentId, await cookieFor(i));
  const editor: Editor = { ...client, documentId, sent: 0, fromServer: new Map() };
  // What came from the server: the updates the provider applied, not the client's own.
  client.doc.on("update", (update: Uint8Array, origin: unknown) => {
    if (origin !== client.provider) return;
    for (const [id, clock] of Y.decodeStateVector(Y.encodeStateVectorFromUpdate(update)))
      editor.fromServer.set(id, Math.max(editor.fromServer.get(id) ?? 0, clock));
  });
  editors.push(editor);
}
await until(() => editors.every((e) => e.provider.synced), 20_000, "every client synced");

let typing = true;
const typists = editors.map(async (e, i) => {
  await sleep(between(0, EDIT_MS));
  while (typing) {
    const text = e.doc.getText("t");
    text.insert(rng.below(text.length + 1), `[${i}:${e.sent}]`);
    e.sent += 1;
    await sleep(between(EDIT_MS / 2, EDIT_MS * 1.5));
  }
});

/** Clock units any client had from the server that the stored state lacks, per document. */
function lostNow(): number {
  let lost = 0;
  for (const documentId of documents) {
    const update = readStoredUpdate(db, documentId);
    const stored = new Y.Doc();
    if (update) Y.applyUpdate(stored, update);
    for (const e of editors.filter((x) => x.documentId === documentId))
      for (const [id, clock] of e.fromServer) lost += Math.max(0, clock - Y.getState(stored.store, id));
    stored.destroy();
  }
  return lost;
}

let kills = 0;
let lost = 0;
for (; kills < KILLS; kills += 1) {
  await sleep(between(300, 1200));
  server.process.kill("SIGKILL");
  await new Promise((r) => server.process.once("exit", r));
  lost += lostNow();
  await sleep(between(50, 300));
  server = await startCollabServer(dataDir, { PORT: port });
}
await sleep(1000);
typing = false;
await Promise.all(typists);

// Everyone reconnects and resends what the server missed; then every document's clients agree.
const converged = await until(
  () =>
    documents.every((documentId) => {
      const texts = editors.filter((e) => e.documentId === documentId).map((e) => e.doc.getText("t").toString());
      return texts.every((t) => t === texts[0]);
    }),
  30_000,
  "convergence",
).then(
  () => true,
  () => false,
);
await sleep(500);
await server.stop();
let mismatched = 0;
for (const documentId of documents) {
  const stored = new Y.Doc();
  Y.applyUpdate(stored, readStoredUpdate(db, documentId)!);
  const texts = editors.filter((e) => e.documentId === documentId).map((e) => e.doc.getText("t").toString());
  if (texts.some((t) => t !== stored.getText("t").toString())) mismatched += 1;
}
for (const e of editors) e.provider.destroy();
db.$client.close();

const sent = editors.reduce((n, e) => n + e.sent, 0);
console.log(
  `chaos: ${CLIENTS} clients, ${DOCUMENTS} documents; kills survived: ${kills}, updates sent: ${sent}, updates lost: ${lost}; converged: ${converged && mismatched === 0 ? "yes" : `no (${mismatched} documents differ from storage)`}`,
);
process.exit(lost === 0 && converged && mismatched === 0 ? 0 : 1);
