import { createAction } from "#app/models/actions.server.ts";
import { createRisk } from "#app/models/risks.server.ts";
import { findUserByEmail } from "#app/models/users.server.ts";
import { openAs } from "#tests/fixtures/e2e-documents.ts";
import { anAction } from "#tests/fixtures/db.ts";
import { expect, test } from "#tests/fixtures/e2e.ts";

test("a risk owner corrects a risk, hands it to a colleague, and closes it with a reason: the history shows each change, and the closed risk is found apart", async ({
  browser,
  db,
  signIn,
  makeUser,
}) => {
  const owner = await makeUser("process_owner");
  const colleague = await makeUser("process_owner");
  const title = `Halt golv i entrén ${Date.now()}`;
  const id = createRisk(db, findUserByEmail(db, owner.email)!, {
    kind: "risk",
    title,
    category: "work_environment",
    cause: "Snö som följer med in",
    consequenceText: "Halkolycka",
    ownerId: owner.id,
    unitId: null,
    treatment: "reduce",
    nextReviewOn: "2030-01-01",
    inherent: { likelihood: 3, consequence: 3 },
    residual: { likelihood: 2, consequence: 3 },
  });
  const page = await openAs(browser, signIn, owner);
  await page.goto(`/risker/${id}`);
  await expect(page.getByText("Inga ändringar än.")).toBeVisible();

  await page.getByText("Ändra uppgifterna").click();
  await page.getByLabel("Orsak").fill("Snö och grus som följer med in");
  await page.getByLabel("Ägare").selectOption({ label: colleague.name });
  await page.getByRole("button", { name: "Spara ändringarna" }).click();
  await expect(page.getByText("Ändringarna är sparade.")).toBeVisible();
  const changes = page.getByRole("region", { name: "Ändringar" });
  await expect(changes.locator("ins", { hasText: "och grus" })).toBeVisible();
  await expect(changes.getByText(`Ägare: ${owner.name} → ${colleague.name}`)).toBeVisible();

  // The colleague now answers for it, and closes it once the mats are in place.
  const theirs = await openAs(browser, signIn, colleague);
  await theirs.goto(`/risker/${id}`);
  await theirs.getByText("Avsluta risken …").click();
  await theirs.getByLabel("Varför avslutas risken?").fill("Kort");
  await theirs.getByRole("button", { name: "Avsluta risken" }).click();
  await expect(theirs.getByRole("alert")).toContainText("minst 10 tecken");
  await theirs.getByLabel("Varför avslutas risken?").fill("Entrén har fått grusmattor och golvvärme.");
  await theirs.getByRole("button", { name: "Avsluta risken" }).click();
  await expect(theirs.getByText("Entrén har fått grusmattor och golvvärme.").first()).toBeVisible();
  await expect(theirs.getByText("Ändra uppgifterna")).toHaveCount(0);

  await theirs.goto("/risker");
  await expect(theirs.getByRole("link", { name: new RegExp(title) })).toHaveCount(0);
  await theirs.getByRole("link", { name: "Visa avslutade risker" }).click();
  await expect(theirs.getByRole("link", { name: new RegExp(title) })).toBeVisible();
});

test("an open action is corrected and handed to a colleague on its page; its history names what changed", async ({
  browser,
  db,
  signIn,
  makeUser,
}) => {
  const owner = await makeUser("process_owner");
  const colleague = await makeUser("staff");
  const id = createAction(db, findUserByEmail(db, owner.email)!, anAction(owner.id, "Sätt upp skylt om halkrisk"));
  const page = await openAs(browser, signIn, owner);
  await page.goto(`/atgarder/${id}`);
  await page.getByText("Ändra åtgärden …").click();
  await page.getByLabel("Vad ska göras").fill("Sätt upp skylt om halkrisk vid entrén");
  await page.getByLabel("Ansvarig").selectOption({ label: colleague.name });
  await page.getByRole("button", { name: "Spara ändringarna" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toContainText("vid entrén");
  await expect(page.getByText("Ändrad: vad ska göras, ansvarig")).toBeVisible();

  // The colleague finds it as theirs.
  const theirs = await openAs(browser, signIn, colleague);
  await theirs.goto("/start");
  await theirs.getByRole("region", { name: "Ditt ansvar" }).getByText("Åtgärder (1)").click();
  await expect(theirs.getByRole("link", { name: /Sätt upp skylt om halkrisk vid entrén/ })).toBeVisible();
});
