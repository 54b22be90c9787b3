import { expect, test } from "#tests/fixtures/e2e.ts";
import { openAs, releaseFirstVersion, requestReview, typeAtEnd } from "#tests/fixtures/e2e-documents.ts";

test("the approver decides first, reads the redline against the version in force, and a wrong password is shown where the eye is", async ({
  browser,
  signIn,
  makeUser,
  makeDocument,
}) => {
  test.setTimeout(90_000);
  const qm = await makeUser("quality_manager");
  const id = await makeDocument(qm.email, "Alla leveranser kontrolleras.");
  const page = await openAs(browser, signIn, qm, { viewport: { width: 1280, height: 720 } });
  await releaseFirstVersion(page, id, qm);

  await page.goto(`/dokument/${id}`);
  await typeAtEnd(page, " Avvikande leveranser spärras.");
  await requestReview(page, id, qm);

  await page.goto(`/dokument/${id}/granskning`);
  // The decision comes before the text it decides on.
  const decision = page.getByRole("region", { name: "Ditt beslut" });
  const changes = page.getByRole("region", { name: "Ändringar mot version 1.0" });
  await expect(decision).toBeVisible();
  const [decisionBox, changesBox] = [(await decision.boundingBox())!, (await changes.boundingBox())!];
  expect(decisionBox.y).toBeLessThan(changesBox.y);
  // The redline shows what approving would change; the whole candidate waits behind a toggle.
  await expect(changes.locator(".diff ins")).toContainText("Avvikande leveranser spärras.");
  await expect(page.locator("details.candidate")).not.toHaveAttribute("open", "");
  // Roles and units are two groups; rejecting is apart, folded.
  const readers = decision.getByRole("group", { name: "Läskvittens krävs av" });
  await expect(readers.getByRole("group", { name: "Roller" }).getByLabel("Medarbetare")).toBeVisible();
  await expect(decision.getByRole("button", { name: "Avslå" })).toBeHidden();
  await expect(decision.getByText("Avslå i stället …")).toBeVisible();

  // A wrong password: the refusal stands beside the button, in view, and takes the focus.
  await decision.getByLabel("Sammanfattning av ändringen").fill("Spärr av avvikande leveranser.");
  await decision.getByLabel("Ditt lösenord", { exact: true }).fill("inte mitt lösenord");
  await decision.getByRole("button", { name: "Fastställ och underteckna" }).click();
  const refusal = decision.getByRole("alert").filter({ hasText: "Lösenordet stämmer inte. Inget är fastställt." });
  await expect(refusal).toBeFocused();
  await expect(refusal).toBeInViewport();
  await expect(page.getByText("Lösenordet stämmer inte. Inget är fastställt.")).toHaveCount(1);
});
