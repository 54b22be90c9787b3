import { setUserLocale } from "#app/models/users.server.ts";
import { expect, test } from "#tests/fixtures/e2e.ts";

const phone = { width: 390, height: 844 };

for (const [locale, words] of [
  ["sv", { report: "Rapportera avvikelse", filters: "Filtrera på typ, område och enhet", type: "Typ", menu: "Meny" }],
  ["en", { report: "Report a deviation", filters: "Filter by type, area and unit", type: "Type", menu: "Menu" }],
] as const) {
  test(`on a phone, staff find reporting first and the routines before the filters (${locale})`, async ({
    browser,
    signIn,
    makeUser,
    db,
  }) => {
    const person = await makeUser("staff");
    setUserLocale(db, person.id, locale);
    const context = await browser.newContext({ viewport: phone });
    await signIn(context, person.email);
    const page = await context.newPage();
    await page.goto("/start");

    // Reporting is the first thing on Start, in the first screen.
    const main = page.getByRole("main");
    await expect(main.getByRole("link").first()).toHaveText(words.report);
    await expect(main.getByRole("link", { name: words.report })).toBeInViewport();
    // And first in the menu.
    await page.getByRole("button", { name: words.menu }).click();
    await expect(page.getByRole("navigation").getByRole("link").first()).toHaveText(words.report);

    // In the reading view a routine (one to read, or the first result) comes before the folded
    // filters. Other flows may have released documents all staff must read, so either list may lead.
    await page.goto("/gallande");
    await expect(page.getByLabel(words.type, { exact: true })).toBeHidden();
    await expect(main.locator('a[href^="/gallande/"]').first()).toBeInViewport();
    await page.getByText(words.filters).click();
    await expect(page.getByLabel(words.type, { exact: true })).toBeVisible();

    // On the deviations page, reporting is the first action.
    await page.goto("/avvikelser");
    await expect(page.locator(".page-header-actions a").first()).toHaveText(words.report);
    await context.close();
  });
}
