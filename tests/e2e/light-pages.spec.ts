import type { Page, Response } from "@playwright/test";
import { expect, test } from "#tests/fixtures/e2e.ts";

/** Everything the page fetched from our own assets while loading, with how it arrived. */
function recordAssets(page: Page) {
  const assets: { url: string; encoding: string | undefined; bytes: number }[] = [];
  page.on("response", (response: Response) => {
    if (new URL(response.url()).pathname.startsWith("/assets/")) {
      const headers = response.headers();
      assets.push({
        url: response.url(),
        encoding: headers["content-encoding"],
        bytes: Number(headers["content-length"] ?? 0),
      });
    }
  });
  return assets;
}

const catalogue = (language: "sv" | "en") => new RegExp(`/assets/${language}-[^/]+\\.js$`);

test("a staff page arrives compressed, with only its own language's messages, and speaks the other after a switch", async ({
  browser,
  signIn,
  makeUser,
}) => {
  const person = await makeUser("staff");
  const context = await browser.newContext();
  await signIn(context, person.email);
  const page = await context.newPage();
  const assets = recordAssets(page);

  const response = (await page.goto("/start"))!;
  await expect(page.getByRole("link", { name: "Rapportera avvikelse" }).first()).toBeVisible();
  // The page itself was compressed on the fly, its scripts and styles once at build time.
  expect(response.headers()["content-encoding"]).toBe("br");
  await page.waitForLoadState("networkidle");
  const scripts = assets.filter((a) => a.url.endsWith(".js"));
  expect(scripts.length).toBeGreaterThan(0);
  // (A file of a few bytes, an empty module, is not made smaller by compressing it.)
  expect(scripts.filter((a) => a.encoding !== "br" && a.bytes > 200)).toEqual([]);
  expect(assets.filter((a) => catalogue("sv").test(a.url))).toHaveLength(1);
  expect(assets.filter((a) => catalogue("en").test(a.url))).toEqual([]);

  // Switching language loads the page anew, in English, with the English messages only.
  assets.length = 0;
  await page.getByRole("button", { name: /English/ }).click();
  await expect(page.getByRole("link", { name: "Report a deviation" }).first()).toBeVisible();
  await page.waitForLoadState("networkidle");
  expect(assets.filter((a) => catalogue("en").test(a.url))).toHaveLength(1);
  expect(assets.filter((a) => catalogue("sv").test(a.url))).toEqual([]);
  await context.close();
});

test("the reading view served again from memory is still compressed, and each copy carries its own nonce", async ({
  browser,
  signIn,
  makeUser,
}) => {
  const person = await makeUser("staff");
  const context = await browser.newContext();
  await signIn(context, person.email);
  const page = await context.newPage();
  await page.goto("/gallande");
  const href = await page.getByRole("main").locator('a[href^="/gallande/"]').first().getAttribute("href");
  const nonces: string[] = [];
  for (let i = 0; i < 2; i++) {
    const answer = await context.request.get(href!, { headers: { "Accept-Encoding": "br, gzip" } });
    expect(answer.status()).toBe(200);
    expect(answer.headers()["content-encoding"]).toBe("br");
    const html = await answer.text();
    const nonce = /<script nonce="([^"]+)"/.exec(html)?.[1];
    expect(nonce).toBeTruthy();
    expect(answer.headers()["content-security-policy"]).toContain(`'nonce-${nonce}'`);
    nonces.push(nonce!);
  }
  expect(nonces[0]).not.toBe(nonces[1]);
  // A client that takes only gzip gets gzip.
  const gzip = await context.request.get(href!, { headers: { "Accept-Encoding": "gzip" } });
  expect(gzip.headers()["content-encoding"]).toBe("gzip");
  await context.close();
});

test("with JavaScript off, staff find what applies, read a routine and reach the report form", async ({
  browser,
  signIn,
  makeUser,
}) => {
  const person = await makeUser("staff");
  const context = await browser.newContext({ javaScriptEnabled: false, viewport: { width: 390, height: 844 } });
  await signIn(context, person.email);
  const page = await context.newPage();
  await page.goto("/gallande");
  const first = page.getByRole("main").locator('a[href^="/gallande/"]').first();
  const listed = (await first.textContent())!;
  await first.click();
  const title = (await page.locator("#release-title").textContent())!;
  expect(listed).toContain(title);
  await expect(page.locator(".document-body")).not.toBeEmpty();
  await page.goto("/start");
  await page.getByRole("main").getByRole("link", { name: "Rapportera avvikelse" }).click();
  await expect(page.getByRole("button", { name: /Skicka/ })).toBeVisible();
  await context.close();
});
