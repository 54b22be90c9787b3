import { createTemplate } from "#app/models/checklists.server.ts";
import { findUserByEmail } from "#app/models/users.server.ts";
import { demo, expect, test } from "#tests/fixtures/e2e.ts";

// A phone: staff report from the floor, not from a desk.
test.use({ viewport: { width: 390, height: 844 }, hasTouch: true });

const photo = {
  name: "pall.png",
  mimeType: "image/png",
  buffer: Buffer.from(
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==",
    "base64",
  ),
};

test("staff report a near miss with a photo on a phone; the manager investigates with 5 whys, adds an action and closes it; the reporter sees it closed", async ({
  browser,
  signIn,
}) => {
  test.setTimeout(90_000);
  const title = `Pall föll nästan ${Date.now()}`;
  const staffContext = await browser.newContext({ viewport: { width: 390, height: 844 }, hasTouch: true });
  await signIn(staffContext, demo.staff);
  const staff = await staffContext.newPage();

  // One screen: kind, what, when, where, what was done, a photo.
  await staff.goto("/avvikelser");
  await staff.getByRole("link", { name: "Rapportera" }).click();
  await staff.getByLabel("Tillbud").check();
  await staff.getByRole("button", { name: "Skicka rapporten" }).click();
  await expect(staff.getByText("Fyll i fältet.").first()).toBeVisible();
  await staff.getByLabel("Vad hände? (kort)").fill(title);
  await staff.getByLabel("Beskriv vad som hände").fill("Pallen lutade och höll på att falla av gaffeln.");
  await staff.getByLabel("Vad gjordes direkt?").fill("Spärrade av gången.");
  await staff
    .getByLabel(/Foton eller filer/)
    .setInputFiles({ ...photo, name: "fel.png", buffer: Buffer.from("inte en bild") });
  await staff.getByRole("button", { name: "Skicka rapporten" }).click();
  await expect(staff.getByRole("alert")).toContainText("innehåll stämmer inte med filnamnet");
  await staff.getByLabel(/Foton eller filer/).setInputFiles(photo);
  await staff.getByRole("button", { name: "Skicka rapporten" }).click();
  await expect(staff.getByText("Tack! Din rapport är mottagen.")).toBeVisible();
  await expect(staff.getByRole("img", { name: "pall.png" })).toBeVisible();
  const reportUrl = staff.url().split("?")[0]!;
  // Staff follow their report, but do not handle it.
  await expect(staff.getByRole("button", { name: "Spara bedömningen" })).toHaveCount(0);

  // The manager triages, investigates with 5 whys, adds an action and closes with a lesson.
  const managerContext = await browser.newContext({ viewport: { width: 390, height: 844 }, hasTouch: true });
  await signIn(managerContext, demo.process_owner);
  const manager = await managerContext.newPage();
  await manager.goto("/avvikelser");
  await manager
    .getByRole("link", { name: new RegExp(title) })
    .first()
    .click();
  await manager.getByLabel("Kategori").fill("Truck och pall");
  await manager.getByLabel("Allvarlighetsgrad").selectOption({ label: "Allvarlig" });
  await expect(manager.getByLabel("Anmälan till myndighet")).toHaveValue("arbetsmiljoverket");
  await manager.getByLabel("Ansvarig").selectOption({ label: "Per Persson" });
  await manager.getByLabel("Klart senast").fill("2026-12-15");
  await manager.getByRole("button", { name: "Spara bedömningen" }).click();
  await expect(manager.getByRole("heading", { name: "Anmälan till Arbetsmiljöverket" })).toBeVisible();
  await manager.getByRole("button", { name: "Starta utredningen" }).click();
  await manager.getByLabel("Vad hände", { exact: true }).fill("Pallen staplades med tunga lådor överst.");
  await manager.getByRole("button", { name: "Lägg till i förloppet" }).click();
  await expect(manager.getByRole("region", { name: "Utredning" })).toContainText("Pallen staplades");
  await manager.getByLabel("Varför hände det?").fill("Pallen var felstaplad.");
  await manager.getByRole("button", { name: "Lägg till svar" }).click();
  await manager.getByLabel("Och varför då?").fill("Ingen instruktion för stapling finns.");
  await manager.getByRole("button", { name: "Lägg till svar" }).click();
  await expect(manager.locator(".whys li")).toHaveCount(2);

  await manager.getByRole("link", { name: "Ny åtgärd för rapporten" }).click();
  await expect(manager.getByText(/Åtgärden kopplas till/)).toBeVisible();
  await manager.getByLabel("Vad ska göras").fill("Skriv instruktion för stapling");
  await manager.getByLabel("Varför").fill("Felstaplade pallar.");
  await manager.getByLabel("Klart senast").fill("2026-12-10");
  await manager.getByLabel("Hur effekten ska kontrolleras").fill("Stickprov på tjugo pallar.");
  await manager.getByLabel("Mått eller stickprov").fill("Felstaplade pallar per vecka");
  await manager.getByLabel("Kontrolleras senast").fill("2027-02-01");
  await manager.getByRole("button", { name: "Skapa åtgärd" }).click();
  await manager
    .getByRole("region", { name: "Kopplat" })
    .getByRole("link", { name: new RegExp(title) })
    .click();

  await manager.getByRole("button", { name: "Avsluta rapporten" }).click();
  await expect(manager.getByText("Fyll i fältet.").first()).toBeVisible();
  await manager.getByLabel("Lärdom").fill("Stapling ingår nu i introduktionen och instruktionen sitter vid lagret.");
  await manager.getByRole("button", { name: "Avsluta rapporten" }).click();
  await expect(manager.locator(".document-meta")).toContainText("Avslutad");
  // The lesson is in the period's compilation, for the management review.
  await manager.goto("/avvikelser/analys");
  await expect(manager.getByRole("region", { name: "Lärdomar" })).toContainText("Stapling ingår nu i introduktionen");

  // The reporter sees it closed, with the lesson, and was told.
  await staff.goto(reportUrl);
  await expect(staff.locator(".document-meta")).toContainText("Avslutad");
  await expect(staff.getByText("Stapling ingår nu i introduktionen")).toBeVisible();
  await staff.goto("/notiser");
  await expect(
    staff.getByRole("link", { name: new RegExp(`har avslutat rapporten du skickade: “${title}”`) }),
  ).toBeVisible();
});

test("a self-monitoring check answered no on a phone raises a deviation or an action, keeps its photo, and cannot be answered twice", async ({
  page,
  db,
  signIn,
  makeUser,
}) => {
  const person = await makeUser("staff");
  const manager = findUserByEmail(db, demo.quality_manager)!;
  const title = `Brandskydd ${Date.now()}`;
  createTemplate(db, manager, {
    title,
    description: "Gå runt och kontrollera.",
    frequency: "monthly",
    unitId: null,
    role: "staff",
    questions: [
      { text: "Är nödutgångarna fria?", type: "yes_no" },
      { text: "Finns brandsläckaren på plats?", type: "yes_no" },
      { text: "Är brandfiltarna hela?", type: "yes_no" },
      { text: "Foto på utrymningsskylten", type: "photo" },
      { text: "Övrigt", type: "text" },
    ],
  });
  await signIn(page.context(), person.email);
  await page.goto("/avvikelser/egenkontroller");
  await page.getByRole("link", { name: title }).click();
  const exits = page.getByRole("group", { name: "Är nödutgångarna fria?" });
  await exits.getByLabel("Nej").check();
  await exits.getByLabel("Vad är fel?").fill("Pallar står framför nödutgången i lagret.");
  await expect(exits.getByLabel("Rapportera som avvikelse")).toBeChecked();
  await page.getByRole("button", { name: "Skicka svaren" }).click();
  await expect(page.getByRole("alert")).toContainText("Svara på alla frågor.");
  // Nothing typed is lost to the refusal.
  await expect(exits.getByLabel("Vad är fel?")).toHaveValue("Pallar står framför nödutgången i lagret.");
  await page.getByRole("group", { name: "Finns brandsläckaren på plats?" }).getByLabel("Ja").check();
  const blankets = page.getByRole("group", { name: "Är brandfiltarna hela?" });
  await blankets.getByLabel("Nej").check();
  await blankets.getByLabel("Vad är fel?").fill("Filten i köket är trasig.");
  await blankets.getByLabel("Lägg in en åtgärd").check();
  await blankets.getByLabel("Vad ska göras?").fill(`Beställ ny brandfilt ${title}`);
  await page.getByLabel("Foto på utrymningsskylten").setInputFiles({ ...photo, name: "skylt.png" });
  await page.getByRole("button", { name: "Skicka svaren" }).click();
  await expect(page.getByText("Egenkontrollen är besvarad och en avvikelse är rapporterad.")).toBeVisible();
  await expect(page.getByText("En åtgärd är inlagd i handlingsplanen.")).toBeVisible();

  // The round shows what was answered, with its photo.
  await page.getByRole("region", { name: "Mina egenkontroller" }).getByRole("link", { name: "Besvarad" }).click();
  await expect(page.getByRole("img", { name: "Foto: Foto på utrymningsskylten" })).toBeVisible();
  await expect(page.getByText("Filten i köket är trasig.")).toBeVisible();

  await page.goto("/avvikelser");
  await expect(page.getByRole("region", { name: "Mina rapporter" })).toContainText(`${title}: Är nödutgångarna fria?`);
  await page.goto("/atgarder");
  await expect(page.getByRole("link", { name: new RegExp(`Beställ ny brandfilt ${title}`) })).toBeVisible();
  await page.goto("/avvikelser/egenkontroller");
  await expect(page.getByRole("region", { name: "Mina egenkontroller" })).toContainText("Besvarad");
  await expect(page.getByRole("link", { name: title })).toHaveCount(0);
});
