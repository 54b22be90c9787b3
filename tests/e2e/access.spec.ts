import { demo, expect, test } from "#tests/fixtures/e2e.ts";

test("a staff member is refused the admin pages", async ({ page, context, signIn }) => {
  await signIn(context, demo.staff);
  for (const path of ["/admin", "/admin/anvandare", "/admin/enheter", "/admin/organisation"]) {
    const response = await page.goto(path);
    expect(response?.status(), path).toBe(403);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Ingen behörighet");
    await expect(page.getByText("Din roll ger inte tillgång till den här sidan.")).toBeVisible();
  }
  // The navigation stays, so the person can go on; it does not offer what they may not open.
  await expect(
    page.getByRole("navigation", { name: "Huvudnavigering" }).getByRole("link", { name: "Start" }),
  ).toBeVisible();
  await expect(page.getByRole("link", { name: "Administration" })).toHaveCount(0);
});

test("a staff member cannot invite anyone by posting the form directly", async ({ page, context, signIn, baseURL }) => {
  await signIn(context, demo.staff);
  const response = await page.request.post("/admin/anvandare", {
    headers: { Origin: baseURL! },
    form: { intent: "invite", email: "intrang@exempel.se", name: "Intrång", role: "admin" },
  });
  expect(response.status()).toBe(403);
  await signIn(context, demo.admin);
  await page.goto("/admin/anvandare");
  await expect(page.getByText("intrang@exempel.se")).toHaveCount(0);
});

test("the quality manager sees the users but cannot invite or change roles", async ({ page, context, signIn }) => {
  await signIn(context, demo.quality_manager);
  await page.goto("/admin/anvandare");
  await expect(page.getByRole("cell", { name: "medarbetare@exempel.se" })).toBeVisible();
  await expect(page.getByRole("heading", { name: "Bjud in en person" })).toHaveCount(0);
  await page.getByRole("link", { name: "Mats Medarbetare" }).click();
  await expect(page.getByRole("button", { name: "Inaktivera konto" })).toHaveCount(0);
  await expect(page.getByRole("button", { name: "Spara" })).toHaveCount(0);
});

test("a form posted from another site is refused", async ({ page, context, signIn }) => {
  await signIn(context, demo.admin);
  const response = await page.request.post("/admin/organisation", {
    headers: { Origin: "https://evil.example" },
    form: { name: "Kapad AB" },
  });
  expect(response.status()).toBe(403);
  expect(await response.text()).toContain("Förfrågan nekades");
});

test("an unknown address shows a Swedish 404 page without internals", async ({ page }) => {
  const response = await page.goto("/finns-inte/alls");
  expect(response?.status()).toBe(404);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Sidan finns inte");
  await expect(page.getByRole("main")).not.toContainText(/node_modules|Error:|\.tsx?:\d+/);
});

test("every page carries the security headers", async ({ page }) => {
  const response = await page.goto("/login");
  const headers = response!.headers();
  expect(headers["content-security-policy"]).toMatch(/script-src 'self' 'nonce-[A-Za-z0-9+/=]+'/);
  expect(headers["content-security-policy"]).toContain("frame-ancestors 'none'");
  expect(headers["x-content-type-options"]).toBe("nosniff");
  expect(headers["referrer-policy"]).toBe("same-origin");
  const health = await page.request.get("/healthz");
  expect(await health.json()).toEqual({ ok: true });
});

test("on a phone the navigation opens from the menu button and closes on choosing a page", async ({
  browser,
  signIn,
}) => {
  const context = await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
  await signIn(context, demo.process_owner);
  const page = await context.newPage();
  await page.goto("/start");
  const nav = page.getByRole("navigation", { name: "Huvudnavigering" });
  await expect(nav).toBeHidden();
  await page.getByRole("button", { name: "Meny" }).click();
  await expect(nav).toBeVisible();
  await nav.getByRole("link", { name: "Risker" }).click();
  await expect(page).toHaveURL(/\/risker$/);
  await expect(nav).toBeHidden();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Risker");

  // Nothing is wider than the phone: wide tables scroll inside themselves.
  for (const path of ["/start", "/dokument", "/konto"]) {
    await page.goto(path);
    expect(await page.evaluate(() => document.documentElement.scrollWidth), path).toBeLessThanOrEqual(390);
  }
  // Account, language and sign-out live in the drawer on a phone.
  await page.getByRole("button", { name: "Meny" }).click();
  await expect(nav.getByRole("button", { name: "Logga ut" })).toBeVisible();
  await context.close();
});
