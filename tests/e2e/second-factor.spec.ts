import type { Page } from "@playwright/test";
import { totpCode } from "#app/auth/second-factor.server.ts";
import { expect, test, type TestUser } from "#tests/fixtures/e2e.ts";

async function signInWithPassword(page: Page, person: TestUser) {
  await page.goto("/login");
  await page.getByLabel("E-postadress").fill(person.email);
  await page.getByLabel("Lösenord").fill(person.password);
  await page.getByRole("button", { name: "Logga in" }).click();
}

test("a person turns on two-step verification with an authenticator app; signing in then asks for its code, or takes a recovery code once", async ({
  browser,
  makeUser,
}) => {
  test.setTimeout(60_000);
  const person = await makeUser("process_owner");
  const laptop = await browser.newContext();
  const page = await laptop.newPage();
  await signInWithPassword(page, person);
  await expect(page).toHaveURL(/\/start$/);
  await page.goto("/konto");
  await page.getByRole("link", { name: "Slå på tvåstegsverifiering" }).click();
  await page.getByRole("button", { name: "Slå på tvåstegsverifiering" }).click();
  await expect(page.getByRole("img", { name: "QR-kod med nyckeln till autentiseringsappen" })).toBeVisible();
  // The test plays the app: it reads the key as a person would type it.
  const secret = (await page.getByTestId("totp-secret").textContent())!.replace(/\s/g, "");
  await page.getByLabel("Koden som appen visar").fill("000000");
  await page.getByRole("button", { name: "Bekräfta och slå på" }).click();
  await expect(page.getByText("Koden stämmer inte, eller har redan använts.")).toBeVisible();
  await page.getByLabel("Koden som appen visar").fill(totpCode(secret, new Date()));
  await page.getByRole("button", { name: "Bekräfta och slå på" }).click();
  const codes = page.getByRole("list", { name: "Dina reservkoder" }).getByRole("listitem");
  await expect(codes).toHaveCount(10);
  const recovery = (await codes.first().textContent())!;

  // A password alone no longer opens the account.
  const phone = await (await browser.newContext()).newPage();
  await signInWithPassword(phone, person);
  await expect(phone).toHaveURL(/\/login\/kod$/);
  await expect(phone.getByRole("heading", { name: "Tvåstegsverifiering" })).toBeVisible();
  await phone.getByLabel("Kod").fill("123456");
  await phone.getByRole("button", { name: "Fortsätt" }).click();
  await expect(phone.getByRole("alert")).toContainText("Koden stämmer inte");
  // The app's next code: the one used to confirm is spent.
  await phone.getByLabel("Kod").fill(totpCode(secret, new Date(Date.now() + 30_000)));
  await phone.getByRole("button", { name: "Fortsätt" }).click();
  await expect(phone).toHaveURL(/\/start$/);

  // The phone is lost: a recovery code lets the person in once.
  const borrowed = await (await browser.newContext()).newPage();
  await signInWithPassword(borrowed, person);
  await borrowed.getByLabel("Kod").fill(recovery);
  await borrowed.getByRole("button", { name: "Fortsätt" }).click();
  await expect(borrowed).toHaveURL(/\/start$/);
  await borrowed.goto("/konto/tvastegs");
  await expect(borrowed.getByText("Du har 9 oanvända reservkoder.")).toBeVisible();
  await laptop.close();
});
