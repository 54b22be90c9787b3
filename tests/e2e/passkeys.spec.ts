import type { Browser, CDPSession, Page } from "@playwright/test";
import { requestReview } from "#tests/fixtures/e2e-documents.ts";
import { expect, test, type TestUser } from "#tests/fixtures/e2e.ts";

// WebAuthn names the site by its host, and an IP address cannot be one: these flows use
// "localhost", the same server under the name browsers allow for passkeys.
const onLocalhost = (baseURL: string) => baseURL.replace("127.0.0.1", "localhost");

/** Chromium's virtual authenticator, as a phone's built-in one: it verifies the person and is always touched. */
async function authenticatorFor(page: Page): Promise<{ cdp: CDPSession; authenticatorId: string }> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send("WebAuthn.enable");
  const { authenticatorId } = await cdp.send("WebAuthn.addVirtualAuthenticator", {
    options: {
      protocol: "ctap2",
      transport: "internal",
      hasResidentKey: true,
      hasUserVerification: true,
      isUserVerified: true,
      automaticPresenceSimulation: true,
    },
  });
  return { cdp, authenticatorId };
}

async function signInWithPassword(browser: Browser, baseURL: string, person: TestUser): Promise<Page> {
  const context = await browser.newContext({ baseURL: onLocalhost(baseURL) });
  const page = await context.newPage();
  await page.goto("/login");
  await page.getByLabel("E-postadress").fill(person.email);
  await page.getByLabel("Lösenord").fill(person.password);
  await page.getByRole("button", { name: "Logga in" }).click();
  return page;
}

test("a person adds a passkey, signs in with it as the second step, and signs an approval with it; a copied passkey is refused", async ({
  browser,
  baseURL,
  makeUser,
  makeDocument,
}) => {
  test.setTimeout(90_000);
  const qm = await makeUser("quality_manager");
  const page = await signInWithPassword(browser, baseURL!, qm);
  await expect(page).toHaveURL(/\/start$/);
  const { cdp, authenticatorId } = await authenticatorFor(page);

  await page.goto("/konto/tvastegs");
  const card = page.getByRole("region", { name: "Nycklar (passkeys)" });
  await expect(card.getByText("Du har ingen nyckel än.")).toBeVisible();
  await card.getByRole("button", { name: "Lägg till en nyckel" }).click();
  // The first factor brings recovery codes, shown once.
  await expect(page.getByRole("list", { name: "Dina reservkoder" }).getByRole("listitem")).toHaveCount(10);
  await page.goto("/konto/tvastegs");
  await expect(card.getByRole("list", { name: "Dina nycklar" }).getByRole("listitem")).toHaveCount(1);
  await expect(card.getByRole("listitem")).toContainText(/Nyckel från Chrom/);
  await expect(card.getByRole("listitem")).toContainText("inte använd än");

  // Signing in again: the password, then the passkey.
  await page.context().clearCookies();
  await page.goto("/login");
  await page.getByLabel("E-postadress").fill(qm.email);
  await page.getByLabel("Lösenord").fill(qm.password);
  await page.getByRole("button", { name: "Logga in" }).click();
  await expect(page).toHaveURL(/\/login\/kod$/);
  await page.getByRole("button", { name: "Använd din nyckel" }).click();
  await expect(page).toHaveURL(/\/start$/);

  // An approval signed with the passkey: its signature covers the candidate's hash.
  const id = await makeDocument(qm.email, "Alla leveranser kontrolleras vid ankomst.");
  await requestReview(page, id, qm);
  await page.goto(`/dokument/${id}/granskning`);
  const decision = page.getByRole("region", { name: "Ditt beslut" });
  await decision.getByLabel("Sammanfattning av ändringen").fill("Första versionen.");
  await decision.getByRole("button", { name: "Fastställ och signera med nyckel" }).click();
  await expect(page.getByText("Version 1.0 är fastställd.")).toBeVisible();
  await page.goto("/sparbarhet");
  await expect(page.getByText(/godkände .* och skrev under med sin nyckel/).first()).toBeVisible();

  // A copy of the key, made before its last use, answers with a counter that has gone back.
  const { credentials } = await cdp.send("WebAuthn.getCredentials", { authenticatorId });
  const other = await signInWithPassword(browser, baseURL!, qm);
  await expect(other).toHaveURL(/\/login\/kod$/);
  const copy = await authenticatorFor(other);
  await copy.cdp.send("WebAuthn.addCredential", {
    authenticatorId: copy.authenticatorId,
    credential: { ...credentials[0]!, signCount: 0 },
  });
  await other.getByRole("button", { name: "Använd din nyckel" }).click();
  await expect(other.getByRole("alert")).toContainText("den verkar vara en kopia");
  await expect(other).toHaveURL(/\/login\/kod$/);
  await page.context().close();
  await other.context().close();
});
