import type { Page } from "@playwright/test";
import { createUnit } from "#app/models/units.server.ts";
import { findUserByEmail } from "#app/models/users.server.ts";
import { demo, expect, test, type TestUser } from "#tests/fixtures/e2e.ts";

// At phone size throughout: units answer from wherever they meet, and the quality manager follows up on the go.
test.use({ viewport: { width: 390, height: 844 }, hasTouch: true });

/** A unit's manager and safety representative go through the twelve questions together. */
async function answerForUnit(page: Page, manager: TestUser, safetyRep: TestUser, concern: string) {
  await page.goto("/avvikelser/sam");
  await page.getByRole("link", { name: /Svara på uppföljningen/ }).click();
  await page.getByLabel("Chef", { exact: true }).selectOption({ label: manager.name });
  for (const group of await page
    .getByRole("group")
    .filter({ has: page.getByLabel("Delvis") })
    .all()) {
    await group.getByLabel("Ja", { exact: true }).check();
  }
  const workload = page.getByRole("group", { name: /organisatoriska och sociala arbetsmiljön/ });
  await workload.getByLabel("Nej", { exact: true }).check();
  await workload.getByLabel("Kommentar").fill(concern);
  await page.getByLabel("Styrkor").fill("Skyddsronderna görs som planerat.");
  await page.getByLabel("Förbättringsområden").fill("Arbetsbelastningen under högsäsong.");
  await page.getByRole("button", { name: "Skicka enhetens svar" }).click();
  // Without a safety representative nothing is sent, and nothing written is lost.
  await expect(page.getByRole("alert")).toContainText("Ange chef och skyddsombud");
  await expect(page.getByLabel("Styrkor")).toHaveValue("Skyddsronderna görs som planerat.");
  await page.getByLabel("Skyddsombud").selectOption({ label: safetyRep.name });
  await page.getByRole("button", { name: "Skicka enhetens svar" }).click();
  await expect(page.getByText("Tack! Enhetens svar är skickat.")).toBeVisible();
  await expect(page.locator(".document-meta")).toContainText(
    `${manager.name} (chef) och ${safetyRep.name} (skyddsombud)`,
  );
}

test("the annual SAM follow-up is sent to two units, answered by each unit's manager and safety representative, and compiled with an action", async ({
  browser,
  page,
  db,
  signIn,
  makeUser,
}) => {
  test.setTimeout(120_000);
  const qm = findUserByEmail(db, demo.quality_manager)!;
  const stamp = Date.now();
  const units = ["Ambulans", "Akuten"].map((name) => createUnit(db, qm, { name: `${name} ${stamp}`, parentId: null }));

  // The quality manager sends this year's follow-up to the two units only.
  await signIn(page.context(), demo.quality_manager);
  await page.goto("/avvikelser/sam");
  const startForm = page.locator("details", { has: page.getByText("Starta en uppföljning") });
  if ((await startForm.getAttribute("open")) === null) await startForm.locator("summary").click();
  await page.getByLabel("Metod").selectOption({ label: "Enkät som chef och skyddsombud besvarar tillsammans" });
  for (const box of await page.getByRole("group", { name: "Enheter" }).getByRole("checkbox").all()) await box.uncheck();
  for (const unit of units) await page.getByLabel(unit.name).check();
  await page.getByRole("button", { name: "Skicka till enheterna" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(`SAM ${new Date().getFullYear()}`);
  await expect(page.getByRole("region", { name: "Enheter" }).getByText("Inte besvarad än")).toHaveCount(2);

  // Each unit answers on a phone: its manager and its safety representative together.
  for (const [i, unit] of units.entries()) {
    const manager = await makeUser("process_owner", unit.id);
    const safetyRep = await makeUser("staff", unit.id);
    const context = await browser.newContext({ viewport: { width: 390, height: 844 }, hasTouch: true });
    await signIn(context, safetyRep.email);
    await answerForUnit(await context.newPage(), manager, safetyRep, `Övertid varje vecka (${i + 1})`);
    await context.close();
  }

  // The organisation's compilation: the units' picture, prioritised areas with 5 whys, the feedback.
  await page.reload();
  await expect(page.getByRole("region", { name: "Enheter" }).getByText(/Besvarad \d/)).toHaveCount(2);
  await page.getByRole("link", { name: "Hela organisationen" }).click();
  await expect(page.getByText("2 av 2 enheter har svarat")).toBeVisible();
  // Both units said no to the organisational and social work environment: yes 0, partly 0, no 2.
  await expect(page.getByRole("row", { name: /organisatoriska och sociala/ }).getByRole("cell")).toHaveText([
    "0",
    "0",
    "2",
  ]);
  await expect(page.getByText("Övertid varje vecka (1)")).toBeVisible();
  await page.getByLabel("Styrkor").fill("Skyddsronderna fungerar i båda enheterna.");
  await page.getByLabel("Förbättringsområden").fill("Organisatorisk och social arbetsmiljö.");
  const area = page.getByRole("group", { name: "Prioriterat område 1" });
  await area.getByLabel("Område").fill("Arbetsbelastning");
  await area.getByLabel("Varför? (1)").fill("Övertid varje vecka.");
  await area.getByLabel("Varför? (2)").fill("Vakanser står obesatta.");
  await area.getByLabel("Varför? (3)").fill("Rekryteringen startar sent.");
  await area.getByLabel("Grundorsak").fill("Ingen bemanningsplan för högsäsong.");
  await page
    .getByLabel("Återkoppling", { exact: true })
    .fill("Genomgång i skyddskommittén och på båda enheternas APT.");
  await page.getByRole("button", { name: "Spara sammanställningen" }).click();
  await expect(page.getByText("Sammanställningen är sparad.")).toBeVisible();

  // A prioritised area needs an action in the plan before the follow-up can be completed.
  await page.getByRole("link", { name: "Tillbaka" }).click();
  await expect(page.getByText(/Sammanställd \d/)).toBeVisible();
  await page.getByRole("button", { name: "Avsluta uppföljningen" }).click();
  await expect(page.getByRole("alert")).toContainText("Prioriterade områden behöver minst en åtgärd");
  await page.getByRole("link", { name: "Ny åtgärd från uppföljningen" }).click();
  await expect(page.getByLabel("Varför")).toBeVisible();
  await page.getByLabel("Vad ska göras").fill(`Bemanningsplan för högsäsong ${stamp}`);
  await page.getByLabel("Varför").fill("Arbetsbelastningen är prioriterad i årets uppföljning av SAM.");
  await page.getByLabel("Klart senast").fill("2027-03-01");
  await page.getByLabel("Hur effekten ska kontrolleras").fill("Nästa års uppföljning: frågan besvaras ja.");
  await page.getByLabel("Mått eller stickprov").fill("Andel enheter som svarar ja");
  await page.getByLabel("Kontrolleras senast").fill("2027-12-01");
  await page.getByRole("button", { name: "Skapa åtgärd" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toContainText(`Bemanningsplan för högsäsong ${stamp}`);
  await page.getByRole("link", { name: `SAM ${new Date().getFullYear()}` }).click();
  await page.getByRole("button", { name: "Avsluta uppföljningen" }).click();
  await expect(page.getByText("Uppföljningen är avslutad.")).toBeVisible();
  await expect(page.locator(".document-meta")).toContainText("Avslutad");
  await expect(page.getByRole("region", { name: "Kopplat" })).toContainText(`Bemanningsplan för högsäsong ${stamp}`);
});
