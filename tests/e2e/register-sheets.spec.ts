import fs from "node:fs";
import ExcelJS from "exceljs";
import { expect, test } from "#tests/fixtures/e2e.ts";
import { openAs } from "#tests/fixtures/e2e-documents.ts";
import { createRisk } from "#app/models/risks.server.ts";

/** The sheet as a person saves it from Excel after editing one risk's cells. */
async function edit(file: Buffer, title: string, cells: Record<string, string | number | ExcelJS.CellFormulaValue>) {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(file as unknown as ArrayBuffer);
  const sheet = workbook.worksheets[0]!;
  const headers = new Map<string, number>();
  sheet.getRow(1).eachCell((cell, n) => headers.set(cell.text, n));
  let row = 0;
  sheet.eachRow((r, n) => {
    if (r.getCell(headers.get("Benämning")!).text === title) row = n;
  });
  for (const [header, value] of Object.entries(cells)) sheet.getCell(row, headers.get(header)!).value = value;
  return { buffer: Buffer.from(await workbook.xlsx.writeBuffer()), row };
}

test("a quality manager takes the risk register to Excel, is told exactly which cell is wrong, and brings the corrected sheet back", async ({
  browser,
  signIn,
  makeUser,
  db,
}) => {
  const qm = await makeUser("quality_manager");
  // A risk of this test's own, so the demo's risks and the heat map other flows count stay as they are.
  const title = `Excelrisk ${Date.now()}`;
  createRisk(
    db,
    { id: qm.id, role: "quality_manager" },
    {
      kind: "risk",
      title,
      category: "quality",
      cause: "Okänd",
      consequenceText: "",
      ownerId: qm.id,
      unitId: null,
      treatment: "reduce",
      nextReviewOn: "2030-01-01",
      inherent: { likelihood: 2, consequence: 2 },
      residual: { likelihood: 1, consequence: 2 },
    },
  );
  const page = await openAs(browser, signIn, qm);
  await page.goto("/risker");
  const [download] = await Promise.all([
    page.waitForEvent("download"),
    page.getByRole("link", { name: "Exportera till Excel" }).click(),
  ]);
  const exported = fs.readFileSync((await download.path())!);
  const wrong = await edit(exported, title, {
    "Kvarvarande risk: Sannolikhet": { formula: "1+1", result: 2 },
    Ägare: "Ingen Sådan",
  });

  await page.getByRole("link", { name: "Importera från Excel" }).click();
  await page
    .getByLabel("Excel- eller CSV-fil")
    .setInputFiles({ name: "risker.xlsx", mimeType: "application/octet-stream", buffer: wrong.buffer });
  await page.getByRole("button", { name: "Förhandsgranska" }).click();
  const problems = page.getByRole("alert");
  await expect(problems.getByRole("heading")).toHaveText("2 problem: inget har sparats");
  await expect(problems.getByRole("row").filter({ hasText: "Kvarvarande risk: Sannolikhet" })).toContainText(
    `${wrong.row}Kvarvarande risk: SannolikhetInnehåller en formel.`,
  );
  await expect(problems.getByRole("row").filter({ hasText: "Ägare" })).toContainText("Ingen Sådan");

  const right = await edit(exported, title, {
    Benämning: `${title} (kontrollerad)`,
    "Kvarvarande risk: Sannolikhet": 1,
  });
  await page
    .getByLabel("Excel- eller CSV-fil")
    .setInputFiles({ name: "risker.xlsx", mimeType: "application/octet-stream", buffer: right.buffer });
  await page.getByRole("button", { name: "Förhandsgranska" }).click();
  await expect(page.getByRole("row").filter({ hasText: `${title} (kontrollerad)` })).toContainText("Ändras");
  await page.getByRole("button", { name: "Spara 1 ändring" }).click();
  await expect(page.getByText(/Sparat: 0 nya, 1 ändrade/)).toBeVisible();
  await page.goto("/risker");
  await expect(page.getByText(`${title} (kontrollerad)`)).toBeVisible();
});
