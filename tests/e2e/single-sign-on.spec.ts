import type { Browser, Page } from "@playwright/test";
import { DEMO_PASSWORD, demo, expect, test } from "#tests/fixtures/e2e.ts";
import { requestReview } from "#tests/fixtures/e2e-documents.ts";
import { startTestProvider, type TestProvider } from "#tests/fixtures/oidc-provider.ts";

// The organisation's sign-in is one setting for everyone: these flows run after the others,
// one at a time, and leave passwords open and the provider disconnected when they end.
// Each flow goes through the provider's pages more than once: more time than one page's flow.
test.describe.configure({ mode: "serial", timeout: 90_000 });

let provider: TestProvider;
const BUTTON = "Logga in med Vårdcentralens konto";

test.beforeAll(async ({ baseURL }) => {
  provider = await startTestProvider([`${baseURL}/login/sso/callback`]);
  provider.accounts.set("anna", {
    email: "anna.sso@vardcentralen.se",
    email_verified: true,
    name: "Anna Sjöström",
    groups: ["lots-kvalitet"],
  });
  provider.accounts.set("olle", { email: "olle@gmail.com", email_verified: true, name: "Olle", groups: [] });
});

test.afterAll(() => provider.close());

/** A fresh browser at the sign-in page: the provider's test certificate is not the browser's to trust. */
async function freshBrowser(browser: Browser): Promise<Page> {
  const context = await browser.newContext({ ignoreHTTPSErrors: true });
  // The provider's development pages ask the internet for a font; this machine has none to ask.
  await context.route(/fonts\.googleapis\.com/, (route) => route.abort());
  const page = await context.newPage();
  await page.goto("/login");
  return page;
}

/** Through the provider's own sign-in and consent pages, as `login`. */
async function signInAtProvider(page: Page, login: string) {
  await page.getByRole("link", { name: BUTTON }).click();
  await page.locator('input[name="login"]').fill(login);
  await page.locator('input[name="password"]').fill("vilket som helst");
  await page.getByRole("button", { name: "Sign-in" }).click();
  await page.getByRole("button", { name: "Continue" }).click();
}

test("an administrator connects the organisation's provider; a new colleague signs in through it with the role their group gives, and loses it when the group is taken away", async ({
  page,
  browser,
  signIn,
}) => {
  await signIn(page.context(), demo.admin);
  await page.goto("/admin");
  await page.getByRole("link", { name: "Inloggning" }).click();
  await expect(page.getByText("/login/sso/callback")).toBeVisible();
  await page.getByLabel("Utfärdare (issuer URL)").fill(provider.issuer);
  await page.getByLabel("Klient-id").fill(provider.clientId);
  await page.getByLabel("Klienthemlighet").fill(provider.clientSecret);
  await page.getByLabel("Text på inloggningsknappen").fill(BUTTON);
  await page.getByLabel("Tillåtna e-postdomäner").fill("vardcentralen.se");
  await page.getByRole("button", { name: "Spara inloggningen" }).click();
  await expect(page.getByText("Ändringarna är sparade.")).toBeVisible();
  await page.getByLabel("Värde (till exempel gruppens namn eller id)").fill("lots-kvalitet");
  await page.getByLabel("Ger rollen").selectOption({ label: "Kvalitetsansvarig" });
  await page.getByRole("button", { name: "Lägg till regeln" }).click();
  await expect(page.getByRole("row", { name: /lots-kvalitet/ })).toContainText("Kvalitetsansvarig");

  const anna = await freshBrowser(browser);
  await signInAtProvider(anna, "anna");
  await expect(anna).toHaveURL(/\/start$/);
  await expect(anna.getByRole("heading", { level: 1 })).toHaveText("Hej Anna!");
  await expect(anna.getByText("Din roll: Kvalitetsansvarig")).toBeVisible();

  // IT takes her out of the group: at her next sign-in she is staff.
  provider.accounts.get("anna")!.groups = [];
  const again = await freshBrowser(browser);
  await signInAtProvider(again, "anna");
  await expect(again.getByText("Din roll: Medarbetare")).toBeVisible();
});

/** At the provider's sign-in page, asked again for an approval: signs in as `login`, consents if asked. */
async function confirmAtProvider(page: Page, login: string) {
  await page.locator('input[name="login"]').fill(login);
  await page.locator('input[name="password"]').fill("vilket som helst");
  await page.getByRole("button", { name: "Sign-in" }).click();
  const consent = page.getByRole("button", { name: "Continue" });
  await expect(consent.or(page.locator("#granskning"))).toBeVisible();
  if (await consent.isVisible()) await consent.click();
}

test("someone who signs in through the provider signs an approval by signing in there again; another person's sign-in there signs nothing", async ({
  browser,
  makeDocument,
}) => {
  provider.accounts.get("anna")!.groups = ["lots-kvalitet"];
  const page = await freshBrowser(browser);
  await signInAtProvider(page, "anna");
  await expect(page.getByText("Din roll: Kvalitetsansvarig")).toBeVisible();
  const anna = { id: "", email: "anna.sso@vardcentralen.se", name: "Anna Sjöström", password: "" };
  const id = await makeDocument(anna.email, "Remisser skickas samma dag.");
  await requestReview(page, id, anna);

  await page.goto(`/dokument/${id}/granskning`);
  const decision = page.getByRole("region", { name: "Ditt beslut" });
  // Her password is not hers to know: the provider is where she proves who she is.
  await expect(decision.getByLabel("Ditt lösenord", { exact: true })).toHaveCount(0);
  await decision.getByLabel("Sammanfattning av ändringen").fill("Första versionen.");
  await decision.getByRole("button", { name: "Fastställ och signera genom ny inloggning" }).click();
  await confirmAtProvider(page, "olle");
  await expect(page.getByRole("alert")).toHaveText(
    "Inloggningen hos organisationens inloggningstjänst bekräftade inte att det var du. Inget är fastställt.",
  );

  await decision.getByLabel("Sammanfattning av ändringen").fill("Första versionen.");
  await decision.getByRole("button", { name: "Fastställ och signera genom ny inloggning" }).click();
  await confirmAtProvider(page, "anna");
  await expect(page.getByText("Version 1.0 är fastställd.")).toBeVisible();
  await page.goto("/sparbarhet");
  await expect(page.getByText(/godkände .* och skrev under genom att logga in igen/).first()).toBeVisible();
});

test("a person from a domain not the organisation's, and a provider's answer carried into another sign-in, are refused with a message", async ({
  browser,
}) => {
  const olle = await freshBrowser(browser);
  await signInAtProvider(olle, "olle");
  await expect(olle).toHaveURL(/\/login\?sso=domainNotAllowed/);
  await expect(olle.getByRole("alert")).toHaveText(
    "Din e-postadress hör inte till organisationen. Be en administratör att bjuda in dig.",
  );

  // Anna's answer from the provider, as it passed on its way back to Lots…
  const anna = await freshBrowser(browser);
  let answer = "";
  anna.on("request", (request) => {
    if (request.url().includes("/login/sso/callback")) answer = request.url();
  });
  await signInAtProvider(anna, "anna");
  await expect(anna).toHaveURL(/\/start$/);
  // …carried into another sign-in: its state is not the one this attempt was given.
  const tampered = await freshBrowser(browser);
  await tampered.goto("/login/sso");
  await expect(tampered.locator('input[name="login"]')).toBeVisible();
  await tampered.goto(answer);
  await expect(tampered.getByRole("alert")).toContainText("Svaret från inloggningstjänsten kunde inte godtas.");
  await expect(tampered).toHaveURL(/\/login/);
});

test("with passwords turned off, staff are sent to the provider and only the reserve administrator signs in with a password", async ({
  page,
  browser,
  signIn,
}) => {
  await signIn(page.context(), demo.admin);
  await page.goto("/admin/inloggning");
  await page.getByLabel("Bara reservkonton: alla andra loggar in genom inloggningstjänsten").check();
  await page.getByRole("button", { name: "Spara inloggningen" }).click();
  await expect(page.getByRole("alert")).toContainText("Välj minst ett reservkonto");
  await page.getByLabel("Alva Admin").check();
  await page.getByRole("button", { name: "Spara inloggningen" }).click();
  await expect(page.getByText("Ändringarna är sparade.")).toBeVisible();

  const login = await freshBrowser(browser);
  await expect(login.getByRole("link", { name: BUTTON })).toBeVisible();
  await expect(login.getByLabel("Lösenord")).toBeHidden();
  await login.getByText("Logga in med lösenord (reservkonto)").click();
  await login.getByLabel("E-postadress").fill(demo.staff);
  await login.getByLabel("Lösenord").fill(DEMO_PASSWORD);
  await login.getByRole("button", { name: "Logga in", exact: true }).click();
  await expect(login.getByRole("alert")).toContainText("Lösenordsinloggning är avstängd i organisationen.");
  await login.getByLabel("E-postadress").fill(demo.admin);
  await login.getByLabel("Lösenord").fill(DEMO_PASSWORD);
  await login.getByRole("button", { name: "Logga in", exact: true }).click();
  await expect(login).toHaveURL(/\/start$/);

  // Back as the other flows expect it: passwords for everyone, no provider.
  await page.reload();
  await page.getByLabel("Alla får logga in med lösenord").check();
  await page.getByLabel("Utfärdare (issuer URL)").fill("");
  await page.getByLabel("Klient-id").fill("");
  await page.getByRole("button", { name: "Spara inloggningen" }).click();
  await expect(page.getByText("Ändringarna är sparade.")).toBeVisible();
});
