import { eq } from "drizzle-orm";
import type { Db } from "#db/client.ts";
import { documents, kpis, risks } from "#db/schema/index.ts";
import type { Actor } from "#app/auth/permissions.server.ts";
import { linkItems } from "#app/models/links.server.ts";
import { activityRef, type MapNode } from "#app/models/process-map.ts";
import { writeMapContent } from "#app/models/process-map-content.server.ts";
import { createProcess, getProcess, type ProcessInput } from "#app/models/processes.server.ts";
import { approveReview, listReviewRounds, requestReview } from "#app/models/review-rounds.server.ts";

const about = (purpose: string): Omit<ProcessInput, "title" | "kind" | "parentId" | "ownerId"> => ({
  mandate: "",
  purpose,
  inputs: "",
  outputs: "",
  customers: "",
  interfaces: "",
});

/** The order process as its owner drew it: two lanes, a decision, and a routine and a risk on its steps. */
const orderSteps: MapNode[] = [
  { id: "start", kind: "start", label: "Order mottagen", x: 20, y: 66 },
  { id: "register", kind: "activity", label: "Registrera order", x: 130, y: 58 },
  { id: "stock", kind: "decision", label: "Finns i lager?", x: 360, y: 42 },
  { id: "pick", kind: "activity", label: "Plocka, väg och packa", x: 520, y: 238 },
  { id: "deviation", kind: "activity", label: "Hantera avvikelse", x: 520, y: 58 },
  { id: "ship", kind: "activity", label: "Skicka", x: 760, y: 238 },
  { id: "end", kind: "end", label: "Levererad", x: 1000, y: 246 },
];
const orderFlow: [string, string, string][] = [
  ["start", "register", ""],
  ["register", "stock", ""],
  ["stock", "pick", "Ja"],
  ["stock", "deviation", "Nej"],
  ["pick", "ship", ""],
  ["ship", "end", ""],
];

export async function seedDemoProcesses(db: Db, approver: Actor, ownerId: string, password: string, today: string) {
  const make = (title: string, kind: ProcessInput["kind"], purpose: string, parentId: string | null = null) =>
    createProcess(db, approver, { title, kind, parentId, ownerId, ...about(purpose) });
  make("Styra och förbättra verksamheten", "management", "Sätta mål, följa upp och förbättra ledningssystemet.");
  const order = createProcess(db, approver, {
    title: "Order till leverans",
    kind: "core",
    parentId: null,
    ownerId,
    mandate: "Prioriterar order och får avvika från standardledtid upp till två dagar.",
    purpose: "Kunden får rätt vara, i rätt mängd, i tid.",
    inputs: "Kundorder",
    outputs: "Levererad vara och faktura",
    customers: "Kunder, transportör",
    interfaces: "Inköp (lagerpåfyllnad), Ekonomi (fakturering)",
  });
  make("Reklamationshantering", "core", "Reklamationer utreds och besvaras inom fem arbetsdagar.", order);
  make("Inköp", "support", "Rätt material från godkända leverantörer.");
  make("Personal och kompetens", "support", "Rätt kompetens på rätt plats, och en säker arbetsmiljö.");

  const mapId = getProcess(db, order)!.mapDocumentId;
  writeMapContent(db, mapId, {
    lanes: [
      { id: "kundtjanst", label: "Kundtjänst", order: 0 },
      { id: "lager", label: "Lager och logistik", order: 1 },
    ],
    nodes: orderSteps,
    edges: orderFlow.map(([source, target, label], i) => ({ id: `f${i}`, source, target, label })),
  });

  const routine = db
    .select({ id: documents.id })
    .from(documents)
    .where(eq(documents.title, "Rutin för avvikelsehantering"))
    .get();
  const scale = db
    .select({ id: risks.id })
    .from(risks)
    .where(eq(risks.title, "Felkalibrerad våg vid utleverans"))
    .get();
  const precision = db.select({ id: kpis.id }).from(kpis).where(eq(kpis.name, "Leveransprecision")).get();
  const step = (nodeId: string) => ({ kind: "activity", id: activityRef(mapId, nodeId) }) as const;
  if (routine) linkItems(db, approver, step("deviation"), { kind: "document", id: routine.id });
  if (scale) linkItems(db, approver, step("pick"), { kind: "risk", id: scale.id });
  if (precision) linkItems(db, approver, { kind: "process", id: order }, { kind: "kpi", id: precision.id });

  const reviewId = requestReview(db, approver, mapId, { approverId: approver.id, reviewerIds: [], message: "" });
  const candidateHash = listReviewRounds(db, mapId).find((r) => r.id === reviewId)!.candidateHash;
  await approveReview(db, approver, reviewId, {
    candidateHash,
    password,
    step: "major",
    effectiveOn: today,
    summary: "Processkartan fastställd.",
    readers: [],
  });
}
