import { beforeEach, describe, expect, it } from "vitest";
import { createAction } from "#app/models/actions.server.ts";
import { createDocument, withdrawDocument } from "#app/models/documents.server.ts";
import { createKpi } from "#app/models/kpis.server.ts";
import { itemStatuses, linkedTo, linkItems, searchItems, unlinkItems } from "#app/models/links.server.ts";
import type { User } from "#app/models/users.server.ts";
import type { DbConnection } from "#db/client.ts";
import { createTestDb, makeUser } from "#tests/fixtures/db.ts";

let db: DbConnection;
let owner: User;
let staff: User;
let documentId: string;
let actionId: string;

beforeEach(async () => {
  db = createTestDb();
  owner = await makeUser(db, { role: "quality_manager" });
  staff = await makeUser(db, { role: "staff" });
  documentId = createDocument(db, owner, {
    title: "Rutin för kalibrering",
    type: "routine",
    ownerId: owner.id,
    unitId: null,
    areas: [],
    tags: [],
  });
  actionId = createAction(db, owner, {
    title: "Kalibrera vågen",
    reason: "Fel vikt",
    source: "document_review",
    ownerId: owner.id,
    unitId: null,
    dueOn: "2026-01-01",
    effectPlan: "Stickprov",
    effectMeasure: "Avvikelser per månad",
    effectCheckOn: "2026-06-01",
  });
});

describe("links", () => {
  it("are read from both ends, with each item's live status", () => {
    linkItems(db, owner, { kind: "action", id: actionId }, { kind: "document", id: documentId });
    const now = new Date("2026-02-01");
    expect(linkedTo(db, owner, { kind: "document", id: documentId }, now)).toMatchObject([
      { kind: "action", id: actionId, title: "1. Kalibrera vågen", status: "planned", attention: true },
    ]);
    expect(linkedTo(db, owner, { kind: "action", id: actionId }, now)).toMatchObject([
      { kind: "document", id: documentId, status: "draft", href: `/dokument/${documentId}` },
    ]);
  });

  it("refuses a duplicate, a link to itself, to something missing, and anything from a reader", () => {
    const action = { kind: "action", id: actionId } as const;
    const document = { kind: "document", id: documentId } as const;
    linkItems(db, owner, action, document);
    expect(() => linkItems(db, owner, document, action)).toThrow("link.exists");
    expect(() => linkItems(db, owner, action, action)).toThrow("link.self");
    expect(() => linkItems(db, owner, action, { kind: "document", id: "missing" })).toThrow("link.itemNotFound");
    expect(() => linkItems(db, owner, action, { kind: "risk", id: "r1" })).toThrow("link.itemNotFound");
    expect(() => linkItems(db, staff, action, document)).toThrow("link.notAllowed");
  });

  it("hides from a person what they may not see, and can be removed", async () => {
    const linkId = linkItems(db, owner, { kind: "action", id: actionId }, { kind: "document", id: documentId });
    await withdrawDocument(db, owner, documentId, {
      reason: "Ersatt av en nyare version.",
      password: "correct horse battery",
      replacedBy: null,
    });
    expect(linkedTo(db, staff, { kind: "action", id: actionId })).toEqual([]);
    expect(linkedTo(db, owner, { kind: "action", id: actionId })[0]).toMatchObject({ status: "withdrawn" });
    unlinkItems(db, owner, linkId);
    expect(linkedTo(db, owner, { kind: "action", id: actionId })).toEqual([]);
  });

  it("finds items by words or number, literally, and only those the person may see", async () => {
    createDocument(db, owner, {
      title: "100% leverans",
      type: "plan",
      ownerId: owner.id,
      unitId: null,
      areas: [],
      tags: [],
    });
    expect(searchItems(db, owner, "kalibr").map((i) => i.title)).toEqual([
      "1. Kalibrera vågen",
      "Rutin för kalibrering",
    ]);
    expect(searchItems(db, owner, "#1").map((i) => i.kind)).toEqual(["action"]);
    expect(searchItems(db, owner, "0%").map((i) => i.title)).toEqual(["100% leverans"]);
    expect(searchItems(db, owner, "_")).toEqual([]);
    await withdrawDocument(db, owner, documentId, {
      reason: "Ersatt av en nyare version.",
      password: "correct horse battery",
      replacedBy: null,
    });
    expect(searchItems(db, staff, "kalibr", ["document"])).toEqual([]);
  });

  it("reports a KPI's status from its latest measurement, for chips in documents", () => {
    const kpiId = createKpi(db, owner, {
      objectiveId: null,
      name: "Leveransprecision",
      unit: "%",
      direction: "higher",
      target: 95,
      warning: 90,
      frequency: "monthly",
      ownerId: owner.id,
      dataSource: "Affärssystemet",
    });
    expect(itemStatuses(db, owner, [{ kind: "kpi", id: kpiId }])).toMatchObject([
      { status: "kpi_no_data", href: `/mal/nyckeltal/${kpiId}` },
    ]);
    expect(itemStatuses(db, owner, [{ kind: "kpi", id: "missing" }])).toEqual([]);
  });
});
