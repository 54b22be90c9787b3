import { createProcess } from "#app/models/processes.server.ts";
import { findUserByEmail } from "#app/models/users.server.ts";
import { demo, expect, test } from "#tests/fixtures/e2e.ts";
import { touchingButtons } from "#tests/fixtures/layout.ts";

test("buttons side by side keep a gap on the pages people work in, on a desktop and on a phone", async ({
  browser,
  signIn,
  makeDocument,
  db,
}) => {
  test.setTimeout(90_000);
  const qm = findUserByEmail(db, demo.quality_manager)!;
  const processId = createProcess(db, qm, {
    title: `Inköp ${Date.now()}`,
    kind: "core",
    parentId: null,
    ownerId: qm.id,
    mandate: "",
    purpose: "Rätt varor i tid.",
    inputs: "",
    outputs: "",
    customers: "",
    interfaces: "",
  });
  const documentId = await makeDocument(demo.quality_manager, "En rutin att granska.");
  const pages = [
    "/start",
    "/risker",
    `/processer/${processId}`,
    `/dokument/${documentId}/granskning`,
    "/krav",
    "/atgarder",
    "/mal",
    "/avvikelser",
    "/revision",
    "/gallande",
    "/dokument",
  ];
  for (const viewport of [
    { width: 1280, height: 900 },
    { width: 390, height: 844 },
  ]) {
    const context = await browser.newContext({ viewport });
    await signIn(context, demo.quality_manager);
    const page = await context.newPage();
    for (const path of pages) {
      await page.goto(path);
      await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
      expect(await touchingButtons(page), `${path} at ${viewport.width} px`).toEqual([]);
    }
    await context.close();
  }
});

test("on a phone the whole risk matrix fits the screen, the highest consequences too, with the steps named below it", async ({
  browser,
  signIn,
}) => {
  const context = await browser.newContext({ viewport: { width: 390, height: 844 } });
  await signIn(context, demo.quality_manager);
  const page = await context.newPage();
  await page.goto("/risker");
  const matrix = page.locator(".heat-map").first();
  const box = (await matrix.boundingBox())!;
  expect(box.x + box.width).toBeLessThanOrEqual(390);
  const highest = page.getByRole("link", { name: /med sannolikhet 5 och konsekvens 5 / }).first();
  await expect(highest).toBeInViewport({ ratio: 1 });
  // Cells stay large enough to tap (WCAG 2.5.5: 44 by 44 px).
  const cell = (await highest.boundingBox())!;
  expect(cell.width).toBeGreaterThanOrEqual(44);
  expect(cell.height).toBeGreaterThanOrEqual(44);
  await expect(
    page.getByText("1 Obetydlig · 2 Liten · 3 Måttlig · 4 Allvarlig · 5 Mycket allvarlig").first(),
  ).toBeVisible();
  await expect(page.locator(".heat-map-wrap").first()).toHaveScreenshot("risk-matrix-phone.png", {
    mask: [matrix.locator("td a")],
  });
  await context.close();
});
