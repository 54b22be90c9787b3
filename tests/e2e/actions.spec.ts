import type { Locator, Page } from "@playwright/test";
import ExcelJS from "exceljs";
import { createAction } from "#app/models/actions.server.ts";
import { findUserByEmail } from "#app/models/users.server.ts";
import { anAction } from "#tests/fixtures/db.ts";
import { demo, expect, test } from "#tests/fixtures/e2e.ts";
import { openAs } from "#tests/fixtures/e2e-documents.ts";

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

/**
 * Drags a board card by its lower edge (clear of its link and its Move form) over a column and
 * lets go there; `whileOver` checks what the person sees before letting go.
 */
async function dragTo(page: Page, card: Locator, column: Locator, whileOver?: () => Promise<void>) {
  const from = (await card.boundingBox())!;
  const to = (await column.boundingBox())!;
  await page.mouse.move(from.x + 20, from.y + from.height - 8);
  await page.mouse.down();
  // Past the drag threshold first, then across.
  await page.mouse.move(from.x + 40, from.y + from.height, { steps: 5 });
  await page.mouse.move(to.x + to.width / 2, to.y + 60, { steps: 10 });
  await whileOver?.();
  await page.mouse.up();
}

test("on the board a card is dragged to the next column, or moved there with the keyboard; judging its effect opens its form", async ({
  browser,
  signIn,
  makeUser,
  db,
}) => {
  const person = await makeUser("process_owner");
  const owner = findUserByEmail(db, person.email)!;
  const title = `Märk hyllorna ${Date.now()}`;
  createAction(db, owner, anAction(owner.id, title));
  const page = await openAs(browser, signIn, person, { viewport: { width: 1280, height: 800 } });
  await page.goto("/atgarder?vy=tavla&visa=mina");
  const column = (name: string) => page.getByRole("region", { name: new RegExp(`^${name}`) });
  const card = page.locator(".board-card", { hasText: title });
  await expect(column("Planerad").locator(".board-card", { hasText: title })).toBeVisible();

  // With the mouse: picked up, carried over "Pågår" and let go there.
  await dragTo(page, card, column("Pågår"), async () => {
    await expect(column("Pågår")).toHaveClass(/board-column-over/);
  });
  await expect(column("Pågår").locator(".board-card", { hasText: title })).toBeVisible();
  await expect(column("Pågår").getByRole("heading")).toContainText("(1)");

  // With the keyboard: the card's own Move, to "Genomförd".
  await card.locator("summary", { hasText: "Flytta" }).focus();
  await page.keyboard.press("Enter");
  await card.getByLabel("Flytta till").focus();
  await card.getByLabel("Flytta till").selectOption({ label: "Genomförd – väntar på effektkontroll" });
  await page.keyboard.press("Tab");
  await expect(card.getByRole("button", { name: "Flytta" })).toBeFocused();
  await page.keyboard.press("Enter");
  await expect(column("Genomförd").locator(".board-card", { hasText: title })).toBeVisible();

  // Judging the effect needs a written result: dropping on "Effekt verifierad" opens that form.
  await dragTo(page, card, column("Effekt verifierad"));
  await expect(page.getByRole("heading", { level: 1 })).toContainText(title);
  await expect(page.getByLabel("Resultat av effektkontrollen")).toBeVisible();

  // On a phone the columns stack: nothing is hidden off to the side.
  await page.setViewportSize({ width: 390, height: 844 });
  await page.goto("/atgarder?vy=tavla&visa=mina");
  const board = (await page.locator(".board").boundingBox())!;
  expect(board.x + board.width).toBeLessThanOrEqual(390);
  const last = (await column("Ej effektiv").boundingBox())!;
  expect(last.x + last.width).toBeLessThanOrEqual(390);
});
