import { createRequire } from "node:module";
import fs from "node:fs";
import { listProcesses } from "#app/models/processes.server.ts";
import { expect, test } from "#tests/fixtures/e2e.ts";
import { openAs } from "#tests/fixtures/e2e-documents.ts";

const require = createRequire(import.meta.url);

type Drawn = {
  warnings: string[];
  pools: string[];
  lanes: string[];
  flows: { ends: boolean; crossings: number }[];
};

test("the released map exported as BPMN is drawn by bpmn-js with its pool and lanes, and every flow ends on a border", async ({
  browser,
  signIn,
  makeUser,
  db,
}) => {
  const qm = await makeUser("quality_manager");
  const page = await openAs(browser, signIn, qm);
  const order = listProcesses(db).find((p) => p.title === "Order till leverans")!;
  const response = await page.request.get(`/processer/${order.id}/export/bpmn`);
  expect(response.status()).toBe(200);
  const xml = await response.text();

  // bpmn-js's viewer, the one behind Camunda Modeler and bpmn.io, in this browser.
  await page.setContent('<div id="canvas" style="width:1400px;height:900px"></div>');
  await page.addScriptTag({ path: require.resolve("bpmn-js/dist/bpmn-viewer.production.min.js") });
  const drawn = (await page.evaluate(`(async () => {
    const viewer = new window.BpmnJS({ container: "#canvas" });
    const { warnings } = await viewer.importXML(${JSON.stringify(xml)});
    const registry = viewer.get("elementRegistry");
    const shapes = registry.filter((e) => !e.waypoints && e.type !== "label" && e.parent);
    const onBorder = (p, s) =>
      ((p.x === s.x || p.x === s.x + s.width) && p.y >= s.y && p.y <= s.y + s.height) ||
      ((p.y === s.y || p.y === s.y + s.height) && p.x >= s.x && p.x <= s.x + s.width);
    const inside = (p, s) => p.x > s.x + 1 && p.x < s.x + s.width - 1 && p.y > s.y + 1 && p.y < s.y + s.height - 1;
    const steps = shapes.filter((s) => !["bpmn:Participant", "bpmn:Lane"].includes(s.type));
    return {
      warnings: warnings.map((w) => w.message),
      pools: registry.filter((e) => e.type === "bpmn:Participant").map((e) => e.businessObject.name),
      lanes: registry.filter((e) => e.type === "bpmn:Lane").map((e) => e.businessObject.name),
      flows: registry.filter((e) => e.type === "bpmn:SequenceFlow").map((f) => ({
        ends: onBorder(f.waypoints[0], f.source) && onBorder(f.waypoints[f.waypoints.length - 1], f.target),
        // No bend of the line lies inside a step it does not join.
        crossings: f.waypoints.filter((p) => steps.some((s) => s !== f.source && s !== f.target && inside(p, s))).length,
      })),
    };
  })()`)) as Drawn;
  expect(drawn.warnings).toEqual([]);
  expect(drawn.pools).toEqual(["Order till leverans"]);
  expect(drawn.lanes).toEqual(["Kundtjänst", "Lager och logistik"]);
  expect(drawn.flows).toHaveLength(6);
  expect(drawn.flows.every((f) => f.ends && f.crossings === 0)).toBe(true);
  // The lanes are drawn as bands in the pool.
  await expect(page.locator('.djs-shape[data-element-id^="Lane_"]')).toHaveCount(2);
});

test("a file saved by bpmn-js's own modeler becomes a process whose map Lots' editor draws", async ({
  browser,
  signIn,
  makeUser,
}) => {
  const owner = await makeUser("process_owner");
  const page = await openAs(browser, signIn, owner);
  await page.goto("/processer");
  await page.getByRole("link", { name: "Importera från BPMN" }).click();
  await page.getByLabel("BPMN-fil").setInputFiles({
    name: "reklamation.bpmn",
    mimeType: "application/xml",
    buffer: fs.readFileSync("tests/fixtures/bpmn/reklamation.bpmn"),
  });
  await page.getByLabel("Typ av process").selectOption({ label: "Kärnprocess" });
  await page.getByRole("button", { name: "Importera" }).click();

  await expect(page.getByRole("heading", { name: "Reklamationshantering" })).toBeVisible();
  await page.getByText(/Kartan importerades från reklamation\.bpmn/).click();
  await expect(page.getByText("2 banor")).toBeVisible();
  await expect(page.getByText("6 steg")).toBeVisible();
  await expect(page.getByText("Allt i filen följde med.")).toBeVisible();

  await page.getByRole("link", { name: "Redigera kartan" }).click();
  const nodes = page.locator(".react-flow__node");
  await expect(nodes).toHaveCount(7);
  for (const label of [
    "Reklamation inkommer",
    "Registrera reklamationen",
    "Befogad?",
    "Utred orsaken",
    "Svara kunden",
    "Ärendet avslutat",
    "Inom två arbetsdagar",
  ]) {
    await expect(nodes.filter({ hasText: label })).toBeVisible();
  }
  await expect(page.locator(".map-lane span")).toHaveText(["Kundtjänst", "Kvalitet"]);
  // "Utred orsaken" was drawn in the lower lane, the others in the upper.
  const y = async (label: string) => (await nodes.filter({ hasText: label }).boundingBox())!.y;
  expect(await y("Utred orsaken")).toBeGreaterThan(await y("Svara kunden"));
  await expect(page.getByText("Allt sparat")).toBeVisible();
});

test("a file that is not BPMN is refused by name and nothing is created", async ({ browser, signIn, makeUser }) => {
  const owner = await makeUser("process_owner");
  const page = await openAs(browser, signIn, owner);
  await page.goto("/processer/importera");
  await page.getByLabel("BPMN-fil").setInputFiles({
    name: "karta.bpmn",
    mimeType: "application/xml",
    buffer: Buffer.from('<?xml version="1.0"?><!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]><x>&e;</x>'),
  });
  await page.getByRole("button", { name: "Importera" }).click();
  await expect(page.getByText("karta.bpmn: Filen är inte en BPMN 2.0-fil som kan läsas.")).toBeVisible();
});
