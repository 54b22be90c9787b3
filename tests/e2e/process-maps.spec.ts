import type { Browser, Page } from "@playwright/test";
import * as Y from "yjs";
import { compact } from "#app/models/collab-store.server.ts";
import { MAP_KEYS } from "#app/models/process-map.ts";
import { createProcess, getProcess } from "#app/models/processes.server.ts";
import { findUserByEmail } from "#app/models/users.server.ts";
import type { DbConnection } from "#db/client.ts";
import { demo, expect, test, type TestUser } from "#tests/fixtures/e2e.ts";

function newProcess(db: DbConnection, title: string) {
  const owner = findUserByEmail(db, demo.quality_manager)!;
  const id = createProcess(db, owner, {
    title,
    kind: "core",
    parentId: null,
    ownerId: owner.id,
    mandate: "Prioriterar order",
    purpose: "Rätt vara i tid",
    inputs: "Order",
    outputs: "Leverans",
    customers: "Kunder",
    interfaces: "Transportör",
  });
  return { id, mapDocumentId: getProcess(db, id)!.mapDocumentId };
}

async function openMap(page: Page, processId: string) {
  await page.goto(`/processer/${processId}/karta`);
  // The map's connection can take a while on a loaded machine; a person waits for it too.
  await expect(page.getByRole("status").filter({ hasText: "Ansluten" })).toBeVisible({ timeout: 15_000 });
  await expect(page.locator(".react-flow")).toBeVisible();
}

async function as(browser: Browser, signIn: (c: never, e: string) => Promise<void>, email: string) {
  const context = await browser.newContext();
  await signIn(context as never, email);
  return context.newPage();
}

test("two process owners draw the same map and see each other's steps appear", async ({ browser, db, signIn }) => {
  test.setTimeout(60_000);
  const { id } = newProcess(db, `Order till leverans ${Date.now()}`);
  const karin = await as(browser, signIn, demo.quality_manager);
  const per = await as(browser, signIn, demo.process_owner);
  await openMap(karin, id);
  await openMap(per, id);

  await karin.getByRole("button", { name: "+ Start" }).click();
  await karin.getByRole("button", { name: "+ Aktivitet" }).click();
  await expect(per.locator(".react-flow__node")).toHaveCount(2);
  await expect(per.locator(".react-flow__node").filter({ hasText: "Ny aktivitet" })).toBeVisible();
  await expect(per.locator(".react-flow__edge")).toHaveCount(1);

  // Per renames the step; Karin sees the new text. Karin's undo takes back only her own work.
  // By keyboard, as the map allows: a new step may land under the side panel, out of a pointer's reach.
  await per.locator(".react-flow__node").filter({ hasText: "Ny aktivitet" }).focus();
  await per.keyboard.press("Enter");
  await expect(per.getByRole("heading", { name: "Valt steg" })).toBeVisible();
  await per.getByLabel("Text", { exact: true }).fill("Registrera order");
  await expect(karin.locator(".react-flow__node").filter({ hasText: "Registrera order" })).toBeVisible();
  await karin.getByRole("button", { name: "+ Beslut" }).click();
  await expect(per.locator(".react-flow__node")).toHaveCount(3);
  await karin.getByRole("button", { name: "Ångra (dina ändringar)" }).click();
  await expect(per.locator(".react-flow__node")).toHaveCount(2);
  await expect(per.locator(".react-flow__node").filter({ hasText: "Registrera order" })).toBeVisible();
  await expect(karin.getByText("Allt sparat")).toBeVisible();
});

test("a step is linked to a routine and a risk, the map is approved, and staff click through to the routine", async ({
  browser,
  db,
  signIn,
  makeUser,
}) => {
  test.setTimeout(90_000);
  const title = `Reklamationer ${Date.now()}`;
  const { id, mapDocumentId } = newProcess(db, title);
  // The map as the owner drew it earlier: a start, one activity, an end, in one lane.
  const doc = new Y.Doc();
  doc.getMap(MAP_KEYS.lanes).set("kundtjanst", { label: "Kundtjänst", order: 0 });
  doc.getMap(MAP_KEYS.nodes).set("s", { kind: "start", label: "Reklamation", x: 0, y: 66 });
  doc.getMap(MAP_KEYS.nodes).set("a", { kind: "activity", label: "Utred avvikelsen", x: 120, y: 58 });
  doc.getMap(MAP_KEYS.nodes).set("e", { kind: "end", label: "Besvarad", x: 360, y: 66 });
  doc.getMap(MAP_KEYS.edges).set("e1", { source: "s", target: "a", label: "" });
  doc.getMap(MAP_KEYS.edges).set("e2", { source: "a", target: "e", label: "" });
  compact(db, mapDocumentId, doc);

  const approver: TestUser = await makeUser("quality_manager");
  const karin = await as(browser, signIn, approver.email);
  await openMap(karin, id);
  await karin.locator(".react-flow__node").filter({ hasText: "Utred avvikelsen" }).click();
  const panel = karin.getByRole("region", { name: "Valt steg" });
  await panel.getByLabel("Sök något att koppla").fill("avvikelsehant");
  await panel.getByRole("button", { name: "Koppla Rutin för avvikelsehantering" }).click();
  await expect(panel.getByRole("link", { name: /Rutin för avvikelsehantering/ })).toBeVisible();
  await panel.getByLabel("Sök något att koppla").fill("Felkalibrerad");
  await panel.getByRole("button", { name: /Koppla R\d+\. Felkalibrerad/ }).click();
  const step = karin.locator(".react-flow__node").filter({ hasText: "Utred avvikelsen" });
  await expect(step).toContainText("Rutin");
  await expect(step).toContainText(/risk/);

  // The map goes through the same review and approval as a document.
  await karin.goto(`/dokument/${mapDocumentId}/granskning`);
  await karin.getByText(/Begär (ny )?granskning/).click();
  await karin.getByLabel("Godkännare").selectOption({ label: approver.name });
  await karin.getByRole("button", { name: "Skicka på granskning" }).click();
  await expect(karin.getByText("Granskningen är begärd.")).toBeVisible();
  await karin.getByLabel("Sammanfattning av ändringen").fill("Första versionen av kartan.");
  await karin.getByLabel("Ditt lösenord", { exact: true }).fill(approver.password);
  await karin.getByRole("button", { name: "Fastställ och underteckna" }).click();
  await expect(karin.getByText("Version 1.0 är fastställd.")).toBeVisible();

  // Staff open the process, see the released map, and a step opens the routine that applies.
  const staff = await as(browser, signIn, demo.staff);
  await staff.goto("/processer");
  await staff.getByRole("link", { name: new RegExp(title) }).click();
  await expect(staff.getByRole("heading", { name: "Gällande karta, version 1.0" })).toBeVisible();
  await expect(staff.getByRole("link", { name: "Redigera kartan" })).toHaveCount(0);
  await staff.getByRole("link", { name: "Utred avvikelsen" }).click();
  await expect(staff.getByRole("heading", { level: 1 }).first()).toContainText("Rutin för avvikelsehantering");

  // The released map exports as BPMN 2.0.
  const bpmn = await staff.request.get(`/processer/${id}/export/bpmn`);
  expect(bpmn.status()).toBe(200);
  expect(await bpmn.text()).toContain("<bpmn:task");
});

test("a process owner adds five steps in one lane: none hides another, before and after a reload, and the editor speaks Swedish", async ({
  browser,
  db,
  signIn,
}) => {
  test.setTimeout(60_000);
  const { id, mapDocumentId } = newProcess(db, `Reklamationer ${Date.now()}`);
  const doc = new Y.Doc();
  doc.getMap(MAP_KEYS.lanes).set("kund", { label: "Kundtjänst och reklamationshantering", order: 0 });
  doc.getMap(MAP_KEYS.lanes).set("lager", { label: "Lager", order: 1 });
  doc.getMap(MAP_KEYS.nodes).set("a", { kind: "activity", label: "Ta emot reklamation", x: 0, y: 58 });
  compact(db, mapDocumentId, doc);

  const page = await as(browser, signIn, demo.process_owner);
  await page.setViewportSize({ width: 1280, height: 900 });
  await openMap(page, id);
  // Nothing selected: each new step asks for the middle of the view, and goes to free space there.
  for (let i = 0; i < 5; i++) {
    await page.getByRole("button", { name: "+ Aktivitet" }).click();
    await page.locator(".react-flow__pane").click({ position: { x: 5, y: 5 } });
  }
  await expect(page.locator(".react-flow__node")).toHaveCount(6);
  await expect(page.getByText("Allt sparat")).toBeVisible();

  const noneOverlap = async () => {
    const boxes = await page.locator(".react-flow__node").evaluateAll((els) =>
      els.map((el) => {
        const r = el.getBoundingClientRect();
        return { left: r.left, top: r.top, right: r.right, bottom: r.bottom };
      }),
    );
    for (let i = 0; i < boxes.length; i++)
      for (let j = i + 1; j < boxes.length; j++) {
        const [a, b] = [boxes[i]!, boxes[j]!];
        const overlap = a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom;
        expect(overlap, `steps ${i} and ${j} overlap`).toBe(false);
      }
  };
  await noneOverlap();
  await page.reload();
  await expect(page.locator(".react-flow__node")).toHaveCount(6);
  await noneOverlap();

  // Automatic layout leaves no overlaps either. Its engine (elkjs) is fetched only now, when asked for.
  const layoutEngine = (url: string) => /\/assets\/auto-layout-[^/]+\.js$/.test(url);
  const fetchedBefore = await page.evaluate(() => performance.getEntriesByType("resource").map((e) => e.name));
  expect(fetchedBefore.filter(layoutEngine)).toEqual([]);
  const engine = page.waitForResponse((response) => layoutEngine(response.url()));
  await page.getByRole("button", { name: "Ordna automatiskt" }).click();
  await engine;
  await expect(page.getByText("Allt sparat")).toBeVisible();
  await noneOverlap();
  await expect(page.locator(".map-canvas")).toHaveScreenshot("five-steps-arranged.png");

  // The lanes' names are whole and in view; handles are large enough to hit; the controls speak Swedish.
  const canvas = (await page.locator(".map-canvas").boundingBox())!;
  const label = page.locator(".map-lane span", { hasText: "Kundtjänst och reklamationshantering" });
  await expect(label).toBeVisible();
  const labelBox = (await label.boundingBox())!;
  expect(labelBox.x).toBeGreaterThanOrEqual(canvas.x);
  const handle = page
    .locator(".react-flow__node")
    .filter({ hasText: "Ta emot reklamation" })
    .locator(".react-flow__handle-left");
  const box = (await handle.boundingBox())!;
  expect(box.width).toBeGreaterThanOrEqual(11);
  // Its target reaches 12 px from its centre on screen: a 24 px target.
  const hit = await handle.evaluate(
    (el, at) => {
      const found = document.elementFromPoint(at.x, at.y);
      return found === el || el.contains(found);
    },
    { x: box.x + box.width / 2 - 11, y: box.y + box.height / 2 },
  );
  expect(hit).toBe(true);
  await expect(page.locator(".react-flow__controls-zoomin")).toHaveAttribute("title", "Zooma in");
  await expect(page.locator(".react-flow__controls-fitview")).toHaveAttribute("title", "Visa hela kartan");
});
