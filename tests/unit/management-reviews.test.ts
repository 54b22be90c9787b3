import { beforeEach, describe, expect, it } from "vitest";
import * as Y from "yjs";
import { FRAGMENT } from "#app/content/schema.ts";
import { createAction } from "#app/models/actions.server.ts";
import { addFinding } from "#app/models/audit-findings.server.ts";
import { createProgramme } from "#app/models/audit-programmes.server.ts";
import { planAudit } from "#app/models/audits.server.ts";
import { auditEvidence } from "#app/models/period-evidence.server.ts";
import { loadYDoc, compact } from "#app/models/collab-store.server.ts";
import { createKpi, addMeasurement, createObjective } from "#app/models/kpis.server.ts";
import { factText, missingInputs, reviewInputs, type ReviewInput } from "#app/models/management-review-rules.ts";
import {
  gatherInputs,
  recordMissingReason,
  reviewCompleteness,
  getManagementReview,
  startManagementReview,
  writtenSections,
} from "#app/models/management-reviews.server.ts";
import { renderStoredDocument } from "#app/models/document-content.server.ts";
import { createLinked } from "#app/models/links.server.ts";
import { approveReview, listReviewRounds, requestReview } from "#app/models/review-rounds.server.ts";
import type { User } from "#app/models/users.server.ts";
import { translator } from "#app/i18n/translator.server.ts";
import type { DbConnection } from "#db/client.ts";
import { createTestDb, makeUser, anAudit } from "#tests/fixtures/db.ts";

const none = Object.fromEntries(reviewInputs.map((k) => [k, false])) as Record<ReviewInput, boolean>;

describe("the input-completeness check", () => {
  it("names each input with neither data from the system nor words in the record", () => {
    expect(
      missingInputs({ ...none, objectives: true, risks: true }, { context: "Ny lag om …", suppliers: "  " }),
    ).toEqual(reviewInputs.filter((k) => !["objectives", "risks", "context"].includes(k)));
    expect(
      missingInputs(Object.fromEntries(reviewInputs.map((k) => [k, true])) as Record<ReviewInput, boolean>, {}),
    ).toEqual([]);
  });

  it("finds what was written under each input's heading, whatever is around it", () => {
    const heading = (text: string) => ({ type: "heading", attrs: { level: 2 }, content: [{ type: "text", text }] });
    const para = (text: string) => ({ type: "paragraph", content: [{ type: "text", text }] });
    const doc = {
      type: "doc",
      content: [
        para("Inledning"),
        heading("Omvärld"),
        para("Ny lag."),
        heading("Egen rubrik"),
        para("Mer."),
        heading("Leverantörer"),
        { type: "paragraph" },
      ],
    };
    expect(writtenSections(doc, { context: "Omvärld", suppliers: "Leverantörer" })).toEqual({
      context: "Ny lag.Egen rubrikMer.",
      suppliers: "",
    });
  });
});

let db: DbConnection;
let qm: User;
const now = new Date("2026-11-20T10:00:00");
const t = translator("sv");
const texts = {
  headings: Object.fromEntries(reviewInputs.map((k) => [k, t(`managementReviews.inputs.${k}`)])) as Record<
    ReviewInput,
    string
  >,
  fact: (f: Parameters<typeof factText>[1]) => factText(t, f),
};

beforeEach(async () => {
  db = createTestDb();
  qm = await makeUser(db, { role: "quality_manager" });
});

describe("a management review", () => {
  it("starts with its inputs filled from live data, and is approved only when complete or with a recorded reason", async () => {
    const objective = createObjective(db, qm, {
      title: "Nöjda kunder",
      description: "",
      periodStart: "2026-01-01",
      periodEnd: "2026-12-31",
      ownerId: qm.id,
    });
    const kpi = createKpi(db, qm, {
      objectiveId: objective,
      name: "Leveransprecision",
      unit: "%",
      direction: "higher",
      target: 95,
      warning: 90,
      frequency: "monthly",
      ownerId: qm.id,
      dataSource: "",
    });
    addMeasurement(db, qm, kpi, { period: "2026-09", value: 96 });
    addMeasurement(db, qm, kpi, { period: "2026-10", value: 92 });
    const inputs = gatherInputs(db, { from: "2025-11-20", to: "2026-11-20" }, now, now);
    expect(inputs.objectives.facts.map((f) => factText(t, f))).toEqual([
      "Leveransprecision: 92 % (2026-10), mål 95 – I riskzonen, sjunkande",
    ]);
    expect(inputs.context.hasData).toBe(false);

    const id = startManagementReview(
      db,
      qm,
      {
        title: "LG 2026",
        heldOn: "2026-11-20",
        periodFrom: "2025-11-20",
        periodTo: "2026-11-20",
        attendees: [qm.id],
        otherAttendees: "",
      },
      texts,
      now,
    );
    const review = getManagementReview(db, id)!;
    const record = renderStoredDocument(db, review.documentId);
    expect(record.html).toContain("Måluppfyllelse och nyckeltal");
    expect(record.html).toContain("Leveransprecision: 92 %");
    const { missing } = reviewCompleteness(db, review, undefined, now);
    expect(missing).toEqual(["previousActions", "context", "audits", "risks", "suppliers", "resources", "sam"]);

    // A decision becomes an action linked to the review.
    createLinked(db, qm, { kind: "management_review", id }, (tx) => ({
      kind: "action",
      id: createAction(
        tx,
        qm,
        {
          title: "Ny transportör",
          reason: "Beslut i LG",
          source: "management_review",
          ownerId: qm.id,
          unitId: null,
          dueOn: "2027-02-01",
          effectPlan: "Leveransprecision följs",
          effectMeasure: "%",
          effectCheckOn: "2027-05-01",
        },
        {},
        now,
      ),
    }));

    const approver = await makeUser(db, { role: "admin" });
    const requestId = requestReview(db, qm, review.documentId, {
      approverId: approver.id,
      reviewerIds: [],
      message: "",
    });
    const candidate = listReviewRounds(db, review.documentId).find((r) => r.id === requestId)!;
    const approval = {
      candidateHash: candidate.candidateHash,
      password: "correct horse battery",
      step: "major" as const,
      effectiveOn: "2026-11-20",
      summary: "Protokoll",
      readers: [],
    };
    await expect(approveReview(db, approver, requestId, approval, now)).rejects.toThrow(
      "managementReview.inputsMissing",
    );
    expect(() => recordMissingReason(db, qm, id, " ", now)).toThrow("managementReview.reasonRequired");
    recordMissingReason(db, qm, id, "Första genomgången; revisioner och SAM görs under våren.", now);
    await expect(approveReview(db, approver, requestId, approval, now)).resolves.toMatchObject({ major: 1 });
  });

  it("counts what leadership writes under a heading as that input", () => {
    const id = startManagementReview(
      db,
      qm,
      {
        title: "LG",
        heldOn: "2026-11-20",
        periodFrom: "2026-01-01",
        periodTo: "2026-11-20",
        attendees: [],
        otherAttendees: "",
      },
      texts,
      now,
    );
    const review = getManagementReview(db, id)!;
    const doc = loadYDoc(db, review.documentId);
    const fragment = doc.getXmlFragment(FRAGMENT);
    // The paragraph under "Förändringar i omvärld…" is the fourth block: heading, list/paragraph, heading, paragraph.
    const contextParagraph = fragment.get(3) as Y.XmlElement;
    contextParagraph.insert(0, [new Y.XmlText("Ny arbetsmiljöföreskrift från 2025.")]);
    compact(db, review.documentId, doc);
    expect(reviewCompleteness(db, review, undefined, now).missing).not.toContain("context");
  });
});

describe("the audit results a review sees", () => {
  it("include an audit outside the period while a finding of it is open, and counts read in the singular when one", async () => {
    const db = createTestDb();
    const qm = await makeUser(db, { role: "quality_manager" });
    const programme = createProgramme(db, qm, 2027, "");
    const auditId = planAudit(db, qm, programme, anAudit(qm.id, "Lager", "2027-03-01", "8.5"));
    const period = { from: "2026-01-01", to: "2026-12-31" };
    expect(auditEvidence(db, period).hasData).toBe(false);
    addFinding(db, qm, auditId, {
      kind: "minor_nc",
      title: "Omärkta hyllor",
      requirement: "8.5.2",
      evidence: "Fyra av tio",
      responsibleId: qm.id,
    });
    const evidence = auditEvidence(db, period);
    expect(evidence.facts).toMatchObject([{ key: "audit", values: { title: "Lager", open: 1 } }]);

    const t = translator("sv");
    expect(factText(t, { key: "reports", values: { total: 1, closed: 0, authority: 0 } })).toBe(
      "1 rapport under perioden (avslutad: 0, anmäld till myndighet: 0).",
    );
    expect(factText(t, { key: "reports", values: { total: 2, closed: 1, authority: 0 } })).toBe(
      "2 rapporter under perioden, 1 avslutade; 0 anmälda till myndighet.",
    );
  });
});
