import fs from "node:fs";
import type { Locator } from "@playwright/test";
import { PDFParse } from "pdf-parse";
import yazl from "yazl";
import { expect, test } from "#tests/fixtures/e2e.ts";
import { openAs, releaseFirstVersion } from "#tests/fixtures/e2e-documents.ts";

const fixture = (name: string) => fs.readFileSync(`tests/fixtures/office/${name}`);

/** A folder tree of Word files as an organisation would zip it up. */
function folderZip(entries: Record<string, Buffer>): Promise<Buffer> {
  const zip = new yazl.ZipFile();
  for (const [name, bytes] of Object.entries(entries)) zip.addBuffer(bytes, name);
  zip.end();
  const chunks: Buffer[] = [];
  return new Promise((resolve) => {
    zip.outputStream.on("data", (c: Buffer) => chunks.push(c));
    zip.outputStream.on("end", () => resolve(Buffer.concat(chunks)));
  });
}

/** Whether the browser could load and draw the picture (it came through the permission check). */
const loaded = (img: Locator) =>
  img.evaluate((el) => (el as HTMLImageElement).complete && (el as HTMLImageElement).naturalWidth > 0);

test("a quality manager moves a folder of Word routines in, approves one with its picture, and takes it out as Word; staff see the picture", async ({
  browser,
  signIn,
  makeUser,
}) => {
  test.setTimeout(120_000);
  const qm = await makeUser("quality_manager");
  const page = await openAs(browser, signIn, qm);
  const stamp = Date.now();
  const zip = await folderZip({
    [`Ledningssystem ${stamp}/Rutiner/Handhygien.docx`]: fixture("handhygien.docx"),
    [`Ledningssystem ${stamp}/Rutiner/Läkemedel.docx`]: fixture("lakemedel.docx"),
    [`Ledningssystem ${stamp}/Policyer/Kvalitetspolicy.docx`]: fixture("quality-policy.docx"),
  });

  await page.goto("/dokument");
  await page.getByRole("link", { name: "Ny från Word-fil" }).click();
  await page
    .getByLabel("Filer")
    .setInputFiles({ name: "ledningssystem.zip", mimeType: "application/zip", buffer: zip });
  await page.getByRole("button", { name: "Förhandsgranska" }).click();

  // Nothing is saved yet: each file with the type its folders suggest, to correct first.
  await expect(page.getByText("3 Word-filer hittades.")).toBeVisible();
  const typeOf = (file: string) => page.getByLabel(`Dokumenttyp: Ledningssystem ${stamp}/${file}`);
  await expect(typeOf("Policyer/Kvalitetspolicy.docx")).toHaveValue("policy");
  await expect(typeOf("Rutiner/Läkemedel.docx")).toHaveValue("routine");
  await typeOf("Rutiner/Läkemedel.docx").selectOption({ label: "Instruktion" });
  await page.getByRole("button", { name: "Importera 3 filer" }).click();

  await expect(page.getByRole("heading", { name: "Importrapport" })).toBeVisible();
  await expect(page.getByText("3 importerade, 0 inte importerade.")).toBeVisible();
  // Each file's report says what came along and what did not.
  const handhygien = page.locator("li").filter({ hasText: "Handhygien.docx" });
  await handhygien.getByText("Visa importrapporten").click();
  await expect(handhygien.getByText("1 bild", { exact: true })).toBeVisible();
  await expect(handhygien.getByText(/1 textruta/)).toBeVisible();
  await expect(handhygien.getByText("RUT-012")).toBeVisible();
  await handhygien.getByRole("link", { name: "Rutin för handhygien" }).click();

  // The draft is live text with its picture, and the register has the document number.
  await expect(page.getByRole("heading", { name: "Rutin för handhygien" }).first()).toBeVisible();
  await expect(page.getByText(/Importerat från .*Handhygien\.docx/)).toBeVisible();
  const picture = page.locator(".ProseMirror img");
  await expect(picture).toBeVisible();
  expect(await loaded(picture)).toBe(true);
  const id = new URL(page.url()).pathname.split("/").pop()!;
  const original = await page.locator("details.import-origin a[download]").getAttribute("href");

  await releaseFirstVersion(page, id, qm);
  await page.goto(`/gallande/${id}`);
  const released = page.locator(".release-body img");
  await expect(released).toBeVisible();
  expect(await loaded(released)).toBe(true);
  const [word] = await Promise.all([
    page.waitForEvent("download"),
    page.getByRole("link", { name: "Ladda ner Word" }).click(),
  ]);
  expect(word.suggestedFilename()).toBe("Rutin-för-handhygien-1.0.docx");
  const bytes = fs.readFileSync((await word.path())!);
  expect(bytes.subarray(0, 2).toString()).toBe("PK");

  // The handbook of what applies: a cover, the contents, and the routine with its identity.
  await page.goto("/gallande?typ=routine");
  const [handbook] = await Promise.all([
    page.waitForEvent("download"),
    page.getByRole("link", { name: "Ladda ner handboken som PDF" }).click(),
  ]);
  expect(handbook.suggestedFilename()).toMatch(/^Handbok-\d{4}-\d{2}-\d{2}\.pdf$/);
  const { text } = await new PDFParse({ data: fs.readFileSync((await handbook.path())!) }).getText();
  expect(text).toContain("Ledningssystemets handbok");
  expect(text).toContain("Innehåll");
  expect(text).toContain("Rutin för handhygien");
  expect(text).toContain("Dokumentnummer RUT-012");
  expect(text).toMatch(/Sida 1 av \d+/);

  // Staff read the release with its picture, through the same permission check.
  const staff = await openAs(browser, signIn, await makeUser("staff"));
  await staff.goto(`/gallande/${id}`);
  const seen = staff.locator(".release-body img");
  await expect(seen).toBeVisible();
  expect(await loaded(seen)).toBe(true);
  // The original Word file belongs to the draft, which is not theirs to open.
  expect((await staff.request.get(original!)).status()).toBe(404);
  expect((await page.request.get(original!)).status()).toBe(200);
});

test("one Word file opens as a draft at once; a bad file is named with the reason and nothing is saved", async ({
  browser,
  signIn,
  makeUser,
}) => {
  const qm = await makeUser("quality_manager");
  const page = await openAs(browser, signIn, qm);
  await page.goto("/dokument/importera");
  await page.getByLabel("Filer").setInputFiles({
    name: "Läkemedel.docx",
    mimeType: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    buffer: fixture("lakemedel.docx"),
  });
  await page.getByRole("button", { name: "Förhandsgranska" }).click();
  await expect(page).toHaveURL(/\/dokument\/[a-z2-7]{16}$/);
  await expect(page.locator(".ProseMirror")).toContainText("Två personer kontrollerar varje dos.");

  await page.goto("/dokument/importera");
  await page.getByLabel("Filer").setInputFiles({
    name: "Rutin.docx",
    mimeType: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    buffer: Buffer.from("Det här är ingen Word-fil."),
  });
  await page.getByRole("button", { name: "Förhandsgranska" }).click();
  await expect(page.getByRole("alert")).toContainText(
    "Rutin.docx: Filen är inte en Word-fil (.docx), fast namnet säger det.",
  );
  await expect(page.getByText("0 importerade, 1 inte importerade.")).toBeVisible();
});
