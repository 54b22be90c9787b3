import { demo, expect, test } from "#tests/fixtures/e2e.ts";

test("a year of KPI figures is imported from CSV after a preview, and the chart shows the target and last year", async ({
  page,
  signIn,
}) => {
  await signIn(page.context(), demo.quality_manager);
  const name = `Leveransprecision ${Date.now()}`;
  await page.goto("/mal/nyckeltal/ny");
  await page.getByLabel("Namn").fill(name);
  await page.getByLabel("Enhet").fill("%");
  await page.getByLabel("Mål", { exact: true }).fill("95");
  await page.getByLabel("Varningsgräns").fill("97");
  await page.getByLabel("Var siffrorna kommer ifrån").fill("Affärssystemet");
  await page.getByRole("button", { name: "Skapa nyckeltal" }).click();
  await expect(page.getByRole("alert")).toContainText("Varningsgränsen måste ligga på den sämre sidan av målet.");
  await page.getByLabel("Varningsgräns").fill("90");
  await page.getByRole("button", { name: "Skapa nyckeltal" }).click();
  await expect(page.getByRole("heading", { level: 1, name })).toBeVisible();

  // A broken file is explained row by row, and nothing is saved.
  const file = (text: string) => ({ name: "leveranser.csv", mimeType: "text/csv", buffer: Buffer.from(text) });
  await page.getByLabel("Fil").setInputFiles(file("Period;Värde\n2025-01;93\n2025-02;nio\n"));
  await page.getByRole("button", { name: "Förhandsgranska" }).click();
  await expect(page.getByText("Rad 3: ”nio” är inget tal.")).toBeVisible();
  await expect(page.getByRole("button", { name: /Importera/ })).toHaveCount(0);

  const lastYear = Array.from({ length: 12 }, (_, i) => `2025-${String(i + 1).padStart(2, "0")};${90 + (i % 5)}`);
  const thisYear = Array.from({ length: 6 }, (_, i) => `2026-${String(i + 1).padStart(2, "0")};${93 + (i % 4)},5`);
  await page.getByLabel("Fil").setInputFiles(file(`Period;Värde\n${[...lastYear, ...thisYear].join("\n")}\n`));
  await page.getByRole("button", { name: "Förhandsgranska" }).click();
  await expect(page.getByText("18 rader går att importera, 0 problem.")).toBeVisible();
  await page.getByRole("button", { name: "Importera 18 rader" }).click();
  await expect(page.getByText("18 mätvärden importerade.")).toBeVisible();

  const chart = page.getByRole("img", { name: /Diagram: 2026 och 2025, mål 95 %/ });
  await expect(chart.locator(".recharts-line")).toHaveCount(2);
  await expect(chart.locator(".recharts-reference-line")).toHaveCount(1);
  await expect(page.getByRole("table", { name: "Mätvärden" })).toContainText("96,5 %");
  await page.goto("/mal");
  await expect(page.getByRole("listitem").filter({ hasText: name })).toContainText("94,5 % · I riskzonen");
});
