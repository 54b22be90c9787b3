import fs from "node:fs";
import { spawn } from "node:child_process";
import { chromium, type Page } from "@playwright/test";
const server = spawn(process.execPath, ["--import", "tsx", "server/index.ts"], {
  env: { ...process.env, NODE_ENV: "production", HOST: "127.0.0.1", PORT: "4321", LOTS_DATA_DIR: "/tmp/shots/data", LOTS_DEMO: "1", LOTS_PUBLIC_URL: "http://127.0.0.1:4321" },
  stdio: "ignore",
});
for (let i = 0; i < 60; i++) { try { if ((await fetch("http://127.0.0.1:4321/healthz")).ok) break; } catch {} await new Promise((r) => setTimeout(r, 1000)); }
const browser = await chromium.launch({ executablePath: "/usr/bin/chromium" });
async function signedIn(width: number, height: number, locale = "sv") {
  const context = await browser.newContext({ viewport: { width, height }, baseURL: "http://127.0.0.1:4321" });
  const page = await context.newPage();
  await page.goto("/login");
  await page.getByLabel("E-post").fill("kvalitet@exempel.se");
  await page.getByLabel("Lösenord").fill("lots-demo-2026");
  await page.getByRole("button", { name: "Logga in" }).click();
  await page.waitForURL(/start/);
  if (locale === "en") { await page.getByRole("button", { name: /English/ }).first().click(); await page.waitForLoadState("networkidle"); }
  return page;
}
const shot = (page: Page, name: string) => page.screenshot({ path: `/tmp/shots/${name}.png`, fullPage: true });
const fx = (n: string) => fs.readFileSync(`tests/fixtures/office/${n}`);
const page = await signedIn(1280, 800);
await page.goto("/dokument/importera");
await shot(page, "1-import-form");
await page.getByLabel("Filer").setInputFiles([
  { name: "Handhygien.docx", mimeType: "application/octet-stream", buffer: fx("handhygien.docx") },
  { name: "Läkemedel.docx", mimeType: "application/octet-stream", buffer: fx("lakemedel.docx") },
  { name: "Kvalitetspolicy.docx", mimeType: "application/octet-stream", buffer: fx("quality-policy.docx") },
  { name: "bild.png", mimeType: "image/png", buffer: Buffer.from("x") },
]);
await page.getByRole("button", { name: "Förhandsgranska" }).click();
await page.getByText("Word-filer hittades").waitFor();
await shot(page, "2-import-preview");
await page.getByRole("button", { name: /Importera 3 filer/ }).click();
await page.getByRole("heading", { name: "Importrapport" }).waitFor();
await page.locator("li").filter({ hasText: "Handhygien.docx" }).getByText("Visa importrapporten").click();
await shot(page, "3-import-report");
await page.getByRole("link", { name: "Rutin för handhygien" }).first().click();
await page.locator(".ProseMirror img").waitFor();
await page.getByText(/Importerat från/).click();
await shot(page, "4-document-imported");
await page.getByRole("button", { name: "Infoga bild" }).click();
await shot(page, "5-image-form");
const phone = await signedIn(390, 844);
await phone.goto("/dokument/importera");
await shot(phone, "6-import-phone");
await phone.goto("/gallande");
await shot(phone, "7-gallande-phone");
await phone.goto("/register/risker/importera");
const bad = fs.readFileSync("/tmp/shots/bad.xlsx", { flag: "a+" });
void bad;
await phone.goto("/processer/importera");
await phone.getByLabel("BPMN-fil").setInputFiles({ name: "reklamation.bpmn", mimeType: "application/xml", buffer: fs.readFileSync("tests/fixtures/bpmn/reklamation.bpmn") });
await phone.getByRole("button", { name: "Importera" }).click();
await phone.getByText(/Kartan importerades/).click();
await shot(phone, "8-bpmn-process-phone");
const en = await signedIn(1280, 800, "en");
await en.goto("/risker");
await shot(en, "9-risks-en");
const x = await en.request.get("/register/risker/excel");
fs.writeFileSync("/tmp/shots/risks.xlsx", await x.body());
await browser.close();
server.kill();
