import { and, eq, is } from "drizzle-orm";
import { getTableConfig, SQLiteTable } from "drizzle-orm/sqlite-core";
import { beforeEach, describe, expect, it } from "vitest";
import { createAction, getAction } from "#app/models/actions.server.ts";
import { writeInitialContent } from "#app/models/document-content.server.ts";
import { createDocument, getDocument } from "#app/models/documents.server.ts";
import { handOver, itemKey, responsibilitiesOf, responsibilityColumns } from "#app/models/hand-over.server.ts";
import { listReviewRounds, requestReview } from "#app/models/review-rounds.server.ts";
import { createRisk, getRisk } from "#app/models/risks.server.ts";
import { verifyTrail } from "#app/models/trail.server.ts";
import { setUserActive, type User } from "#app/models/users.server.ts";
import type { DbConnection } from "#db/client.ts";
import * as schema from "#db/schema/index.ts";
import { notifications, trailEvents } from "#db/schema/index.ts";
import { anAction, createTestDb, makeUser } from "#tests/fixtures/db.ts";

/**
 * Columns that name a person as a record of what happened (who created, decided, wrote,
 * answered) or as the person's own things (sessions, notifications, their own competence).
 * A column naming who answers for something now belongs in the hand-over instead.
 */
const recordsOfThePast = new Set([
  "acknowledgements.user_id",
  "action_events.actor_id",
  "actions.effect_checked_by",
  "actions.created_by",
  "annual_reports.created_by",
  "attachments.uploaded_by",
  "audit_findings.answered_by",
  "audit_findings.closed_by",
  "audit_findings.created_by",
  "audit_programmes.created_by",
  "audits.created_by",
  "change_analyses.concluded_by",
  "change_analyses.created_by",
  "checklist_rounds.answered_by",
  "checklist_templates.created_by",
  "competence_records.user_id",
  "competence_records.recorded_by",
  "competences.created_by",
  "compliance_evaluations.evaluated_by",
  "context_items.created_by",
  "context_items.removed_by",
  // Who delegated a task: the recipient answers for it (the hand-over passes delegations to).
  "delegations.from_user_id",
  "report_timeline.author_id",
  "report_whys.author_id",
  "reports.reporter_id",
  "document_files.uploaded_by",
  "document_imports.imported_by",
  // A right to co-write a draft, not a responsibility; it ends with the person's access.
  "document_participants.user_id",
  "document_participants.invited_by",
  "documents.withdrawn_by",
  "documents.created_by",
  "form_submissions.user_id",
  "frameworks.created_by",
  "invitations.invited_by",
  "kpi_measurements.entered_by",
  "kpis.created_by",
  "legal_requirements.created_by",
  "links.created_by",
  "mail_digests.user_id",
  "management_reviews.created_by",
  "notifications.user_id",
  "objectives.created_by",
  "participation_meetings.created_by",
  "passkey_challenges.user_id",
  "passkeys.user_id",
  "password_resets.user_id",
  "periodic_reviews.reviewed_by",
  "processes.created_by",
  "recovery_codes.user_id",
  "releases.approver_id",
  "reviews.requested_by",
  "reviews.decided_by",
  "risk_assessments.actor_id",
  "risks.created_by",
  "risks.retired_by",
  "item_changes.actor_id",
  "sam_compilations.compiled_by",
  "sam_follow_ups.started_by",
  "sam_follow_ups.completed_by",
  "sam_responses.manager_id",
  "sam_responses.safety_rep_id",
  "sam_responses.answered_by",
  "second_factor_challenges.user_id",
  "sessions.user_id",
  "sign_in_attempts.user_id",
  "sign_in_settings.updated_by",
  "user_factors.user_id",
  "user_identities.user_id",
]);

const columnName = (c: { name: string; table: unknown }) => `${getTableConfig(c.table as SQLiteTable).name}.${c.name}`;

let db: DbConnection;
let leaving: User;
let qm: User;
let anna: User;
let bo: User;

beforeEach(async () => {
  db = createTestDb();
  qm = await makeUser(db, { role: "quality_manager" });
  leaving = await makeUser(db, { role: "process_owner" });
  anna = await makeUser(db, { role: "process_owner" });
  bo = await makeUser(db, { role: "staff" });
});

/** A process owner with a document (and its open review round, as approver), a risk and an action. */
function responsibilities() {
  const documentId = createDocument(db, leaving, {
    title: "Leveranskontroll",
    type: "routine",
    ownerId: leaving.id,
    unitId: null,
    areas: ["quality"],
    tags: [],
  });
  writeInitialContent(db, documentId, [{ type: "paragraph", content: [{ type: "text", text: "Kontrollera." }] }]);
  const reviewId = requestReview(db, qm, documentId, { approverId: leaving.id, reviewerIds: [], message: "" });
  const riskId = createRisk(db, leaving, {
    kind: "risk",
    title: "Felkalibrerad våg",
    category: "quality",
    cause: "Sällan kalibrerad",
    consequenceText: "Fel vikt",
    ownerId: leaving.id,
    unitId: null,
    treatment: "reduce",
    nextReviewOn: "2030-01-01",
    inherent: { likelihood: 3, consequence: 3 },
    residual: { likelihood: 2, consequence: 3 },
  });
  const actionId = createAction(db, leaving, anAction(leaving.id, "Kalibrera vågen"));
  return { documentId, reviewId, riskId, actionId };
}

describe("hand-over", () => {
  it("knows every column that names who answers for something: a new one must join the hand-over or be declared a record", () => {
    const handedOver = new Set(responsibilityColumns.map(columnName));
    const unknown: string[] = [];
    for (const table of Object.values(schema)) {
      if (!is(table, SQLiteTable)) continue;
      for (const fk of getTableConfig(table).foreignKeys) {
        const reference = fk.reference();
        if (getTableConfig(reference.foreignTable).name !== "users") continue;
        for (const column of reference.columns) {
          const name = columnName(column);
          if (!handedOver.has(name) && !recordsOfThePast.has(name)) unknown.push(name);
        }
      }
    }
    expect(unknown).toEqual([]);
  });

  it("lists everything the person answers for and passes it to successors, one for all and one per item, notifying each", () => {
    const { documentId, reviewId, riskId, actionId } = responsibilities();
    const held = responsibilitiesOf(db, leaving.id);
    expect(held.map((r) => r.kind).sort()).toEqual(["action", "document", "review", "risk"]);

    const result = handOver(db, qm, leaving.id, {
      everything: anna.id,
      items: { [itemKey({ kind: "action", id: actionId })]: bo.id },
    });
    expect(result).toEqual({ ok: true, passed: 4 });
    expect(getDocument(db, documentId)?.ownerId).toBe(anna.id);
    expect(getRisk(db, riskId)?.ownerId).toBe(anna.id);
    expect(getAction(db, actionId)?.ownerId).toBe(bo.id);
    expect(listReviewRounds(db, documentId).find((r) => r.id === reviewId)?.approverId).toBe(anna.id);
    expect(responsibilitiesOf(db, leaving.id)).toEqual([]);
    const told = db.select().from(notifications).where(eq(notifications.kind, "handedOver")).all();
    expect(told.map((n) => n.userId).sort()).toEqual([anna.id, bo.id].sort());
    // The trail names ids only, and still verifies.
    const events = db.select().from(trailEvents).where(eq(trailEvents.type, "responsibility.handedOver")).all();
    expect(events).toHaveLength(4);
    expect(events.every((e) => !e.data.includes("Kalibrera"))).toBe(true);
    expect(verifyTrail(db).ok).toBe(true);
  });

  it("passes nothing while any item lacks a successor who may hold it", async () => {
    const { documentId, actionId } = responsibilities();
    const gone = await makeUser(db, { role: "process_owner" });
    setUserActive(db, await makeUser(db, { role: "admin" }), gone.id, false);

    // Nobody chosen for the rest.
    const half = handOver(db, qm, leaving.id, { everything: null, items: { [`action:${actionId}`]: anna.id } });
    expect(half.ok).toBe(false);
    if (!half.ok) expect(half.problems[`document:${documentId}`]).toBe("handOver.noSuccessor");
    // Staff cannot own a document or approve; a deactivated person holds nothing.
    const wrong = handOver(db, qm, leaving.id, { everything: bo.id, items: { [`action:${actionId}`]: gone.id } });
    expect(wrong.ok).toBe(false);
    if (!wrong.ok) {
      expect(wrong.problems[`document:${documentId}`]).toBe("handOver.successorNotAllowed");
      expect(wrong.problems[`action:${actionId}`]).toBe("handOver.successorInactive");
    }
    expect(getDocument(db, documentId)?.ownerId).toBe(leaving.id);
    expect(getAction(db, actionId)?.ownerId).toBe(leaving.id);
    expect(responsibilitiesOf(db, leaving.id)).toHaveLength(4);
  });

  it("is for administrators and quality managers, and never one's own", () => {
    responsibilities();
    expect(() => handOver(db, anna, leaving.id, { everything: qm.id, items: {} })).toThrow("handOver.notAllowed");
    expect(() => handOver(db, leaving, leaving.id, { everything: qm.id, items: {} })).toThrow("handOver.notAllowed");
    expect(
      db
        .select()
        .from(trailEvents)
        .where(and(eq(trailEvents.type, "responsibility.handedOver")))
        .all(),
    ).toEqual([]);
  });
});
