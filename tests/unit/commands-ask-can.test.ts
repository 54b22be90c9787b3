import { beforeEach, describe, expect, it } from "vitest";
import { createDocument, updateDocumentDetails } from "#app/models/documents.server.ts";
import { createInvitation, revokeInvitation } from "#app/models/invitations.server.ts";
import { ensureOrganisation, getOrganisation, updateOrganisation } from "#app/models/organisation.server.ts";
import { createUnit, listUnits, updateUnit } from "#app/models/units.server.ts";
import { reviewsDueFor } from "#app/models/review-dates.server.ts";
import type { DbConnection } from "#db/client.ts";
import { documents } from "#db/schema/index.ts";
import { createTestDb, makeUser } from "#tests/fixtures/db.ts";

/**
 * The convention (docs/ARCHITECTURE.md, "One convention for rules"): a command takes the actor
 * and asks can() itself, so a route that forgets, a script or a future API cannot do more than
 * the person may. Each command here is called directly, as no page would let this person.
 */

let db: DbConnection;
beforeEach(() => {
  db = createTestDb();
});

const refused = (code: string) => expect.objectContaining({ code });
const routine = (ownerId: string) => ({
  title: "Rutin",
  type: "routine" as const,
  ownerId,
  unitId: null,
  areas: [],
  tags: [],
});

describe("commands ask can() themselves", () => {
  it("units and the organisation are changed by those who keep them, not by staff", async () => {
    const staff = await makeUser(db);
    const qm = await makeUser(db, { role: "quality_manager" });
    ensureOrganisation(db, "Lots AB");
    expect(() => createUnit(db, staff, { name: "Lager", parentId: null })).toThrow(refused("unit.notAllowed"));
    const unit = createUnit(db, qm, { name: "Lager", parentId: null });
    expect(() => updateUnit(db, staff, unit.id, { name: "Förråd", parentId: null })).toThrow(
      refused("unit.notAllowed"),
    );
    expect(listUnits(db).map((u) => u.name)).toEqual(["Lager"]);
    expect(() => updateOrganisation(db, qm, { name: "Annat AB", orgNumber: null })).toThrow(
      refused("organisation.notAllowed"),
    );
    expect(getOrganisation(db)?.name).toBe("Lots AB");
  });

  it("only an admin invites people and takes an invitation back", async () => {
    const admin = await makeUser(db, { role: "admin" });
    const qm = await makeUser(db, { role: "quality_manager" });
    const input = { email: "ny@example.se", name: "Ny", role: "staff" as const, unitId: null, accessExpiresAt: null };
    expect(() => createInvitation(db, qm, input)).toThrow(refused("user.notAllowed"));
    const { invitation } = createInvitation(db, admin, input);
    expect(() => revokeInvitation(db, qm, invitation.id)).toThrow(refused("user.notAllowed"));
  });

  it("documents are created by authors and their register entry kept by the owner or the quality manager", async () => {
    const staff = await makeUser(db);
    const owner = await makeUser(db, { role: "process_owner" });
    const otherOwner = await makeUser(db, { role: "process_owner" });
    const qm = await makeUser(db, { role: "quality_manager" });
    expect(() => createDocument(db, staff, routine(staff.id))).toThrow(refused("document.notAllowed"));
    const id = createDocument(db, owner, routine(owner.id));
    expect(() => updateDocumentDetails(db, otherOwner, id, { ...routine(owner.id), title: "Kapad" })).toThrow(
      refused("document.notAllowed"),
    );
    updateDocumentDetails(db, qm, id, { ...routine(owner.id), title: "Rutin för inköp" });
  });

  it("periodic reviews due are every document's for the quality manager, one's own for an owner, none for staff", async () => {
    const staff = await makeUser(db);
    const owner = await makeUser(db, { role: "process_owner" });
    const otherOwner = await makeUser(db, { role: "process_owner" });
    const qm = await makeUser(db, { role: "quality_manager" });
    const mine = createDocument(db, owner, { ...routine(owner.id), title: "Min rutin" });
    createDocument(db, otherOwner, { ...routine(otherOwner.id), title: "Annans rutin" });
    db.update(documents).set({ nextReviewOn: "2026-01-01" }).run();
    const titles = (actor: typeof staff) => reviewsDueFor(db, actor).map((d) => d.title);
    expect(titles(staff)).toEqual([]);
    expect(reviewsDueFor(db, owner).map((d) => d.id)).toEqual([mine]);
    expect(titles(qm).sort()).toEqual(["Annans rutin", "Min rutin"]);
  });
});
