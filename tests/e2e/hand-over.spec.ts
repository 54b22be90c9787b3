import { createAction } from "#app/models/actions.server.ts";
import { createRisk } from "#app/models/risks.server.ts";
import { findUserByEmail } from "#app/models/users.server.ts";
import { openAs } from "#tests/fixtures/e2e-documents.ts";
import { demo, expect, test } from "#tests/fixtures/e2e.ts";
import { anAction } from "#tests/fixtures/db.ts";

test("a process owner leaves: the quality manager hands their document, risk and action over to two successors, who find them on Start", async ({
  browser,
  db,
  signIn,
  makeUser,
  makeDocument,
}) => {
  test.setTimeout(60_000);
  const leaving = await makeUser("process_owner");
  const anna = await makeUser("process_owner");
  const bo = await makeUser("staff");
  const owner = findUserByEmail(db, leaving.email)!;
  await makeDocument(leaving.email, "Leveranser kontrolleras.");
  createRisk(db, owner, {
    kind: "risk",
    title: "Trasig våg i godsmottagningen",
    category: "quality",
    cause: "Ingen kalibrering",
    consequenceText: "Fel vikt till kund",
    ownerId: owner.id,
    unitId: null,
    treatment: "reduce",
    nextReviewOn: "2030-01-01",
    inherent: { likelihood: 3, consequence: 3 },
    residual: { likelihood: 2, consequence: 3 },
  });
  createAction(db, owner, anAction(owner.id, "Kalibrera vågen i godsmottagningen"));

  // The administrator is warned, and deactivating is stopped: three things would be left without anyone.
  const admin = await openAs(browser, signIn, { email: demo.admin });
  await admin.goto(`/admin/anvandare/${leaving.id}`);
  await expect(admin.getByText(`${leaving.name} ansvarar fortfarande för 3 saker.`)).toBeVisible();
  await admin.getByRole("button", { name: "Inaktivera konto" }).click();
  await expect(admin.getByRole("alert")).toContainText("Personen ansvarar fortfarande för saker.");

  const qm = await openAs(browser, signIn, { email: demo.quality_manager });
  await qm.goto(`/admin/anvandare/${leaving.id}`);
  await expect(qm.getByText(`${leaving.name} ansvarar för 3 saker som behöver någon annan.`)).toBeVisible();
  await qm.getByRole("link", { name: "Lämna över ansvar" }).click();
  await expect(qm.getByRole("heading", { level: 1 })).toHaveText(`Lämna över ${leaving.name}s ansvar`);

  // Nobody chosen: nothing passes, and the rows say what is missing.
  await qm.getByRole("button", { name: "Lämna över" }).click();
  await expect(qm.getByRole("alert").first()).toContainText("så inget är överlämnat");
  await expect(qm.getByText("Välj en efterträdare.").first()).toBeVisible();

  // Anna takes everything but the action, which goes to Bo.
  await qm.getByLabel("Efterträdare för allt").selectOption({ label: anna.name });
  await qm.getByLabel(/^Efterträdare för \d+\. Kalibrera vågen i godsmottagningen$/).selectOption({
    label: bo.name,
  });
  await qm.getByRole("button", { name: "Lämna över" }).click();
  await expect(qm.getByText("3 saker är överlämnade. Efterträdarna har fått en notis.")).toBeVisible();
  await admin.reload();
  await expect(admin.getByText(`${leaving.name} ansvarar inte för något just nu.`)).toBeVisible();
  await admin.getByRole("button", { name: "Inaktivera konto" }).click();
  await expect(admin.getByText("Kontot är inaktiverat och alla inloggningar är avslutade.")).toBeVisible();

  const annasStart = await openAs(browser, signIn, anna);
  await annasStart.goto("/start");
  const hers = annasStart.getByRole("region", { name: "Ditt ansvar" });
  await hers.getByText("Dokument som ägare (1)").click();
  await expect(hers.getByRole("link", { name: /Testdokument/ })).toBeVisible();
  await hers.getByText("Risker som ägare (1)").click();
  await expect(hers.getByRole("link", { name: /Trasig våg i godsmottagningen/ })).toBeVisible();
  await expect(hers.getByText(/Åtgärder/)).toHaveCount(0);

  const bosStart = await openAs(browser, signIn, bo);
  await bosStart.goto("/start");
  const his = bosStart.getByRole("region", { name: "Ditt ansvar" });
  await his.getByText("Åtgärder (1)").click();
  await expect(his.getByRole("link", { name: /Kalibrera vågen i godsmottagningen/ })).toBeVisible();
  await bosStart.goto("/notiser");
  await expect(bosStart.getByText(/har lämnat över ansvar till dig/)).toBeVisible();
});
