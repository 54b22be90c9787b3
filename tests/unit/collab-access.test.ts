import { describe, expect, it } from "vitest";
import { createDocument, withdrawDocument, documentAccess, type Access } from "#app/models/documents.server.ts";
import { roles, type Role } from "#app/domain/values.ts";
import { addParticipant, removeParticipant } from "#app/models/participants.server.ts";
import { createTestDb, makeUser } from "#tests/fixtures/db.ts";

/**
 * The collab endpoint's matrix: what each role's connection to a live document may do, by
 * the document's state. Written out by hand; the endpoint asks documentAccess at every
 * connect and again when access may have changed.
 */
const expected: Record<"draft" | "archived", Record<Role, Access>> = {
  draft: {
    admin: "write",
    quality_manager: "write",
    process_owner: "write",
    auditor: "write",
    // Staff and guests read releases; a working draft is not theirs unless it names them.
    staff: "none",
    external_auditor: "none",
  },
  // An archived document is kept for the record: read by those who keep or audit it, never written.
  archived: {
    admin: "read",
    quality_manager: "read",
    process_owner: "read",
    auditor: "read",
    staff: "none",
    external_auditor: "none",
  },
};

describe("the collab endpoint's read/write matrix", () => {
  it("gives each role write, read or nothing by the document's state, and nothing for a document that does not exist", async () => {
    const db = createTestDb();
    const people = new Map<Role, Awaited<ReturnType<typeof makeUser>>>();
    const until = new Date(Date.now() + 86_400_000);
    for (const role of roles)
      people.set(role, await makeUser(db, { role, accessExpiresAt: role === "external_auditor" ? until : null }));
    const owner = people.get("quality_manager")!;
    const documentId = createDocument(db, owner, {
      title: "Kvalitetspolicy",
      type: "policy",
      ownerId: owner.id,
      unitId: null,
      areas: [],
      tags: [],
    });
    const observe = () => Object.fromEntries(roles.map((r) => [r, documentAccess(db, people.get(r)!, documentId)]));
    expect(observe()).toEqual(expected.draft);
    await withdrawDocument(db, owner, documentId, {
      reason: "Ersatt av en nyare version.",
      password: "correct horse battery",
      replacedBy: null,
    });
    expect(observe()).toEqual(expected.archived);
    expect(documentAccess(db, owner, "no-such-document")).toBe("missing");
  });

  it("gives a named participant exactly what the draft names them as, until it ends", async () => {
    const db = createTestDb();
    const owner = await makeUser(db, { role: "quality_manager" });
    const anna = await makeUser(db, { role: "staff" });
    const bo = await makeUser(db, { role: "staff" });
    const documentId = createDocument(db, owner, {
      title: "Kvalitetspolicy",
      type: "policy",
      ownerId: owner.id,
      unitId: null,
      areas: [],
      tags: [],
    });
    const today = new Date("2026-12-07T10:00:00Z");
    addParticipant(
      db,
      owner,
      documentId,
      { userId: anna.id, role: "editor", endsOn: "2026-12-10", untilRelease: false },
      today,
    );
    addParticipant(
      db,
      owner,
      documentId,
      { userId: bo.id, role: "commenter", endsOn: null, untilRelease: true },
      today,
    );
    expect(documentAccess(db, anna, documentId, today)).toBe("write");
    expect(documentAccess(db, bo, documentId, today)).toBe("comment");
    // The day after the end date, nothing.
    expect(documentAccess(db, anna, documentId, new Date("2026-12-10T23:00:00Z"))).toBe("write");
    expect(documentAccess(db, anna, documentId, new Date("2026-12-11T08:00:00Z"))).toBe("none");
    removeParticipant(db, owner, documentId, bo.id, today);
    expect(documentAccess(db, bo, documentId, today)).toBe("none");
  });
});
