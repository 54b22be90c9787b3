import { PDFParse } from "pdf-parse";
import { demo, expect, test } from "#tests/fixtures/e2e.ts";

test("three ISO 9001 clauses are mapped to a policy, a process and a KPI; the coverage view shows them covered and the rest as gaps", async ({
  page,
  signIn,
}) => {
  test.setTimeout(90_000);
  await signIn(page.context(), demo.quality_manager);
  await page.goto("/krav");
  await page.getByRole("button", { name: "Lägg till ISO 9001" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("ISO 9001");
  const frameworkPath = new URL(page.url()).pathname;
  await expect(page.getByRole("region", { name: "Täckning" })).toContainText("Lucka: 28");

  const mapTo = async (clause: string, search: string, item: string | RegExp) => {
    await page.goto(frameworkPath);
    await page.getByRole("link", { name: clause }).click();
    await page.getByLabel("Sök något att koppla").fill(search);
    await page.getByRole("button", { name: item, exact: typeof item === "string" }).click();
    await expect(
      page.getByRole("region", { name: "Kopplat" }).getByRole("link", { name: new RegExp(search) }),
    ).toBeVisible();
  };
  await mapTo("5.2 Policy", "Kvalitetspolicy", /^Koppla Kvalitetspolicy( \d+\.\d+)?$/);
  await mapTo("8.5 Produktion och tillhandahållande av tjänster", "Order till", "Koppla Order till leverans");
  await mapTo("9.1 Övervakning, mätning, analys och utvärdering", "Leveransprecision", "Koppla Leveransprecision");

  await page.goto(frameworkPath);
  await expect(page.getByRole("region", { name: "Täckning" })).toContainText("Uppfyllt: 3");
  await expect(page.getByRole("region", { name: "Täckning" })).toContainText("Lucka: 25");
  const row = (clause: string) => page.getByRole("row", { name: new RegExp(`^${clause.replace(".", "\\.")} `) });
  await expect(row("5.2")).toContainText("Uppfyllt");
  await expect(row("5.2").getByRole("link", { name: /Kvalitetspolicy/ })).toBeVisible();
  await expect(row("8.5")).toContainText("Order till leverans");
  await expect(row("9.1")).toContainText("Leveransprecision");
  await expect(row("7.2")).toContainText("Lucka");
});

test("an external auditor sees the evidence pack, downloads it as one PDF, and cannot change anything", async ({
  page,
  signIn,
}) => {
  await signIn(page.context(), demo.external_auditor);
  await page.goto("/krav");
  await expect(page.getByRole("button", { name: /Lägg till/ })).toHaveCount(0);
  await expect(page.getByText("Importera ett eget ramverk")).toHaveCount(0);
  await page.getByRole("link", { name: "Bevispaket" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Bevispaket");
  await expect(page.getByRole("region", { name: "Gällande dokument" })).toContainText("Kvalitetspolicy");
  await expect(page.getByRole("region", { name: "Riskregister" })).toContainText("R1.");
  await expect(page.getByRole("region", { name: "Spårbarhetens kontroll" })).toContainText("Spårbarheten är obruten");

  const download = page.waitForEvent("download");
  await page.getByRole("link", { name: "Ladda ner som PDF" }).click();
  const file = await (await download).path();
  const { readFile } = await import("node:fs/promises");
  const text = (await new PDFParse({ data: await readFile(file) }).getText()).text;
  expect(text).toContain("Bevispaket");
  expect(text).toContain("Kvalitetspolicy");
  expect(text).toContain("Spårbarheten är obruten");
  expect(text).toContain("Omfattning per ramverk");
  // The released map of the demo's core process is drawn in the pack, under its version.
  expect(text).toMatch(/Order till leverans \(Version \d+\.\d+\)/);

  // Read-only: nothing to link, and a forged request changes nothing.
  await page.goto("/krav");
  const response = await page.request.post("/krav", { form: { intent: "enable", key: "iso27001a" } });
  expect(response.status()).toBe(403);
});

test("the quality manager adds SOSFS 2011:9 and a further section of it, names Annex A controls from a file, and downloads the Statement of Applicability", async ({
  page,
  signIn,
}) => {
  test.setTimeout(90_000);
  await signIn(page.context(), demo.quality_manager);
  await page.goto("/krav");
  await page.getByRole("button", { name: "Lägg till SOSFS 2011:9" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("SOSFS 2011:9");
  await page.getByText("Lägg till ett krav").click();
  await page.getByLabel("Kod").fill("4 kap. 2 §");
  await page.getByLabel("Rubrik").fill("Dubblett");
  await page.getByRole("button", { name: "Lägg till kravet" }).click();
  await expect(page.getByText("Det finns redan ett krav med den koden i ramverket.")).toBeVisible();
  await page.getByLabel("Kod").fill("4 kap. 6 §");
  await page.getByLabel("Rubrik").fill("Samverkan med andra vårdgivare");
  await page.getByLabel("Hör under").selectOption("4 kap.");
  await page.getByRole("button", { name: "Lägg till kravet" }).click();
  await expect(page.getByText("Kravet är tillagt.")).toBeVisible();
  // The new row as a person would wait for it, then its place among the others.
  const rows = page.getByRole("region", { name: "Krav" }).getByRole("rowheader");
  await expect(rows.filter({ hasText: "4 kap. 6 § Samverkan med andra vårdgivare" })).toHaveCount(1);
  const codes = await rows.allTextContents();
  expect(codes.indexOf("4 kap. 6 § Samverkan med andra vårdgivare")).toBe(
    codes.findIndex((c) => c.startsWith("4 kap. 4 §")) + 1,
  );

  await page.goto("/krav");
  await page.getByRole("button", { name: "Lägg till ISO 27001 bilaga A" }).click();
  await page.getByText("Namnge krav från en fil").click();
  const upload = (body: string) =>
    page.getByLabel("Fil").setInputFiles({ name: "kontroller.csv", mimeType: "text/csv", buffer: Buffer.from(body) });
  await upload("kod,rubrik\nA.5.1,Policyer för informationssäkerhet\nA.9.1,Finns inte\n");
  await page.getByRole("button", { name: "Spara rubrikerna" }).click();
  await expect(page.getByText("Koden A.9.1 (rad 2) finns inte i ramverket.")).toBeVisible();
  await upload("kod,rubrik\nA.5.1,Policyer för informationssäkerhet\n");
  await page.getByRole("button", { name: "Spara rubrikerna" }).click();
  await expect(page.getByRole("link", { name: "A.5.1 Policyer för informationssäkerhet" })).toBeVisible();

  const download = page.waitForEvent("download");
  await page.getByRole("link", { name: "Uttalande om tillämplighet (PDF)" }).click();
  const { readFile } = await import("node:fs/promises");
  const text = (await new PDFParse({ data: await readFile((await (await download).path())!) }).getText()).text;
  expect(text).toContain("Uttalande om tillämplighet");
  expect(text).toContain("A.5.1 Policyer för informationssäkerhet");
  expect(text).toContain("A.8.34");
});
