import { getDocument } from "#app/models/documents.server.ts";
import { setUserLocale } from "#app/models/users.server.ts";
import { expect, test } from "#tests/fixtures/e2e.ts";
import { openAs, releaseFirstVersion } from "#tests/fixtures/e2e-documents.ts";

test("the trail reads as sentences with links, in Swedish and English, and keeps its raw data behind a toggle", async ({
  browser,
  signIn,
  makeUser,
  makeDocument,
  db,
}) => {
  test.setTimeout(60_000);
  const qm = await makeUser("quality_manager");
  const id = await makeDocument(qm.email, "Vi gör rätt från början.");
  const title = getDocument(db, id)!.title;
  const page = await openAs(browser, signIn, qm);
  await releaseFirstVersion(page, id, qm);

  await page.goto("/sparbarhet");
  const released = page.getByRole("row").filter({ hasText: `${qm.name} gav ut ${title} version 1.0` });
  await expect(released).toBeVisible();
  await expect(page.getByRole("row").filter({ hasText: `${qm.name} godkände ${title}` })).toContainText(
    "och skrev under",
  );
  // No event keys or JSON in view; they are there, behind the toggle, for those who verify.
  await expect(released.getByText("release.created")).toBeHidden();
  await released.getByText("Visa uppgifter").click();
  await expect(released.getByText("release.created")).toBeVisible();
  await expect(released.getByText(/"version":"1\.0"/)).toBeVisible();
  // The subject is a link to the release itself.
  await released.getByRole("link", { name: `${title} version 1.0` }).click();
  await expect(page).toHaveURL(new RegExp(`/gallande/${id}/1\\.0$`));
  await expect(page.getByRole("heading", { level: 1 })).toContainText(title);

  setUserLocale(db, qm.id, "en");
  await page.goto("/sparbarhet");
  await expect(page.getByRole("row").filter({ hasText: `${qm.name} released ${title} version 1.0` })).toBeVisible();
  await expect(page.getByRole("row").filter({ hasText: `${qm.name} created the document ${title}` })).toBeVisible();

  // The external auditor reads the release's event as a sentence too, and nothing about the draft.
  const guest = await makeUser("external_auditor");
  const guestPage = await openAs(browser, signIn, guest);
  await guestPage.goto("/sparbarhet");
  await expect(guestPage.getByRole("row").filter({ hasText: `${qm.name} gav ut ${title} version 1.0` })).toBeVisible();
  await expect(guestPage.getByRole("row").filter({ hasText: `${qm.name} skapade dokumentet` })).toHaveCount(0);
});
