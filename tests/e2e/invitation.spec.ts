import { demo, expect, test } from "#tests/fixtures/e2e.ts";

test("an admin invites a process owner, who accepts the link and lands in Lots", async ({
  page,
  context,
  browser,
  signIn,
}) => {
  const email = `ny.processagare.${Date.now()}@exempel.se`;
  await signIn(context, demo.admin);
  await page.goto("/admin/anvandare");
  const form = page.locator("form", { has: page.getByRole("button", { name: "Bjud in" }) });
  await form.getByLabel("E-postadress").fill(email);
  await form.getByLabel("Namn").fill("Nora Ny");
  await form.getByLabel("Roll").selectOption({ label: "Processägare" });
  await form.getByLabel("Enhet").selectOption({ label: "Produktion" });
  await form.getByRole("button", { name: "Bjud in" }).click();

  await expect(page.getByText(`Inbjudan till ${email} är skapad.`)).toBeVisible();
  const link = await page.getByLabel("Inbjudningslänk").inputValue();
  expect(link).toMatch(/\/inbjudan\/[a-z0-9]+$/);
  await expect(page.getByRole("cell", { name: email, exact: true })).toBeVisible();

  // The invitee, in a browser of their own.
  const invitee = await browser.newContext();
  const inviteePage = await invitee.newPage();
  await inviteePage.goto(link);
  await expect(inviteePage.getByText("Du är inbjuden till Exempelbolaget AB som Processägare.")).toBeVisible();
  await inviteePage.getByLabel("Lösenord", { exact: true }).fill("ett eget lösenord");
  await inviteePage.getByLabel("Upprepa nytt lösenord").fill("ett annat lösenord");
  await inviteePage.getByRole("button", { name: "Skapa konto" }).click();
  await expect(inviteePage.getByText("Lösenorden är inte lika.")).toBeVisible();

  await inviteePage.getByLabel("Lösenord", { exact: true }).fill("ett eget lösenord");
  await inviteePage.getByLabel("Upprepa nytt lösenord").fill("ett eget lösenord");
  await inviteePage.getByRole("button", { name: "Skapa konto" }).click();
  await expect(inviteePage).toHaveURL(/\/start$/);
  await expect(inviteePage.getByRole("heading", { level: 1 })).toHaveText("Hej Nora!");
  await expect(inviteePage.getByText("Din roll: Processägare")).toBeVisible();
  await expect(inviteePage.getByRole("link", { name: "Administration" })).toHaveCount(0);

  // The link has done its job.
  await inviteePage.goto(link);
  await expect(inviteePage.getByRole("alert")).toHaveText("Inbjudan är redan använd. Logga in med ditt konto.");
  await invitee.close();

  // The admin now sees the new colleague, in the unit chosen.
  await page.goto("/admin/anvandare");
  const row = page.getByRole("row", { name: /Nora Ny/ });
  await expect(row).toContainText("Processägare");
  await expect(row).toContainText("Produktion");
});

test("an external auditor cannot be invited without an end date for the access", async ({ page, context, signIn }) => {
  await signIn(context, demo.admin);
  await page.goto("/admin/anvandare");
  const form = page.locator("form", { has: page.getByRole("button", { name: "Bjud in" }) });
  await form.getByLabel("E-postadress").fill(`gast.${Date.now()}@revisionsbyran.se`);
  await form.getByLabel("Namn").fill("Gustav Gäst");
  await form.getByLabel("Roll").selectOption({ label: "Extern revisor" });
  await expect(form.getByLabel("Behörighet till och med")).toBeVisible();
  await form.getByRole("button", { name: "Bjud in" }).click();
  await expect(form.getByText("Fyll i fältet.")).toBeVisible();
  await expect(page.getByLabel("Inbjudningslänk")).toHaveCount(0);
});

test("a made-up invitation link is explained, not crashed on", async ({ page }) => {
  await page.goto("/inbjudan/detta-finns-inte");
  await expect(page.getByRole("alert")).toHaveText("Inbjudan finns inte eller har dragits tillbaka.");
});
