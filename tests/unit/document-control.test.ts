import { beforeEach, describe, expect, it } from "vitest";
import { acknowledge, acknowledgementProgress, toRead } from "#app/models/acknowledgements.server.ts";
import { writeInitialContent } from "#app/models/document-content.server.ts";
import { createDocument, withdrawDocument } from "#app/models/documents.server.ts";
import { diffReleaseIds, diffReleases } from "#app/models/release-diff.server.ts";
import { currentRelease, listCurrent, listReleases, verifyReleases, versionOf } from "#app/models/releases.server.ts";
import { completeReviewWithoutChange, reviewsDue } from "#app/models/review-dates.server.ts";
import {
  approveReview,
  giveOpinion,
  listReviewRounds,
  rejectReview,
  requestReview,
} from "#app/models/review-rounds.server.ts";
import { verifyTrail } from "#app/models/trail.server.ts";
import type { User } from "#app/models/users.server.ts";
import type { DbConnection } from "#db/client.ts";
import { createTestDb, makeUser } from "#tests/fixtures/db.ts";

const PASSWORD = "correct horse battery";
let db: DbConnection;
let author: User;
let approver: User;
let reviewer: User;
let staff: User;
let docId: string;

const paragraph = (text: string) => ({ type: "paragraph", content: [{ type: "text", text }] });
const write = (...texts: string[]) => writeInitialContent(db, docId, texts.map(paragraph));

function request(by = author) {
  const id = requestReview(db, by, docId, { approverId: approver.id, reviewerIds: [reviewer.id], message: "" });
  return listReviewRounds(db, docId).find((r) => r.id === id)!;
}

const approval = (hash: string, extra: Partial<Parameters<typeof approveReview>[3]> = {}) => ({
  candidateHash: hash,
  password: PASSWORD,
  step: "major" as const,
  effectiveOn: "2026-01-01",
  summary: "Första utgåvan",
  readers: [{ kind: "role" as const, value: "staff" }],
  ...extra,
});

beforeEach(async () => {
  db = createTestDb();
  author = await makeUser(db, { role: "process_owner" });
  approver = await makeUser(db, { role: "quality_manager" });
  reviewer = await makeUser(db, { role: "auditor" });
  staff = await makeUser(db, { role: "staff" });
  docId = createDocument(db, author, {
    title: "Rutin för avvikelsehantering",
    type: "routine",
    ownerId: author.id,
    unitId: null,
    areas: ["quality"],
    tags: [],
  });
  write("Alla avvikelser rapporteras samma dag.");
});

describe("review and approval", () => {
  it("approves exactly the frozen candidate, not later edits to the draft", async () => {
    const review = request();
    write("Alla avvikelser rapporteras samma dag.", "Ett stycke skrivet efter att kandidaten låstes.");
    const release = await approveReview(db, approver, review.id, approval(review.candidateHash));
    expect(versionOf(release)).toBe("1.0");
    expect(release.contentHash).toBe(review.candidateHash);
    const [stored] = listReleases(db, docId);
    expect(stored!.id).toBe(release.id);
    expect(listCurrent(db, { q: "låstes" })).toEqual([]);
    expect(listCurrent(db, { q: "avvikelser" }).map((r) => r.id)).toEqual([release.id]);
  });

  it("refuses a wrong password, another approver and an outdated candidate, and changes nothing", async () => {
    const first = request();
    await expect(
      approveReview(db, approver, first.id, approval(first.candidateHash, { password: "fel" })),
    ).rejects.toThrow("reviewRound.wrongPassword");
    await expect(approveReview(db, author, first.id, approval(first.candidateHash))).rejects.toThrow(
      "reviewRound.notApprover",
    );
    write("Ny text.");
    const second = request();
    await expect(approveReview(db, approver, first.id, approval(first.candidateHash))).rejects.toThrow(
      "reviewRound.notOpen",
    );
    await expect(approveReview(db, approver, second.id, approval(first.candidateHash))).rejects.toThrow(
      "reviewRound.outdatedCandidate",
    );
    expect(listReleases(db, docId)).toEqual([]);
    expect(listReviewRounds(db, docId).map((r) => r.status)).toEqual(["open", "replaced"]);
  });

  it("lets named reviewers accept or comment, and the approver reject with a comment", async () => {
    const review = request();
    expect(() => giveOpinion(db, staff, review.id, { verdict: "accepted", comment: "" })).toThrow(
      "reviewRound.notReviewer",
    );
    giveOpinion(db, reviewer, review.id, { verdict: "commented", comment: "Lägg till vem som ansvarar." });
    rejectReview(db, approver, review.id, { candidateHash: review.candidateHash, comment: "Ansvar saknas." });
    const [round] = listReviewRounds(db, docId);
    expect(round!.status).toBe("rejected");
    expect(round!.reviewers[0]).toMatchObject({ verdict: "commented", comment: "Lägg till vem som ansvarar." });
    await expect(approveReview(db, approver, review.id, approval(review.candidateHash))).rejects.toThrow(
      "reviewRound.notOpen",
    );
  });

  it("only an eligible, named approver can be chosen", () => {
    expect(() => requestReview(db, author, docId, { approverId: staff.id, reviewerIds: [], message: "" })).toThrow(
      "reviewRound.approverNotAllowed",
    );
    expect(() => requestReview(db, staff, docId, { approverId: approver.id, reviewerIds: [], message: "" })).toThrow(
      "reviewRound.notAllowed",
    );
  });
});

describe("releases", () => {
  async function release(text: string[], step: "major" | "minor", effectiveOn = "2026-01-01") {
    write(...text);
    const review = request();
    return approveReview(db, approver, review.id, approval(review.candidateHash, { step, effectiveOn }));
  }

  it("numbers releases, supersedes the previous one, and diffs them word by word", async () => {
    const first = await release(["Rapportera samma dag."], "major");
    const second = await release(["Rapportera inom en timme."], "minor", "2026-02-01");
    expect([versionOf(first), versionOf(second)]).toEqual(["1.0", "1.1"]);
    expect(currentRelease(db, docId, new Date("2026-03-01"))?.id).toBe(second.id);
    // Before 1.1 takes effect, 1.0 still applies.
    expect(currentRelease(db, docId, new Date("2026-01-15"))?.id).toBe(first.id);
    const diff = diffReleases(db, docId, "1.0", "1.1");
    expect(diff.changed).toBe(true);
    expect(diff.html).toBe("<p>Rapportera <del>samma dag.</del><ins>inom en timme.</ins></p>");
  });

  it("cannot be changed or deleted, even with SQL", async () => {
    const first = await release(["Text."], "major");
    expect(() => db.$client.prepare("update releases set html = '<p>ändrad</p>' where id = ?").run(first.id)).toThrow(
      /immutable/,
    );
    expect(() => db.$client.prepare("delete from releases where id = ?").run(first.id)).toThrow(/immutable/);
  });

  it("names a release whose row was changed behind the triggers' back", async () => {
    const first = await release(["Text."], "major");
    expect(verifyReleases(db)).toEqual({ ok: true, checked: 1 });
    db.$client.exec("drop trigger releases_no_update");
    db.$client.prepare("update releases set html = '<p>Förfalskad</p>' where id = ?").run(first.id);
    expect(verifyReleases(db)).toMatchObject({ ok: false, releaseId: first.id, version: "1.0" });
  });

  it("refuses to diff releases of two different documents", async () => {
    const first = await release(["Text."], "major");
    const otherId = createDocument(db, author, {
      title: "Annan",
      type: "routine",
      ownerId: author.id,
      unitId: null,
      areas: [],
      tags: [],
    });
    writeInitialContent(db, otherId, [paragraph("Annat.")]);
    const otherReview = requestReview(db, author, otherId, { approverId: approver.id, reviewerIds: [], message: "" });
    const hash = listReviewRounds(db, otherId)[0]!.candidateHash;
    const other = await approveReview(db, approver, otherReview, approval(hash));
    expect(() => diffReleaseIds(db, docId, first.id, other.id)).toThrow("release.otherDocument");
  });

  it("search takes any text, FTS syntax included, without error", async () => {
    await release(["Avvikelsehantering och rapportering."], "major");
    for (const q of ['"', "AND OR NOT", "avv*", "(", "NEAR(a b)", "col:x", "'; drop table releases; --"]) {
      expect(() => listCurrent(db, { q }), q).not.toThrow();
    }
    const [hit] = listCurrent(db, { q: "avvikelse" });
    expect(hit?.snippet).toContain("\u0001Avvikelsehantering\u0002");
  });

  it("takes a withdrawn document out of the current lists", async () => {
    await release(["Text."], "major");
    await withdrawDocument(db, author, docId, {
      reason: "Ersätts av ny rutin av en nyare version.",
      password: PASSWORD,
      replacedBy: null,
    });
    expect(listCurrent(db)).toEqual([]);
    expect(currentRelease(db, docId)).toBeDefined();
    // Nor can it be confirmed as still right, or withdrawn a second time.
    expect(() => completeReviewWithoutChange(db, author, docId, "Fortfarande aktuell")).toThrow("reviewDate.withdrawn");
    await expect(
      withdrawDocument(db, author, docId, {
        reason: "En gång till, för säkerhets skull.",
        password: PASSWORD,
        replacedBy: null,
      }),
    ).rejects.toThrow("document.archived");
  });
});

describe("read acknowledgements and review dates", () => {
  it("asks the chosen roles to read the current release, once, and records it in the trail", async () => {
    write("Text.");
    const review = request();
    const release = await approveReview(db, approver, review.id, approval(review.candidateHash));
    expect(toRead(db, staff).map((r) => r.id)).toEqual([release.id]);
    expect(toRead(db, reviewer)).toEqual([]);
    acknowledge(db, staff, release.id);
    acknowledge(db, staff, release.id);
    expect(toRead(db, staff)).toEqual([]);
    expect(acknowledgementProgress(db, release.id)).toMatchObject({ done: 1, readers: [{ id: staff.id }] });
    expect(() => db.$client.prepare("delete from acknowledgements").run()).toThrow(/append-only/);
    expect(verifyTrail(db).ok).toBe(true);
  });

  it("sets the next review from the release, and 'reviewed, no change' moves it without a new version", async () => {
    write("Text.");
    const review = request();
    await approveReview(db, approver, review.id, approval(review.candidateHash, { effectiveOn: "2025-01-10" }));
    expect(reviewsDue(db, {}, new Date("2026-02-01"))).toMatchObject([
      { id: docId, nextReviewOn: "2026-01-10", overdue: true },
    ]);
    const next = completeReviewWithoutChange(db, author, docId, "Fortfarande aktuell", new Date("2026-02-01"));
    expect(next).toBe("2027-02-01");
    expect(reviewsDue(db, {}, new Date("2026-02-01"))).toEqual([]);
    expect(listReleases(db, docId)).toHaveLength(1);
  });
});
