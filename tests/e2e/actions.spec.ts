import ExcelJS from "exceljs";
import { demo, expect, test } from "#tests/fixtures/e2e.ts";

test("an action needs an effect plan, and closes only when its effect is verified", async ({ page, signIn }) => {
  await signIn(page.context(), demo.process_owner);
  await page.goto("/atgarder/ny");
  const title = `Kalibrera vågen ${Date.now()}`;
  await page.getByLabel("Vad ska göras").fill(title);
  await page.getByLabel("Varför").fill("Fel vikt på två leveranser i mars.");
  await page.getByLabel("Klart senast").fill("2026-12-01");
  await page.getByRole("button", { name: "Skapa åtgärd" }).click();
  // Without a plan for checking the effect, nothing is saved.
  await expect(page.locator(".field-error").first()).toBeVisible();
  await expect(page).toHaveURL(/\/atgarder\/ny$/);

  await page.getByLabel("Hur effekten ska kontrolleras").fill("Stickprov på tio leveranser.");
  await page.getByLabel("Mått eller stickprov").fill("Viktavvikelser per månad");
  await page.getByLabel("Kontrolleras senast").fill("2027-02-01");
  await page.getByRole("button", { name: "Skapa åtgärd" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toContainText(title);
  await expect(page.locator(".document-meta")).toContainText("Planerad");

  await page.getByRole("button", { name: "Markera som genomförd" }).click();
  await expect(page.locator(".document-meta")).toContainText("Genomförd – väntar på effektkontroll");
  await page.getByRole("button", { name: "Effekten är verifierad" }).click();
  await expect(page.getByText("Skriv vad effektkontrollen visade.")).toBeVisible();
  await page.getByLabel("Resultat av effektkontrollen").fill("Inga viktavvikelser på tre månader.");
  await page.getByRole("button", { name: "Effekten är verifierad" }).click();
  await expect(page.locator(".document-meta")).toContainText("Effekt verifierad");
  await expect(page.getByRole("region", { name: "Historik" })).toContainText("Effekt verifierad");

  // The routine the action concerns, linked with its live status.
  await page.getByLabel("Sök något att koppla").fill("avvikelsehant");
  await page.getByRole("button", { name: "Koppla Rutin för avvikelsehantering" }).click();
  await expect(page.getByRole("region", { name: "Kopplat" })).toContainText("Rutin för avvikelsehantering 1.0");

  await page.goto("/atgarder?visa=alla&vy=tavla");
  await expect(page.getByRole("region", { name: /Effekt verifierad/ })).toContainText(title);

  // The whole plan as a spreadsheet.
  const download = page.waitForEvent("download");
  await page.getByRole("link", { name: "Exportera till Excel" }).click();
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.readFile(await (await download).path());
  const cells = workbook.getWorksheet("Åtgärder")!.getSheetValues().flat().map(String);
  expect(cells).toContain(title);
  expect(cells).toContain("Effekt verifierad");
});
