import fs from "node:fs";
import path from "node:path";
import { beforeEach, describe, expect, it } from "vitest";
import { writeInitialContent } from "#app/models/document-content.server.ts";
import { createDocument } from "#app/models/documents.server.ts";
import { approveReview, requestReview, listReviewRounds } from "#app/models/review-rounds.server.ts";
import { trailStory } from "#app/models/trail-story.server.ts";
import type { User } from "#app/models/users.server.ts";
import en from "#app/i18n/en.ts";
import sv from "#app/i18n/sv.ts";
import type { DbConnection } from "#db/client.ts";
import { actionStatuses, delegationStatuses } from "#app/domain/values.ts";
import { createTestDb, makeUser } from "#tests/fixtures/db.ts";

/** Every event kind the code can append: literal types, and the families built from a word. */
function emittedTypes(): string[] {
  const found = new Set<string>();
  const walk = (dir: string) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const file = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(file);
      else if (/\.tsx?$/.test(entry.name)) {
        const source = fs.readFileSync(file, "utf8");
        // The `type` of each appended event: a literal, or one of two literals.
        for (const call of source.split("appendTrailEvent(").slice(1)) {
          const type = /type: ([^,\n]+)/.exec(call)?.[1] ?? "";
          for (const m of type.matchAll(/"([a-zA-Z]+\.[a-zA-Z_]+)"/g)) found.add(m[1]!);
        }
        // deviations.server.ts: trail(tx, actor, id, "<what>", …)
        for (const m of source.matchAll(/trail\(tx, actor, id, "([a-zA-Z]+)"/g)) found.add(`report.${m[1]}`);
      }
    }
  };
  walk("app/models");
  for (const status of actionStatuses) found.add(`action.${status}`);
  for (const kind of ["created", "assigned", "postponed", "followUp"]) found.add(`action.${kind}`);
  for (const status of delegationStatuses) found.add(`delegation.${status}`);
  for (const move of ["answer", "return", "close", "reopen"]) found.add(`finding.${move}`);
  return [...found].sort();
}

describe("the trail as sentences", () => {
  it("has a sentence in Swedish and English for every event the code appends", () => {
    const types = emittedTypes();
    expect(types.length).toBeGreaterThan(60);
    const missing = (catalogue: { trail: { sentences: Record<string, string> } }) =>
      types.filter((type) => !catalogue.trail.sentences[type]);
    expect(missing(sv)).toEqual([]);
    expect(missing(en)).toEqual([]);
  });

  it("names who did it in every sentence but the password change, and never holds a raw key", () => {
    for (const catalogue of [sv, en]) {
      for (const [type, sentence] of Object.entries(catalogue.trail.sentences)) {
        if (type !== "user.passwordChanged") expect(sentence, type).toContain("{{actor}}");
        expect(sentence, type).not.toMatch(/[a-z]+\.[a-z]+/i);
      }
    }
  });

  describe("subjects", () => {
    let db: DbConnection;
    let karin: User;

    let externalAuditor: User;
    let docId: string;

    beforeEach(async () => {
      db = createTestDb();
      karin = await makeUser(db, { role: "quality_manager", name: "Karin Kvist" });

      externalAuditor = await makeUser(db, {
        role: "external_auditor",
        accessExpiresAt: new Date(Date.now() + 86_400_000),
      });
      docId = createDocument(db, karin, {
        title: "Kvalitetspolicy",
        type: "policy",
        ownerId: karin.id,
        unitId: null,
        areas: ["quality"],
        tags: [],
      });
      writeInitialContent(db, docId, [{ type: "paragraph", content: [{ type: "text", text: "Vi gör rätt." }] }]);
      requestReview(db, karin, docId, { approverId: karin.id, reviewerIds: [], message: "" });
      const review = listReviewRounds(db, docId)[0]!;
      await approveReview(db, karin, review.id, {
        candidateHash: review.candidateHash,
        password: "correct horse battery",
        step: "major",
        effectiveOn: "2026-01-01",
        summary: "Första utgåvan",
        readers: [{ kind: "role", value: "staff" }],
      });
    });

    it("are looked up from the records, with the release's version and its page", () => {
      const story = trailStory(db, karin);
      const released = story.find((e) => e.type === "release.created")!;
      expect(released.actorName).toBe("Karin Kvist");
      expect(released.subject).toEqual({
        title: "Kvalitetspolicy",
        version: "1.0",
        href: expect.stringMatching(new RegExp(`^/gallande/${docId}/1\\.0$`)),
      });
      const created = story.find((e) => e.type === "document.created")!;
      // The document as the register names it: its title and the version in force.
      expect(created.subject).toEqual({ title: "Kvalitetspolicy 1.0", href: `/dokument/${docId}` });
    });

    it("show each reader only what they may see: the external auditor the release, not the draft's events", () => {
      const story = trailStory(db, externalAuditor);
      expect(story.map((e) => e.type)).toContain("release.created");
      expect(story.map((e) => e.type)).not.toContain("document.created");
    });
  });
});
