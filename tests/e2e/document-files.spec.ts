import fs from "node:fs";
import { expect, test } from "#tests/fixtures/e2e.ts";
import { openAs, releaseFirstVersion } from "#tests/fixtures/e2e-documents.ts";

const png = Buffer.from(
  "iVBORw0KGgoAAAANSUhEUgAAAAgAAAAICAIAAABLbSncAAAAEklEQVR42mNk+M+AFzCOKhhVAAA/9wX/3Qv6TQAAAABJRU5ErkJggg==",
  "base64",
);
const heic = Buffer.concat([
  Buffer.from([0, 0, 0, 0x18]),
  Buffer.from("ftypheic"),
  Buffer.alloc(4),
  Buffer.from("mif1heic"),
  Buffer.alloc(64),
]);

test("an author puts a described picture and a form into a draft; the release shows both to staff", async ({
  browser,
  signIn,
  makeUser,
  makeDocument,
}) => {
  test.setTimeout(90_000);
  const qm = await makeUser("quality_manager");
  const id = await makeDocument(qm.email, "Städvagnen ställs alltid i förrådet.");
  const page = await openAs(browser, signIn, qm);
  await page.goto(`/dokument/${id}`);
  await expect(page.getByRole("status").filter({ hasText: "Ansluten" })).toBeVisible();
  await page.locator(".ProseMirror").click();
  await page.keyboard.press("Control+End");

  // A picture in a format browsers cannot show is refused with the reason, and nothing is inserted.
  await page.getByRole("button", { name: "Infoga bild" }).click();
  const form = page.getByRole("form", { name: "Infoga bild" });
  await form
    .getByLabel("Bildfil (PNG, JPEG, GIF eller WebP)")
    .setInputFiles({ name: "foto.heic", mimeType: "image/heic", buffer: heic });
  await form.getByLabel("Beskrivning av bilden").fill("Städvagnen i förrådet");
  await form.getByRole("button", { name: "Infoga" }).click();
  await expect(form.getByRole("alert")).toContainText("foto.heic: Bilden är i ett format som webbläsare inte kan visa");

  // Described first, then stored and shown.
  await form
    .getByLabel("Bildfil (PNG, JPEG, GIF eller WebP)")
    .setInputFiles({ name: "vagn.png", mimeType: "image/png", buffer: png });
  await form.getByRole("button", { name: "Infoga" }).click();
  const picture = page.locator('.ProseMirror img[alt="Städvagnen i förrådet"]');
  await expect(picture).toBeVisible();
  await expect(page.getByText("Allt sparat")).toBeVisible();

  const forms = page.getByRole("region", { name: "Blanketter" });
  await forms.getByLabel("Fil").setInputFiles({
    name: "Checklista städ.docx",
    mimeType: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    buffer: fs.readFileSync("tests/fixtures/office/lakemedel.docx"),
  });
  await forms.getByRole("button", { name: "Lägg till blankett" }).click();
  await expect(forms.getByText("Blanketten Checklista städ.docx är tillagd.")).toBeVisible();
  await expect(forms.getByRole("link", { name: "Checklista städ.docx" })).toBeVisible();

  await releaseFirstVersion(page, id, qm);
  const staff = await openAs(browser, signIn, await makeUser("staff"));
  await staff.goto(`/gallande/${id}`);
  const seen = staff.locator('.release-body img[alt="Städvagnen i förrådet"]');
  await expect(seen).toBeVisible();
  expect(await seen.evaluate((img) => (img as HTMLImageElement).naturalWidth)).toBe(8);
  const [download] = await Promise.all([
    staff.waitForEvent("download"),
    staff.getByRole("region", { name: "Blanketter" }).getByRole("link", { name: "Checklista städ.docx" }).click(),
  ]);
  expect(download.suggestedFilename()).toBe("Checklista städ.docx");
});
