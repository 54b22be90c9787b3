import { demo, expect, test, openAsAdmin } from "#tests/fixtures/e2e.ts";

test("an admin's one-time reset link lets a person choose a new password and ends their old sessions", async ({
  page,
  browser,
  signIn,
  makeUser,
}) => {
  const person = await makeUser("staff");
  const old = await browser.newContext();
  await signIn(old, person.email);

  await openAsAdmin(page, signIn, person);
  await page.getByRole("button", { name: "Skapa länk" }).click();
  const link = await page.getByRole("textbox", { name: "Länk för nytt lösenord" }).inputValue();
  expect(link).toMatch(/\/aterstall-losenord\/[a-z0-9]+$/);

  const theirs = await browser.newContext();
  const resetPage = await theirs.newPage();
  await resetPage.goto(link);
  await resetPage.getByLabel("Nytt lösenord", { exact: true }).fill("kort");
  await resetPage.getByLabel("Upprepa nytt lösenord").fill("kort");
  await resetPage.getByRole("button", { name: "Spara nytt lösenord" }).click();
  await expect(resetPage.getByText("Lösenordet måste ha minst 12 tecken.")).toBeVisible();

  await resetPage.getByLabel("Nytt lösenord", { exact: true }).fill("ett nytt långt lösenord");
  await resetPage.getByLabel("Upprepa nytt lösenord").fill("ett nytt långt lösenord");
  await resetPage.getByRole("button", { name: "Spara nytt lösenord" }).click();
  await expect(resetPage).toHaveURL(/\/login\?status=passwordReset/);
  await expect(resetPage.getByRole("status")).toHaveText("Lösenordet är bytt. Logga in med det nya lösenordet.");

  await resetPage.getByLabel("E-postadress").fill(person.email);
  await resetPage.getByLabel("Lösenord").fill("ett nytt långt lösenord");
  await resetPage.getByRole("button", { name: "Logga in" }).click();
  await expect(resetPage).toHaveURL(/\/start$/);

  // The link worked once; the session from before the reset is gone.
  await resetPage.goto(link);
  await expect(resetPage.getByRole("alert")).toHaveText(/Länken är ogiltig, redan använd eller har gått ut/);
  const oldPage = await old.newPage();
  await oldPage.goto("/start");
  await expect(oldPage).toHaveURL(/\/login/);
  await old.close();
  await theirs.close();
});

test("without mail configured, the forgot-password page says to ask the administrator", async ({ page }) => {
  await page.goto("/login");
  await page.getByRole("link", { name: "Glömt lösenordet?" }).click();
  await expect(page.getByRole("status")).toContainText("Be din administratör om en länk");
});

test("signing in works as a plain HTML form, without JavaScript", async ({ browser }) => {
  const context = await browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  await page.goto("/login");
  await page.locator('input[name="email"]').fill(demo.auditor);
  await page.locator('input[name="password"]').fill("lots-demo-2026");
  await page.getByRole("button", { name: "Logga in" }).click();
  await expect(page).toHaveURL(/\/start$/);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Hej Rut!");
  const cookie = (await context.cookies()).find((c) => c.name === "lots_session");
  expect(cookie?.httpOnly).toBe(true);
  expect(cookie?.sameSite).toBe("Lax");
  await context.close();
});
