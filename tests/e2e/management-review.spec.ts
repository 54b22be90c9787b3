import { demo, expect, test } from "#tests/fixtures/e2e.ts";
import { approve, openAs, requestReview } from "#tests/fixtures/e2e-documents.ts";

test("a management review is started with its inputs filled from the seeded data, a decision becomes an action, and the record is released", async ({
  browser,
  page,
  signIn,
  makeUser,
}) => {
  test.setTimeout(120_000);
  const approver = await makeUser("admin");
  const title = `Ledningens genomgång ${Date.now()}`;
  await signIn(page.context(), demo.quality_manager);
  await page.goto("/ledningens-genomgang");
  const startForm = page.locator("details", { has: page.getByText("Starta en genomgång") });
  if ((await startForm.getAttribute("open")) === null) await startForm.locator("summary").click();
  await page.getByLabel("Rubrik").fill(title);
  await page.getByRole("group", { name: "Närvarande" }).getByLabel("Karin Kvist").check();
  await page.getByLabel("Övriga närvarande").fill("Skyddsombud Sven Ek");
  await page.getByRole("button", { name: "Starta genomgången" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(title);
  const reviewPath = new URL(page.url()).pathname;

  // The inputs come from the demo organisation's own data: KPIs with their trend, the risk register.
  const inputs = page.getByRole("region", { name: "Underlag" });
  await expect(inputs).toContainText(/Leveransprecision: [\d.,]+ %/);
  await expect(inputs).toContainText("Risker efter åtgärder:");
  await expect(inputs).toContainText(/\d+ underlag saknas\./);
  await expect(page.getByRole("region", { name: "Närvarande" })).toContainText("Karin Kvist, Skyddsombud Sven Ek");

  // Leadership writes what the system cannot know under its heading in the record.
  await page.getByRole("link", { name: "Öppna protokollet" }).click();
  await page.waitForURL(/\/dokument\/[a-z2-7]+$/);
  const documentId = new URL(page.url()).pathname.split("/").pop()!;
  await expect(page.getByRole("status").filter({ hasText: "Ansluten" })).toBeVisible();
  const heading = page.locator(".ProseMirror h2", { hasText: "Förändringar i omvärld" });
  await expect(heading).toBeVisible();
  await heading.click();
  await page.keyboard.press("End");
  await page.keyboard.press("Enter");
  await page.keyboard.type("Ny arbetsmiljöföreskrift gäller från årsskiftet.");
  // "Allt sparat" was already shown before the typing: it counts once the text is in the editor.
  await expect(page.locator(".ProseMirror")).toContainText("Ny arbetsmiljöföreskrift gäller från årsskiftet.");
  await expect(page.getByText("Allt sparat")).toBeVisible();
  await page.goto(reviewPath);
  const context = inputs.getByRole("listitem").filter({ hasText: "Förändringar i omvärld" });
  await expect(context).toContainText("Skrivet i protokollet");

  // A decision becomes an action in the plan, linked to the review.
  await page.getByRole("link", { name: "Nytt beslut som åtgärd" }).click();
  await expect(page.getByText(`Åtgärden kopplas till ${title}.`)).toBeVisible();
  await page.getByLabel("Vad ska göras").fill("Byt transportör för norra regionen");
  await page.getByLabel("Varför").fill("Leveransprecisionen sjunker.");
  await page.getByLabel("Klart senast").fill("2027-03-01");
  await page.getByLabel("Hur effekten ska kontrolleras").fill("Leveransprecisionen följs månadsvis.");
  await page.getByLabel("Mått eller stickprov").fill("Leveransprecision");
  await page.getByLabel("Kontrolleras senast").fill("2027-06-01");
  await page.getByRole("button", { name: "Skapa åtgärd" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toContainText("Byt transportör för norra regionen");
  await page.getByRole("link", { name: title }).click();
  await expect(page.getByRole("region", { name: "Kopplat" })).toContainText("Byt transportör för norra regionen");

  // What is still missing is approved only with a recorded reason.
  await requestReview(page, documentId, approver);
  const approverPage = await openAs(browser, signIn, approver);
  await approve(approverPage, documentId, approver, "Protokoll från ledningens genomgång.");
  await expect(approverPage.getByRole("alert")).toContainText("Underlag saknas i protokollet");
  await page.goto(reviewPath);
  await page
    .getByLabel("Skäl att fastställa trots saknade underlag")
    .fill("Första genomgången i Lots: revisioner och SAM-uppföljning görs under våren.");
  await page.getByRole("button", { name: "Spara skälet" }).click();
  await approve(approverPage, documentId, approver, "Protokoll från ledningens genomgång.");
  await expect(approverPage.getByText("Version 1.0 är fastställd.")).toBeVisible();
  await page.reload();
  await expect(page.getByRole("region", { name: "Protokoll" })).toContainText("Fastställt som version 1.0");
});

test("an annual report is pre-filled from last year's data, and the annual cycle shows it among the year's duties", async ({
  page,
  signIn,
}) => {
  // The demo is a manufacturer: of the annual reports it owes the work-environment summary
  // (the care reports follow SOSFS 2011:9, see tests/unit/annual-cycle.test.ts).
  const year = new Date().getFullYear() - 1;
  const report = "Sammanfattning av arbetsmiljöarbetet";
  await signIn(page.context(), demo.quality_manager);
  await page.goto("/ledningens-genomgang");
  await page.getByRole("link", { name: "Årsrapporter" }).click();
  await page.getByLabel("Vilken rapport").selectOption({ label: report });
  await page.getByLabel("År", { exact: true }).selectOption(String(year));
  await page.getByRole("button", { name: "Skapa rapporten" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(`${report} ${year}`);
  const record = page.locator(".ProseMirror");
  await expect(record).toContainText("Avvikelser och händelser");
  await expect(record).toContainText(/\d+ händelser? under perioden/);

  // Only one report of a kind per year.
  await page.goto("/ledningens-genomgang/arsrapporter");
  await page.getByLabel("Vilken rapport").selectOption({ label: report });
  await page.getByLabel("År", { exact: true }).selectOption(String(year));
  await page.getByRole("button", { name: "Skapa rapporten" }).click();
  await expect(page.getByRole("alert")).toContainText("Den rapporten finns redan för året.");

  await page.goto(`/ledningens-genomgang/arshjul?ar=${year}`);
  const december = page.getByRole("listitem").filter({ has: page.getByRole("heading", { name: "december" }) });
  await expect(december.getByRole("link", { name: `${report} ${year}` })).toBeVisible();
  await expect(page.getByRole("link", { name: "Ledningens genomgång" }).first()).toBeVisible();
});
