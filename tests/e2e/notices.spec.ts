import { getDocument } from "#app/models/documents.server.ts";
import {
  approveReview,
  giveOpinion,
  listReviewRounds,
  rejectReview,
  requestReview,
} from "#app/models/review-rounds.server.ts";
import { expect, test } from "#tests/fixtures/e2e.ts";
import { approve, openAs, requestReview as requestInBrowser } from "#tests/fixtures/e2e-documents.ts";

test("notices say who did what from the reader's side: an opinion is not a request, and who must acknowledge is shown to all", async ({
  browser,
  signIn,
  makeUser,
  makeDocument,
  db,
}) => {
  test.setTimeout(60_000);
  const author = await makeUser("quality_manager");
  const reviewer = await makeUser("auditor");
  const owner = await makeUser("process_owner");
  const documentId = await makeDocument(author.email, "Rutin för mottagningskontroll.");

  // The reviewer accepts; the author is told that, not asked to review.
  const reviewId = requestReview(db, { id: author.id, role: "quality_manager" }, documentId, {
    approverId: author.id,
    reviewerIds: [reviewer.id],
    message: "",
  });
  giveOpinion(db, { id: reviewer.id, role: "auditor" }, reviewId, { verdict: "accepted", comment: "" });
  const authorPage = await openAs(browser, signIn, author);
  await authorPage.goto("/notiser");
  await expect(authorPage.getByRole("link", { name: `${reviewer.name} har lämnat sin bedömning av` })).toBeVisible();
  await expect(authorPage.getByRole("link", { name: `${reviewer.name} vill att du granskar` })).toHaveCount(0);

  // Approved with acknowledgement by staff: a process owner who does not keep it sees who must read it.
  await requestInBrowser(authorPage, documentId, author);
  await approve(authorPage, documentId, author, "Första versionen.");
  await expect(authorPage.getByText("Version 1.0 är fastställd.")).toBeVisible();
  const ownerPage = await openAs(browser, signIn, owner);
  await ownerPage.goto(`/dokument/${documentId}/granskning`);
  const row = ownerPage.getByRole("row").filter({ hasText: "Första versionen." });
  await expect(row).toContainText("Kvittens krävs av: Medarbetare");
  await expect(row).not.toContainText("Ingen kvittens krävs");
  await authorPage.context().close();
  await ownerPage.context().close();

  // The one who asked is told which decision: rejected, then approved, by whom.
  const routine = await makeDocument(owner.email, "Rutin för inleverans.");
  const title = getDocument(db, routine)!.title;
  const asOwner = { id: owner.id, role: "process_owner" as const };
  const asAuthor = { id: author.id, role: "quality_manager" as const };
  const ask = () => requestReview(db, asOwner, routine, { approverId: author.id, reviewerIds: [], message: "" });
  const hashOf = (id: string) => listReviewRounds(db, routine).find((r) => r.id === id)!.candidateHash;
  const first = ask();
  rejectReview(db, asAuthor, first, { candidateHash: hashOf(first), comment: "Saknar ansvarsfördelning." });
  const second = ask();
  await approveReview(db, asAuthor, second, {
    candidateHash: hashOf(second),
    password: author.password,
    step: "major",
    effectiveOn: "2026-01-01",
    summary: "Första versionen.",
    readers: [],
  });
  const ownerNotices = await openAs(browser, signIn, owner);
  await ownerNotices.goto("/notiser");
  await expect(ownerNotices.getByRole("link", { name: `${author.name} har avslagit “${title}”` })).toBeVisible();
  await expect(ownerNotices.getByRole("link", { name: `${author.name} har fastställt “${title}”` })).toBeVisible();
  await ownerNotices.context().close();
});
