import type { JSONContent } from "@tiptap/core";
import type { Db } from "#db/client.ts";
import { writeInitialContent } from "#app/models/document-content.server.ts";
import { createDocument, type DocumentInput } from "#app/models/documents.server.ts";
import { approveReview, listReviewRounds, requestReview } from "#app/models/review-rounds.server.ts";
import type { Actor } from "#app/auth/permissions.server.ts";

const p = (text: string): JSONContent => ({ type: "paragraph", content: [{ type: "text", text }] });
const h = (level: number, text: string): JSONContent => ({
  type: "heading",
  attrs: { level },
  content: [{ type: "text", text }],
});
const list = (items: string[]): JSONContent => ({
  type: "bulletList",
  content: items.map((text) => ({ type: "listItem", content: [p(text)] })),
});

type DemoDocument = Omit<DocumentInput, "ownerId" | "unitId"> & {
  owner: string;
  unit: string | null;
  content: JSONContent[];
  /** Approved as release 1.0 by the quality manager when seeded; staff are asked to read it. */
  released?: string;
};

export const demoDocuments: DemoDocument[] = [
  {
    title: "Kvalitetspolicy",
    released: "Policyn fastställd av ledningsgruppen.",
    type: "policy",
    owner: "kvalitet@exempel.se",
    unit: null,
    areas: ["quality"],
    tags: ["ledning"],
    content: [
      h(1, "Kvalitetspolicy för Exempelbolaget AB"),
      p("Vi levererar produkter och tjänster som uppfyller kundernas krav och förväntningar, i rätt tid och utan fel."),
      h(2, "Vi åtar oss att"),
      list([
        "uppfylla tillämpliga lagar, föreskrifter och kundkrav",
        "sätta mätbara kvalitetsmål och följa upp dem varje kvartal",
        "lära av avvikelser och klagomål och förebygga att de upprepas",
        "ge medarbetarna kompetens och förutsättningar att göra rätt från början",
        "ständigt förbättra ledningssystemet",
      ]),
      p("Policyn fastställs av ledningen och ses över vid varje ledningens genomgång."),
    ],
  },
  {
    title: "Rutin för avvikelsehantering",
    released: "Första fastställda versionen av rutinen.",
    type: "routine",
    owner: "processagare@exempel.se",
    unit: "Produktion",
    areas: ["quality", "work_environment"],
    tags: ["avvikelse", "förbättring"],
    content: [
      h(1, "Rutin för avvikelsehantering"),
      h(2, "Syfte"),
      p("Att avvikelser rapporteras, utreds och leder till åtgärder som förhindrar att de upprepas."),
      h(2, "Ansvar"),
      p("Den som upptäcker en avvikelse rapporterar den. Närmaste chef utreder. Kvalitetsansvarig följer upp trender."),
      h(2, "Så gör du"),
      {
        type: "orderedList",
        content: [
          "Rapportera avvikelsen i Lots samma dag.",
          "Vidta omedelbar åtgärd om det behövs.",
          "Chefen utreder orsaken med fem varför.",
          "Beslutade åtgärder förs in i handlingsplanen.",
        ].map((text) => ({ type: "listItem", content: [p(text)] })),
      },
    ],
  },
  {
    title: "Instruktion för mottagningskontroll",
    type: "instruction",
    owner: "processagare@exempel.se",
    unit: "Lager och logistik",
    areas: ["quality"],
    tags: ["inköp"],
    content: [
      h(1, "Mottagningskontroll"),
      p("Kontrollera varje leverans mot följesedel och beställning innan den tas in i lager."),
      {
        type: "taskList",
        content: ["Antal stämmer", "Inga synliga skador", "Certifikat medföljer"].map((text) => ({
          type: "taskItem",
          attrs: { checked: false },
          content: [p(text)],
        })),
      },
    ],
  },
  {
    title: "Arbetsmiljöpolicy",
    type: "policy",
    owner: "admin@exempel.se",
    unit: null,
    areas: ["work_environment"],
    tags: ["SAM"],
    content: [
      h(1, "Arbetsmiljöpolicy"),
      p(
        "Ingen ska skadas eller bli sjuk av sitt arbete hos oss. Vi bedriver ett systematiskt arbetsmiljöarbete enligt AFS 2023:1 tillsammans med skyddsombuden.",
      ),
    ],
  },
];

/** The demo's documents; those marked `released` go through review and approval like any other. */
export async function seedDemoDocuments(
  db: Db,
  people: Map<string, string>,
  units: Map<string, string>,
  approver: Actor,
  approverPassword: string,
  today: string,
): Promise<void> {
  for (const { owner, unit, content, released, ...input } of demoDocuments) {
    const ownerId = people.get(owner)!;
    const id = createDocument(db, approver, { ...input, ownerId, unitId: unit ? units.get(unit)! : null });
    writeInitialContent(db, id, content);
    if (!released) continue;
    const reviewId = requestReview(db, approver, id, { approverId: approver.id, reviewerIds: [], message: "" });
    const candidateHash = listReviewRounds(db, id).find((r) => r.id === reviewId)!.candidateHash;
    await approveReview(db, approver, reviewId, {
      candidateHash,
      password: approverPassword,
      step: "major",
      effectiveOn: today,
      summary: released,
      readers: [{ kind: "role", value: "staff" }],
    });
  }
}
