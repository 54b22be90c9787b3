import { describe, expect, it } from "vitest";
import { createDocument, documentAccess, setDocumentArchived, type Access } from "#app/models/documents.server.ts";
import { roles, type Role } from "#db/schema/values.ts";
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
    staff: "read",
    external_auditor: "read",
  },
  // An archived document is kept for the record: read by those who keep or audit it, never written.
  archived: {
    admin: "read",
    quality_manager: "read",
    process_owner: "read",
    auditor: "read",
    staff: "none",
    external_auditor: "read",
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
    const documentId = createDocument(db, owner.id, {
      title: "Kvalitetspolicy",
      type: "policy",
      ownerId: owner.id,
      unitId: null,
      areas: [],
      tags: [],
    });
    const observe = () => Object.fromEntries(roles.map((r) => [r, documentAccess(db, people.get(r)!, documentId)]));
    expect(observe()).toEqual(expected.draft);
    setDocumentArchived(db, owner.id, documentId, { archived: true, reason: "Ersatt" });
    expect(observe()).toEqual(expected.archived);
    expect(documentAccess(db, owner, "no-such-document")).toBe("missing");
  });
});
