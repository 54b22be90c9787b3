import { getDocument } from "#app/models/documents.server.ts";
import { expect, test } from "#tests/fixtures/e2e.ts";
import { approve, editorText, openAs, requestReview } from "#tests/fixtures/e2e-documents.ts";

test("a quality manager invites a staff member to a policy draft, they write it together, and removing them closes their editor", async ({
  browser,
  signIn,
  makeUser,
  makeDocument,
  db,
}) => {
  test.setTimeout(90_000);
  const qm = await makeUser("quality_manager");
  const sara = await makeUser("staff");
  const documentId = await makeDocument(qm.email, "Vi arbetar säkert.");

  // The policy in force is 1.0; the workshop works on the next draft.
  const qmPage = await openAs(browser, signIn, qm);
  await requestReview(qmPage, documentId, qm);
  await approve(qmPage, documentId, qm, "Första versionen.");
  await expect(qmPage.getByText("Version 1.0 är fastställd.")).toBeVisible();

  // Before she is named, the draft is not Sara's: she reads the release.
  const saraPage = await openAs(browser, signIn, sara);
  const refused = await saraPage.goto(`/dokument/${documentId}`);
  expect(refused?.status()).toBe(403);
  await expect(saraPage.getByRole("navigation").getByRole("link", { name: "Mina utkast" })).toHaveCount(0);

  // The quality manager names her as an editor until the release.
  await qmPage.goto(`/dokument/${documentId}`);
  await qmPage.getByText("Deltagare i utkastet (0)").click();
  const panel = qmPage.getByRole("region", { name: "Deltagare i utkastet" });
  await panel.getByLabel("Person").selectOption({ label: sara.name });
  await panel.getByLabel("Får").selectOption({ label: "Redigera" });
  await panel.getByRole("button", { name: "Bjud in" }).click();
  await expect(panel.getByText("Personen är inbjuden och har fått en notis.")).toBeVisible();
  await expect(panel.getByRole("listitem").filter({ hasText: sara.name })).toContainText("till fastställelsen");
  // The form starts empty again: a second click would not name anyone twice.
  await expect(panel.getByLabel("Person")).toHaveValue("");

  // Sara finds it under Mina utkast and writes in the live editor; both see each other's text.
  await saraPage.goto("/start");
  await saraPage.getByRole("navigation").getByRole("link", { name: "Mina utkast" }).click();
  // This draft by its title: other flows' releases for staff to read are listed here too.
  await saraPage.getByRole("link", { name: getDocument(db, documentId)!.title, exact: true }).click();
  await expect(saraPage.getByRole("status").filter({ hasText: "Ansluten" })).toBeVisible();
  const saraEditor = saraPage.locator(".ProseMirror");
  await expect(saraEditor).toBeVisible();
  await saraEditor.focus();
  await saraPage.keyboard.press("Control+End");
  await saraPage.keyboard.type(" Skyddsombudet deltar.");
  await expect.poll(() => editorText(qmPage)).toContain("Vi arbetar säkert. Skyddsombudet deltar.");
  const qmEditor = qmPage.locator(".ProseMirror");
  await qmEditor.focus();
  await qmPage.keyboard.press("Control+End");
  await qmPage.keyboard.type(" Alla vet hur.");
  await expect.poll(() => editorText(saraPage)).toContain("Skyddsombudet deltar. Alla vet hur.");
  await expect(saraPage.getByText("Allt sparat")).toBeVisible();
  // Her name beside the caret is the directory's, whatever her browser says.
  await expect(qmPage.getByRole("list", { name: /person till är här/ })).toContainText(sara.name);

  // Removed, her open editor closes at once: the page says the draft is not hers and leads to the release.
  await panel.getByRole("button", { name: `Ta bort ${sara.name}` }).click();
  await expect(panel.getByText("Personen är borttagen.", { exact: false })).toBeVisible();
  await expect(saraPage.getByRole("heading", { name: "Utkastet är inte öppet för dig" })).toBeVisible();
  await expect(saraPage.locator(".ProseMirror")).toHaveCount(0);

  // Afterwards she reads only the release: the draft is refused, the release is there.
  const after = await saraPage.goto(`/dokument/${documentId}`);
  expect(after?.status()).toBe(403);
  await saraPage.getByRole("link", { name: "Läs gällande version" }).click();
  await expect(saraPage.locator(".release-meta")).toContainText("1.0");
  await expect(saraPage.locator("main")).toContainText("Vi arbetar säkert.");
  await expect(saraPage.locator("main")).not.toContainText("Skyddsombudet deltar.");
  await saraPage.goto("/mina-utkast");
  await expect(saraPage.getByText("Du är inte inbjuden till något utkast just nu.")).toBeVisible();
  await saraPage.context().close();
  await qmPage.context().close();
});
