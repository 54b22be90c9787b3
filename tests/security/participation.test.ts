import { getSchema, type JSONContent } from "@tiptap/core";
import { prosemirrorJSONToYDoc, updateYFragment } from "@tiptap/y-tiptap";
import { beforeEach, describe, expect, it } from "vitest";
import * as Y from "yjs";
import { documentSchema, FRAGMENT } from "#app/content/schema.ts";
import { startThread } from "#app/content/comment-threads.ts";
import { can } from "#app/auth/permissions.server.ts";
import { createDocument, documentAccess, documentResourceFor } from "#app/models/documents.server.ts";
import {
  addParticipant,
  draftsNaming,
  endExpiredParticipation,
  endParticipationAtRelease,
  removeParticipant,
} from "#app/models/participants.server.ts";
import { searchItems } from "#app/models/links.server.ts";
import type { DbConnection } from "#db/client.ts";
import { onlyComments } from "#server/collab/comment-only.ts";
import { createTestDb, makeUser } from "#tests/fixtures/db.ts";

const schema = getSchema(documentSchema());
const paragraph = (text: string, marks?: JSONContent["marks"]): JSONContent => ({
  type: "paragraph",
  content: [{ type: "text", text, ...(marks ? { marks } : {}) }],
});
const policy: JSONContent[] = [
  { type: "heading", attrs: { level: 1 }, content: [{ type: "text", text: "Kvalitetspolicy" }] },
  paragraph("Vi gör rätt från början."),
];

/** The live document on the server, and the update a client would send to make `after` of it. */
function proposal(change: (doc: Y.Doc) => void) {
  const server = prosemirrorJSONToYDoc(schema, { type: "doc", content: policy }, FRAGMENT);
  const client = new Y.Doc();
  Y.applyUpdate(client, Y.encodeStateAsUpdate(server));
  const before = Y.encodeStateVector(client);
  change(client);
  return { server, update: Y.encodeStateAsUpdate(client, before) };
}
const rewrite = (doc: Y.Doc, content: JSONContent[]) =>
  updateYFragment(doc, doc.getXmlFragment(FRAGMENT), schema.nodeFromJSON({ type: "doc", content }), {
    mapping: new Map(),
    isOMark: new Map(),
  });
const comment = { id: "m1", authorId: "u", authorName: "U", text: "Stämmer?", createdAt: 1, mentions: [] };

describe("what a commenter may change", () => {
  it("a new thread, anchored by a comment mark on the words it is about", () => {
    const { server, update } = proposal((doc) => {
      doc.transact(() => {
        rewrite(doc, [
          policy[0]!,
          paragraph("Vi gör rätt från början.", [{ type: "comment", attrs: { threadId: "t1" } }]),
        ]);
        startThread(doc, "t1", "Vi gör rätt", comment);
      });
    });
    expect(onlyComments(server, update)).toBe(true);
  });

  it.each<[string, (doc: Y.Doc) => void]>([
    ["a word of the text", (doc) => rewrite(doc, [policy[0]!, paragraph("Vi gör nästan rätt från början.")])],
    ["the text deleted", (doc) => rewrite(doc, [policy[0]!])],
    [
      "bold on the text",
      (doc) => rewrite(doc, [policy[0]!, paragraph("Vi gör rätt från början.", [{ type: "bold" }])]),
    ],
    ["a heading's level", (doc) => rewrite(doc, [{ ...policy[0]!, attrs: { level: 2 } }, policy[1]!])],
    [
      "a paragraph made a heading",
      (doc) => rewrite(doc, [policy[0]!, { ...policy[1]!, type: "heading", attrs: { level: 2 } }]),
    ],
    ["a shared type of its own", (doc) => doc.getMap("nodes").set("x", "y")],
    ["a text root of its own", (doc) => doc.getText("t").insert(0, "intrång")],
    [
      "the text, hidden inside a comment",
      (doc) =>
        doc.transact(() => {
          startThread(doc, "t2", "x", comment);
          rewrite(doc, [policy[0]!, paragraph("Ändrat.")]);
        }),
    ],
  ])("never %s", (_label, change) => {
    const { server, update } = proposal(change);
    expect(onlyComments(server, update)).toBe(false);
  });

  it("an update that does not follow on from the document is refused", () => {
    const { server } = proposal(() => undefined);
    const client = new Y.Doc();
    Y.applyUpdate(client, Y.encodeStateAsUpdate(server));
    startThread(client, "t3", "x", comment);
    const before = Y.encodeStateVector(client);
    client.getMap<Y.Map<unknown>>("comments").get("t3")!.set("resolved", true);
    // The second change without the first: the server cannot place it.
    expect(onlyComments(server, Y.encodeStateAsUpdate(client, before))).toBe(false);
  });
});

describe("participation", () => {
  let db: DbConnection;
  beforeEach(() => {
    db = createTestDb();
  });

  async function setting() {
    const qm = await makeUser(db, { role: "quality_manager" });
    const staff = await makeUser(db, { role: "staff", name: "Sara Skyddsombud" });
    const guest = await makeUser(db, { role: "external_auditor", accessExpiresAt: new Date(Date.now() + 86_400_000) });
    const documentId = createDocument(db, qm, {
      title: "Arbetsmiljöpolicy (utkast)",
      type: "policy",
      ownerId: qm.id,
      unitId: null,
      areas: [],
      tags: [],
    });
    return { qm, staff, guest, documentId };
  }

  it("is given only by the document's keepers, never to a guest or to someone already writing drafts", async () => {
    const { qm, staff, guest, documentId } = await setting();
    const po = await makeUser(db, { role: "process_owner" });
    const entry = { role: "editor" as const, endsOn: null, untilRelease: false };
    expect(() => addParticipant(db, staff, documentId, { userId: staff.id, ...entry })).toThrow(/notAllowed/);
    expect(() => addParticipant(db, po, documentId, { userId: staff.id, ...entry })).toThrow(/notAllowed/);
    expect(() => addParticipant(db, qm, documentId, { userId: guest.id, ...entry })).toThrow(/guest/);
    expect(() => addParticipant(db, qm, documentId, { userId: po.id, ...entry })).toThrow(/alreadyKeeps/);
    expect(() => addParticipant(db, qm, documentId, { userId: "nobody", ...entry })).toThrow(/unknownPerson/);
    expect(() => addParticipant(db, qm, documentId, { userId: staff.id, ...entry, endsOn: "2020-01-01" })).toThrow(
      /pastEnd/,
    );
    expect(documentAccess(db, staff, documentId)).toBe("none");
  });

  it("ends at removal, at the end date, and at release when so chosen, and the draft leaves Mina utkast", async () => {
    const { qm, staff, documentId } = await setting();
    const now = new Date("2026-12-07T09:00:00Z");
    addParticipant(db, qm, documentId, { userId: staff.id, role: "editor", endsOn: null, untilRelease: true }, now);
    expect(draftsNaming(db, staff.id, now).map((d) => d.id)).toEqual([documentId]);
    db.transaction((tx) => endParticipationAtRelease(tx, documentId, now));
    expect(documentAccess(db, staff, documentId, now)).toBe("none");
    expect(draftsNaming(db, staff.id, now)).toEqual([]);

    addParticipant(
      db,
      qm,
      documentId,
      { userId: staff.id, role: "commenter", endsOn: "2026-12-08", untilRelease: false },
      now,
    );
    expect(documentAccess(db, staff, documentId, now)).toBe("comment");
    const later = new Date("2026-12-09T09:00:00Z");
    expect(documentAccess(db, staff, documentId, later)).toBe("none");
    expect(endExpiredParticipation(db, later)).toBe(1);

    addParticipant(db, qm, documentId, { userId: staff.id, role: "editor", endsOn: null, untilRelease: false }, now);
    removeParticipant(db, qm, documentId, staff.id, now);
    expect(documentAccess(db, staff, documentId, now)).toBe("none");
  });

  it("lets the named person find the draft by search and links only while named", async () => {
    const { qm, staff, documentId } = await setting();
    expect(searchItems(db, staff, "Arbetsmiljöpolicy", ["document"])).toEqual([]);
    addParticipant(db, qm, documentId, { userId: staff.id, role: "editor", endsOn: null, untilRelease: false });
    const found = searchItems(db, staff, "Arbetsmiljöpolicy", ["document"]);
    expect(found.map((f) => f.href)).toEqual([`/dokument/${documentId}`]);
    const document = { id: documentId, status: "draft" as const, ownerId: qm.id };
    expect(can(staff, "edit", documentResourceFor(db, document, staff))).toBe(true);
  });
});
