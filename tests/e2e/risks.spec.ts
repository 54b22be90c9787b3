import { demo, expect, test } from "#tests/fixtures/e2e.ts";

test("a risk gets an action with an effect plan; once the effect is verified, the reassessed residual risk moves on the heat map", async ({
  page,
  signIn,
}) => {
  await signIn(page.context(), demo.quality_manager);
  const title = `Felvägning ${Date.now()}`;
  await page.goto("/risker/ny");
  await page.getByLabel("Benämning").fill(title);
  await page.getByLabel("Orsak").fill("Vågen kalibreras sällan.");
  await page.getByLabel("Konsekvens", { exact: true }).first().fill("Fel vikt till kund.");
  const inherent = page.getByRole("group", { name: "Inneboende risk" });
  await inherent.getByLabel("Sannolikhet").selectOption("5");
  await inherent.getByLabel("Konsekvens").selectOption("4");
  const residual = page.getByRole("group", { name: "Kvarvarande risk" });
  await residual.getByLabel("Sannolikhet").selectOption("5");
  await residual.getByLabel("Konsekvens").selectOption("4");
  await page.getByRole("button", { name: "Registrera" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toContainText(title);
  const riskUrl = page.url();

  // The residual matrix counts it at likelihood 5, consequence 4.
  await page.goto("/risker");
  const cell = (likelihood: number, consequence: number) =>
    page.getByRole("link", { name: new RegExp(`med sannolikhet ${likelihood} och konsekvens ${consequence} `) });
  const before = Number((await cell(5, 4).textContent()) || 0);
  expect(before).toBeGreaterThan(0);

  // An action for the risk, with its effect plan, done and verified.
  await page.goto(riskUrl);
  await page.getByRole("link", { name: "Ny åtgärd för risken" }).click();
  await page.getByLabel("Vad ska göras").fill("Kalibrera vågen varje vecka");
  await page.getByLabel("Varför").fill(`Risken ${title}.`);
  await page.getByLabel("Klart senast").fill("2026-12-01");
  await page.getByLabel("Hur effekten ska kontrolleras").fill("Stickprov på tio leveranser.");
  await page.getByLabel("Mått eller stickprov").fill("Viktavvikelser per månad");
  await page.getByLabel("Kontrolleras senast").fill("2027-01-15");
  await page.getByRole("button", { name: "Skapa åtgärd" }).click();
  await expect(page.getByRole("region", { name: "Kopplat" })).toContainText(title);
  await page.getByRole("button", { name: "Markera som genomförd" }).click();
  await page.getByLabel("Resultat av effektkontrollen").fill("Inga viktavvikelser på tre månader.");
  await page.getByRole("button", { name: "Effekten är verifierad" }).click();
  await expect(page.locator(".document-meta")).toContainText("Effekt verifierad");

  // The owner reassesses the residual risk, and the heat map follows.
  await page.goto(riskUrl);
  await expect(page.getByRole("region", { name: "Kopplat" })).toContainText("Effekt verifierad");
  await page.getByText("Gör en ny bedömning").click();
  const again = page.getByRole("group", { name: "Kvarvarande risk" });
  await again.getByLabel("Sannolikhet").selectOption("2");
  await again.getByLabel("Konsekvens").selectOption("3");
  await page.getByLabel("Vad har ändrats").fill("Veckovis kalibrering verifierad.");
  await page.getByRole("button", { name: "Spara bedömningen" }).click();
  await expect(page.locator(".facts")).toContainText("minskat sedan förra bedömningen");

  await page.goto("/risker");
  expect(Number((await cell(5, 4).textContent()) || 0)).toBe(before - 1);
  await cell(2, 3).click();
  await expect(page.getByRole("table", { name: "Risker", exact: true })).toContainText(title);
});

test("a risk analysis before a change gathers the risks it finds and is concluded with a conclusion that stays", async ({
  page,
  signIn,
}) => {
  await signIn(page.context(), demo.process_owner);
  const change = `Nytt plocksystem ${Date.now()}`;
  await page.goto("/risker");
  await page.getByRole("link", { name: "Riskanalyser inför ändringar" }).click();
  // The form stands open while there is no analysis yet; otherwise it is folded.
  const form = page.locator("details", { hasText: "Ny riskanalys inför ändring" });
  if ((await form.getAttribute("open")) === null) await page.getByText("Ny riskanalys inför ändring").click();
  await page.getByRole("button", { name: "Skapa analysen" }).click();
  await expect(page.getByText("Fyll i fältet.").first()).toBeVisible();
  await page.getByLabel("Vilken ändring gäller det?").fill(change);
  await page.getByLabel("Typ av ändring").selectOption({ label: "Arbetsmetod" });
  await page.getByLabel("Beskrivning av ändringen").fill("Handdatorer i stället för papperslistor.");
  await page.getByLabel("Vilka deltog i analysen").fill("Lagerpersonal, skyddsombud, lagerchef");
  await page.getByLabel("Ändringen planeras till").fill("2027-02-01");
  await page.getByRole("button", { name: "Skapa analysen" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toContainText(change);

  await page.getByRole("link", { name: "Ny risk från analysen" }).click();
  await expect(page.getByText(`Risken kopplas till Ä`)).toBeVisible();
  await page.getByLabel("Benämning").fill("Förslitningsskador av handdatorer");
  await page.getByLabel("Orsak").fill("Ensidigt arbete.");
  await page.getByLabel("Konsekvens", { exact: true }).first().fill("Sjukskrivning.");
  await page.getByRole("button", { name: "Registrera" }).click();
  await expect(page.getByRole("region", { name: "Kopplat" })).toContainText(change);

  await page
    .getByRole("region", { name: "Kopplat" })
    .getByRole("link", { name: new RegExp(change) })
    .click();
  await expect(page.getByText("Analysen har hittat 1 risk.")).toBeVisible();
  await page.getByLabel("Slutsats").fill("Genomförs med pauser var 45:e minut.");
  await page.getByRole("button", { name: "Avsluta analysen" }).click();
  await expect(page.getByText("Analysen är avslutad.")).toBeVisible();
  await expect(page.locator(".document-meta")).toContainText("Avslutad");
  await expect(page.getByRole("button", { name: "Avsluta analysen" })).toHaveCount(0);
});
