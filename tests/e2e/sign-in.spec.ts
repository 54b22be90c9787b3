import { DEMO_PASSWORD, demo, expect, test } from "#tests/fixtures/e2e.ts";

const allSections = [
  "Start",
  "Gällande dokument",
  "Dokument",
  "Processer",
  "Risker",
  "Mål & nyckeltal",
  "Åtgärder",
  "Avvikelser",
  "Revision",
  "Ledningens genomgång",
  "Krav",
  "Spårbarhet",
  "Administration",
];
const without = (...hidden: string[]) => allSections.filter((s) => !hidden.includes(s));
// Everyone who may report a deviation finds that first in the menu.
const reporting = (sections: string[]) => ["Rapportera avvikelse", ...sections];

const roles = [
  { role: "admin", email: demo.admin, title: "Administratör", greeting: "Hej Alva!", sees: reporting(allSections) },
  {
    role: "quality manager",
    email: demo.quality_manager,
    title: "Kvalitetsansvarig",
    greeting: "Hej Karin!",
    sees: reporting(allSections),
  },
  {
    role: "process owner",
    email: demo.process_owner,
    title: "Processägare",
    greeting: "Hej Per!",
    sees: reporting(without("Spårbarhet", "Administration")),
  },
  {
    role: "auditor",
    email: demo.auditor,
    title: "Revisor",
    greeting: "Hej Rut!",
    sees: reporting(without("Administration")),
  },
  {
    role: "staff",
    email: demo.staff,
    title: "Medarbetare",
    greeting: "Hej Mats!",
    sees: reporting(without("Dokument", "Revision", "Ledningens genomgång", "Krav", "Spårbarhet", "Administration")),
  },
  {
    role: "external auditor",
    email: demo.external_auditor,
    title: "Extern revisor",
    greeting: "Hej Erik!",
    sees: without("Dokument", "Avvikelser", "Administration"),
  },
];

for (const { role, email, title, greeting, sees } of roles) {
  test(`the demo ${role} signs in and sees what the role may see`, async ({ page }) => {
    await page.goto("/login");
    await page.getByLabel("E-postadress").fill(email);
    await page.getByLabel("Lösenord").fill(DEMO_PASSWORD);
    await page.getByRole("button", { name: "Logga in" }).click();

    await expect(page).toHaveURL(/\/start$/);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(greeting);
    await expect(page.getByText(`Din roll: ${title}`)).toBeVisible();
    const nav = page.getByRole("navigation", { name: "Huvudnavigering" });
    await expect(nav.getByRole("link")).toHaveText(sees);
  });
}

test("a wrong password and an unknown email get the same message, and the email stays filled in", async ({ page }) => {
  await page.goto("/login");
  await page.getByLabel("E-postadress").fill(demo.auditor);
  await page.getByLabel("Lösenord").fill("inte rätt");
  await page.getByRole("button", { name: "Logga in" }).click();
  await expect(page.getByRole("alert")).toHaveText("Fel e-postadress eller lösenord.");
  await expect(page.getByLabel("E-postadress")).toHaveValue(demo.auditor);

  await page.getByLabel("E-postadress").fill("ingen.alls@exempel.se");
  await page.getByLabel("Lösenord").fill("inte rätt");
  await page.getByRole("button", { name: "Logga in" }).click();
  await expect(page.getByRole("alert")).toHaveText("Fel e-postadress eller lösenord.");
  await expect(page).toHaveURL(/\/login/);
});

test("an empty or malformed form is answered field by field in Swedish", async ({ page }) => {
  await page.goto("/login");
  await page.getByLabel("E-postadress").fill("inte-en-adress");
  await page.getByRole("button", { name: "Logga in" }).click();
  await expect(page.getByText("Ange en giltig e-postadress.")).toBeVisible();
  await expect(page.getByText("Fyll i fältet.")).toBeVisible();
  await expect(page.getByLabel("E-postadress")).toHaveAttribute("aria-invalid", "true");
});

test("a page asked for before signing in opens after signing in", async ({ page }) => {
  await page.goto("/admin/enheter");
  await expect(page).toHaveURL(/\/login\?redirectTo=%2Fadmin%2Fenheter/);
  await page.getByLabel("E-postadress").fill(demo.admin);
  await page.getByLabel("Lösenord").fill(DEMO_PASSWORD);
  await page.getByRole("button", { name: "Logga in" }).click();
  await expect(page).toHaveURL(/\/admin\/enheter$/);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Enheter");
});

test("a forged session cookie is treated as signed out", async ({ page, context, baseURL }) => {
  await context.addCookies([{ name: "lots_session", value: "ImZvcmdlZCI%3D", url: baseURL! }]);
  await page.goto("/start");
  await expect(page).toHaveURL(/\/login/);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Logga in");
});
