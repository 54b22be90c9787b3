import { expect, openAsAdmin, test } from "#tests/fixtures/e2e.ts";

test("signing out everywhere ends the session in another browser too", async ({ browser, signIn, makeUser }) => {
  const person = await makeUser("auditor");
  const laptop = await browser.newContext();
  const phone = await browser.newContext();
  await signIn(laptop, person.email);
  await signIn(phone, person.email);
  const phonePage = await phone.newPage();
  await phonePage.goto("/start");
  await expect(phonePage.getByRole("heading", { level: 1 })).toContainText("Hej");

  const laptopPage = await laptop.newPage();
  await laptopPage.goto("/konto");
  await expect(laptopPage.getByRole("region", { name: "Dina enheter" }).getByRole("listitem")).toHaveCount(2);
  await laptopPage.getByRole("button", { name: "Logga ut överallt" }).click();
  await expect(laptopPage).toHaveURL(/\/login\?status=signedOut/);
  await expect(laptopPage.getByRole("status")).toHaveText("Du är utloggad.");

  await phonePage.goto("/start");
  await expect(phonePage).toHaveURL(/\/login/);
  await laptop.close();
  await phone.close();
});

test("signing out ends only this browser's session", async ({ browser, signIn, makeUser }) => {
  const person = await makeUser("staff");
  const one = await browser.newContext();
  const two = await browser.newContext();
  await signIn(one, person.email);
  await signIn(two, person.email);
  const page = await one.newPage();
  await page.goto("/start");
  await page.getByRole("button", { name: "Logga ut" }).click();
  await expect(page).toHaveURL(/\/login/);
  await page.goto("/start");
  await expect(page).toHaveURL(/\/login/);
  const other = await two.newPage();
  await other.goto("/start");
  await expect(other).toHaveURL(/\/start$/);
  await one.close();
  await two.close();
});

test("changing the password signs out the other browsers but keeps this one", async ({ browser, signIn, makeUser }) => {
  const person = await makeUser("process_owner");
  const here = await browser.newContext();
  const there = await browser.newContext();
  await signIn(here, person.email);
  await signIn(there, person.email);
  const page = await here.newPage();
  await page.goto("/konto");
  await page.getByLabel("Nuvarande lösenord").fill(person.password);
  await page.getByLabel("Nytt lösenord", { exact: true }).fill("ett helt nytt lösenord");
  await page.getByLabel("Upprepa nytt lösenord").fill("ett helt nytt lösenord");
  await page.getByRole("button", { name: "Byt lösenord" }).click();
  await expect(page.getByText("Lösenordet är bytt. Du är utloggad från alla andra enheter.")).toBeVisible();

  await page.goto("/start");
  await expect(page).toHaveURL(/\/start$/);
  const otherPage = await there.newPage();
  await otherPage.goto("/start");
  await expect(otherPage).toHaveURL(/\/login/);
  await here.close();
  await there.close();
});

test("a deactivated person is signed out at once and cannot sign in again", async ({
  page,
  browser,
  signIn,
  makeUser,
}) => {
  const person = await makeUser("staff");
  const theirs = await browser.newContext();
  await signIn(theirs, person.email);
  const theirPage = await theirs.newPage();
  await theirPage.goto("/start");
  await expect(theirPage).toHaveURL(/\/start$/);

  await openAsAdmin(page, signIn, person);
  await page.getByRole("button", { name: "Inaktivera konto" }).click();
  await expect(page.getByText("Kontot är inaktiverat och alla inloggningar är avslutade.")).toBeVisible();

  await theirPage.goto("/start");
  await expect(theirPage).toHaveURL(/\/login/);
  await theirPage.getByLabel("E-postadress").fill(person.email);
  await theirPage.getByLabel("Lösenord").fill(person.password);
  await theirPage.getByRole("button", { name: "Logga in" }).click();
  await expect(theirPage.getByRole("alert")).toHaveText(/Kontot är inaktiverat/);
  await theirs.close();
});

test("a person switches Lots to English and it stays English for them", async ({ page, context, signIn, makeUser }) => {
  const person = await makeUser("quality_manager");
  await signIn(context, person.email);
  await page.goto("/start");
  await page.getByRole("button", { name: "Byt språk: English" }).click();
  await expect(
    page.getByRole("navigation", { name: "Main navigation" }).getByRole("link", { name: "Objectives & KPIs" }),
  ).toBeVisible();
  await expect(page.locator("html")).toHaveAttribute("lang", "en");
  await page.goto("/konto");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("My account");
  await expect(page.getByLabel("Language", { exact: true })).toHaveValue("en");
});

test("a person sees each device they are signed in on, signs one out from the list, and sees their recent sign-ins", async ({
  browser,
  signIn,
  makeUser,
}) => {
  const person = await makeUser("process_owner");
  const phone = await browser.newContext();
  await signIn(phone, person.email);
  const phonePage = await phone.newPage();
  await phonePage.goto("/start");
  await expect(phonePage).toHaveURL(/\/start$/);

  const laptop = await browser.newContext();
  const page = await laptop.newPage();
  await page.goto("/login");
  await page.getByLabel("E-postadress").fill(person.email);
  await page.getByLabel("Lösenord").fill(person.password);
  await page.getByRole("button", { name: "Logga in" }).click();
  await expect(page).toHaveURL(/\/start$/);
  await page.goto("/konto");
  const devices = page.getByRole("region", { name: "Dina enheter" }).getByRole("listitem");
  await expect(devices).toHaveCount(2);
  // This browser, named from its user agent, with how and where it signed in.
  await expect(devices.first()).toContainText("Den här enheten");
  await expect(devices.first()).toContainText(/Chrom/);
  await expect(devices.first()).toContainText("med lösenord · från 127.0.0.1");
  await expect(page.getByRole("region", { name: "Senaste inloggningar" })).toContainText("lösenord");

  await page.getByRole("button", { name: "Logga ut Okänd webbläsare" }).click();
  await expect(devices).toHaveCount(1);
  await phonePage.goto("/start");
  await expect(phonePage).toHaveURL(/\/login/);
  await page.goto("/start");
  await expect(page).toHaveURL(/\/start$/);
  await laptop.close();
  await phone.close();
});
