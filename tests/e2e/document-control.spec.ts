import fs from "node:fs";
import { PDFParse } from "pdf-parse";
import { expect, test } from "#tests/fixtures/e2e.ts";
import { approve, openAs, requestReview, typeAtEnd } from "#tests/fixtures/e2e-documents.ts";

test("a routine is written, reviewed, approved with a signature, read and acknowledged, and revised as 1.1", async ({
  browser,
  signIn,
  makeUser,
}) => {
  test.setTimeout(90_000);
  const author = await makeUser("process_owner");
  const approver = await makeUser("quality_manager");
  const staff = await makeUser("staff");
  const word = `vågkalibrering${Date.now()}`;
  const title = `Rutin för ${word}`;

  // The author writes a routine and asks for review.
  const authorPage = await openAs(browser, signIn, author);
  await authorPage.goto("/dokument/ny");
  await authorPage.getByLabel("Titel").fill(title);
  await authorPage.getByLabel("Typ").selectOption({ label: "Rutin" });
  await authorPage.getByLabel("Dokumentägare").selectOption({ label: author.name });
  await authorPage.getByRole("button", { name: "Skapa dokument" }).click();
  await expect(authorPage.getByRole("heading", { level: 1, name: title })).toBeVisible();
  const documentId = authorPage.url().split("/").pop()!;
  await typeAtEnd(authorPage, `Vågen kontrolleras varje morgon (${word}).`);
  await requestReview(authorPage, documentId, approver);

  // The approver signs with their password; a wrong one approves nothing.
  const approverPage = await openAs(browser, signIn, approver);
  await approverPage.goto(`/dokument/${documentId}/granskning`);
  await expect(approverPage.getByText("Det här blir version 1.0.")).toBeVisible();
  await approverPage.getByLabel("Sammanfattning av ändringen").fill("Första versionen.");
  await approverPage.getByLabel("Ditt lösenord", { exact: true }).fill("fel lösenord");
  await approverPage.getByRole("button", { name: "Fastställ och underteckna" }).click();
  await expect(approverPage.getByRole("alert")).toContainText("Lösenordet stämmer inte. Inget är fastställt.");
  await approve(approverPage, documentId, approver, "Första versionen.");
  await expect(approverPage.getByText("Version 1.0 är fastställd.")).toBeVisible();

  // Staff find it in Gällande dokument, among what they have to read, and by searching its text.
  const staffPage = await openAs(browser, signIn, staff);
  await staffPage.goto("/gallande");
  await expect(staffPage.getByRole("region", { name: /Att läsa/ })).toContainText(title);
  await staffPage.getByLabel("Sök i texten").fill(word.slice(0, 10));
  await staffPage.getByRole("button", { name: "Sök", exact: true }).click();
  const hit = staffPage.locator(".reading-list > li").filter({ hasText: title });
  await expect(hit.locator("mark").first()).toContainText(word.slice(0, 10));
  await staffPage.locator(".reading-list").getByRole("link", { name: title }).click();
  await expect(staffPage.getByRole("heading", { level: 1, name: title })).toBeVisible();
  await expect(staffPage.locator(".release-meta")).toContainText("1.0");
  await expect(staffPage.locator(".release-meta")).toContainText(approver.name);
  await staffPage.getByRole("button", { name: "Jag har läst och förstått" }).click();
  await expect(staffPage.getByText(/Du bekräftade att du läst den här versionen/)).toBeVisible();

  // The author edits; the approver approves 1.1 as a minor change.
  await authorPage.goto(`/dokument/${documentId}`);
  await typeAtEnd(authorPage, " Kontrollvikterna kalibreras årligen.");
  await requestReview(authorPage, documentId, approver);
  await approve(approverPage, documentId, approver, "Årlig kalibrering av kontrollvikter.");
  await expect(approverPage.getByText("Version 1.1 är fastställd.")).toBeVisible();

  // Staff see what changed since 1.0, and acknowledge 1.1.
  await staffPage.goto(`/gallande/${documentId}`);
  await expect(staffPage.locator(".release-meta")).toContainText("1.1");
  await expect(staffPage.getByText("Vad har ändrats sedan version 1.0, som du läste senast")).toBeVisible();
  await expect(staffPage.locator(".acknowledge .diff ins")).toHaveText(" Kontrollvikterna kalibreras årligen.");
  await staffPage.getByRole("button", { name: "Jag har läst och förstått" }).click();
  await expect(staffPage.getByText(/Du bekräftade att du läst den här versionen/)).toBeVisible();

  // 1.0 is marked superseded and leads to 1.1.
  await staffPage.goto(`/gallande/${documentId}/1.0`);
  await expect(staffPage.getByRole("alert")).toContainText("Den här versionen är ersatt");
  await staffPage.getByRole("link", { name: "Gå till gällande version 1.1" }).click();
  await expect(staffPage).toHaveURL(new RegExp(`/gallande/${documentId}$`));

  // The PDF downloads and names the version on its pages.
  const download = staffPage.waitForEvent("download");
  await staffPage.getByRole("link", { name: "Ladda ner PDF" }).click();
  const file = await (await download).path();
  const { text } = await new PDFParse({ data: fs.readFileSync(file) }).getText();
  expect(text).toContain(title);
  expect(text).toContain("Version 1.1");
  expect(text).toContain("Kontrollvikterna kalibreras årligen.");
  expect(text).toMatch(/Sida 1 av 1/);

  // The owner sees who has read it.
  await authorPage.goto(`/dokument/${documentId}/granskning`);
  await expect(authorPage.getByRole("table")).toContainText("1.1");
});

test("an approver who was not named cannot approve, and script in content never runs in the reading view", async ({
  browser,
  signIn,
  makeUser,
}) => {
  // Three people and a signature: more than the default half minute on a loaded machine.
  test.setTimeout(60_000);
  const author = await makeUser("process_owner");
  const approver = await makeUser("quality_manager");
  const other = await makeUser("quality_manager");
  const authorPage = await openAs(browser, signIn, author);
  await authorPage.goto("/dokument/ny");
  const title = `Instruktion ${Date.now()}`;
  await authorPage.getByLabel("Titel").fill(title);
  await authorPage.getByLabel("Dokumentägare").selectOption({ label: author.name });
  await authorPage.getByRole("button", { name: "Skapa dokument" }).click();
  await expect(authorPage.getByRole("heading", { level: 1, name: title })).toBeVisible();
  const documentId = authorPage.url().split("/").pop()!;
  await typeAtEnd(authorPage, `<img src=x onerror="window.__pwned=1"><script>window.__pwned=1</script>`);
  await requestReview(authorPage, documentId, approver);

  const otherPage = await openAs(browser, signIn, other);
  await otherPage.goto(`/dokument/${documentId}/granskning`);
  await expect(otherPage.getByRole("button", { name: "Fastställ och underteckna" })).toHaveCount(0);

  const approverPage = await openAs(browser, signIn, approver);
  await approve(approverPage, documentId, approver, "Test av säkerhet.");
  await expect(approverPage.getByText("Version 1.0 är fastställd.")).toBeVisible();
  await approverPage.goto(`/gallande/${documentId}`);
  await expect(approverPage.locator(".release-body")).toContainText("<script>window.__pwned=1</script>");
  expect(await approverPage.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
});

test("a reading page is never served stale, nor someone else's, and every copy has a fresh nonce", async ({
  browser,
  signIn,
  makeUser,
  db,
}) => {
  const policy = db.$client.prepare("select id from documents where title = 'Kvalitetspolicy'").get() as { id: string };
  const first = await makeUser("staff");
  const second = await makeUser("staff");
  const firstPage = await openAs(browser, signIn, first);
  const secondPage = await openAs(browser, signIn, second);
  const url = `/gallande/${policy.id}`;
  const nonceOf = (html: string) => /nonce="([^"]+)"/.exec(html)?.[1];

  const a = await firstPage.request.get(url);
  const b = await firstPage.request.get(url);
  const [htmlA, htmlB] = [await a.text(), await b.text()];
  expect(nonceOf(htmlA)).not.toBe(nonceOf(htmlB));
  expect(b.headers()["content-security-policy"]).toContain(`'nonce-${nonceOf(htmlB)}'`);
  expect(htmlB).toContain(first.name);
  expect(htmlB).toContain("Jag har läst och förstått");

  const other = await (await secondPage.request.get(url)).text();
  expect(other).toContain(second.name);
  expect(other).not.toContain(first.name);

  await firstPage.goto(url);
  await firstPage.getByRole("button", { name: "Jag har läst och förstått" }).click();
  await expect(firstPage.getByText(/Du bekräftade att du läst den här versionen/)).toBeVisible();
  const after = await (await firstPage.request.get(url)).text();
  expect(after).toContain("Du bekräftade att du läst den här versionen");
  expect(after).not.toContain("Jag har läst och förstått");
});
