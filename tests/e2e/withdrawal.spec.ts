import { linkItems } from "#app/models/links.server.ts";
import { createAction } from "#app/models/actions.server.ts";
import { findUserByEmail } from "#app/models/users.server.ts";
import { anAction } from "#tests/fixtures/db.ts";
import { demo, expect, test } from "#tests/fixtures/e2e.ts";
import { approve, openAs, requestReview, withdraw } from "#tests/fixtures/e2e-documents.ts";

test("withdrawing a document in force is confirmed, signed and explained, and its readers are told what replaces it", async ({
  browser,
  signIn,
  makeUser,
  makeDocument,
  db,
}) => {
  test.setTimeout(90_000);
  const qm = await makeUser("quality_manager");
  const old = await makeDocument(qm.email, "Gamla rutinen för inköp.");
  const successor = await makeDocument(qm.email, "Nya rutinen för inköp.");
  const page = await openAs(browser, signIn, qm);
  for (const id of [old, successor]) {
    await requestReview(page, id, qm);
    await approve(page, id, qm, "Första versionen.");
    await expect(page.getByText("Version 1.0 är fastställd.")).toBeVisible();
  }
  await page.goto(`/gallande/${successor}`);
  const successorTitle = await page.locator("h1").innerText();
  // An action points at the old routine; its link must not break.
  const owner = findUserByEmail(db, demo.quality_manager)!;
  const action = createAction(db, owner, anAction(owner.id, `Byt inköpsrutin ${Date.now()}`));
  linkItems(db, owner, { kind: "action", id: action }, { kind: "document", id: old });

  // "Test" is no reason, a wrong password signs nothing, and the confirmation is required.
  await page.goto(`/dokument/${old}/granskning`);
  await withdraw(page, "Test", qm.password);
  await expect(page.getByText("Skriv ett skäl på minst 20 tecken.")).toBeVisible();
  // The refusal puts the cursor in the field to correct, as a person sees it; typing before
  // that landed the next words in whichever field had the cursor then.
  await expect(page.getByLabel("Skäl till att dokumentet upphävs")).toBeFocused();
  await withdraw(page, "Ersätts av den nya inköpsrutinen från i dag.", "fel lösenord", successorTitle);
  await expect(page.getByRole("alert").first()).toContainText("Lösenordet stämmer inte. Ingenting är upphävt.");
  await page.goto(`/gallande/${old}`);
  await expect(page.getByRole("heading", { name: "Dokumentet är upphävt" })).toHaveCount(0);

  await page.goto(`/dokument/${old}/granskning`);
  await withdraw(page, "Ersätts av den nya inköpsrutinen från i dag.", qm.password, successorTitle);
  await expect(page.getByText("Dokumentet är upphävt.")).toBeVisible();
  // The releases table no longer calls 1.0 in force.
  const row = page.getByRole("row").filter({ hasText: "Första versionen." });
  await expect(row).toContainText("Upphävd");
  await expect(row).not.toContainText("Gällande");

  // Staff are told, not sent to a bare 404: when, why, and what replaces it.
  const staff = await openAs(browser, signIn, { email: demo.staff });
  await staff.goto(`/gallande/${old}`);
  const notice = staff
    .getByRole("alert")
    .filter({ has: staff.getByRole("heading", { name: "Dokumentet är upphävt" }) });
  await expect(notice).toContainText("Skäl: Ersätts av den nya inköpsrutinen från i dag.");
  await expect(notice).toContainText("Det gäller inte sedan");
  await expect(staff.getByText("Gamla rutinen för inköp.")).toHaveCount(0);
  // The action's link shows the withdrawn state instead of disappearing.
  await staff.goto(`/atgarder/${action}`);
  const linked = staff.getByRole("region", { name: "Kopplat" });
  await expect(linked).toContainText("Upphävd");
  await staff.goto(`/gallande/${old}`);
  await staff.getByRole("link", { name: `Det ersätts av ${successorTitle}` }).click();
  await expect(staff.locator(".release-body")).toContainText("Nya rutinen för inköp.");
  await staff.context().close();
  await page.context().close();
});
