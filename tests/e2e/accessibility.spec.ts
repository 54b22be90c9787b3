import AxeBuilder from "@axe-core/playwright";
import type { Page } from "@playwright/test";
import { demo, expect, test } from "#tests/fixtures/e2e.ts";

// Each test scans several pages; on a loaded two-core CI machine that can outlast the default 30 s.
test.describe.configure({ timeout: 60_000 });

/** WCAG 2.1 A and AA rules, as axe-core checks them in a real browser. */
async function violations(page: Page) {
  const result = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).analyze();
  return result.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`);
}

test("the sign-in page meets WCAG 2.1 AA as axe checks it", async ({ page }) => {
  await page.goto("/login");
  expect(await violations(page)).toEqual([]);
});

test("the main pages meet WCAG 2.1 AA as axe checks them", async ({ page, context, signIn, makeDocument }) => {
  const documentId = await makeDocument(demo.quality_manager, "Tillgänglig text.");
  await signIn(context, demo.admin);
  for (const path of [
    "/start",
    "/dokument",
    `/dokument/${documentId}`,
    "/admin/anvandare",
    "/admin/enheter",
    "/konto",
    "/notiser",
    "/risker",
  ]) {
    await page.goto(path);
    if (path.startsWith("/dokument/"))
      await expect(page.getByRole("status").filter({ hasText: "Ansluten" })).toBeVisible();
    expect(await violations(page), path).toEqual([]);
  }
});

test("document control and the reading view meet WCAG 2.1 AA as axe checks them", async ({
  page,
  context,
  signIn,
  db,
}) => {
  const policy = db.$client.prepare("select id from documents where title = 'Kvalitetspolicy'").get() as { id: string };
  await signIn(context, demo.quality_manager);
  for (const path of [
    `/dokument/${policy.id}/granskning`,
    `/dokument/${policy.id}/jamfor`,
    "/gallande",
    "/gallande?q=kvalitet",
    `/gallande/${policy.id}`,
    `/gallande/${policy.id}/jamfor?fran=1.0&till=1.0`,
    "/sparbarhet",
  ]) {
    await page.goto(path);
    if (path.endsWith("/karta")) await expect(page.getByRole("status").filter({ hasText: "Ansluten" })).toBeVisible();
    expect(await violations(page), path).toEqual([]);
  }
});

test("the action plan, the risk register and the KPIs meet WCAG 2.1 AA as axe checks them", async ({
  page,
  context,
  signIn,
}) => {
  await signIn(context, demo.quality_manager);
  for (const path of [
    "/atgarder",
    "/atgarder?visa=alla&vy=tavla",
    "/atgarder/ny",
    "/risker",
    "/risker/ny",
    "/risker/andringar",
    "/mal",
    "/mal/nyckeltal/ny",
    "/admin/riskskala",
  ]) {
    await page.goto(path);
    expect(await violations(page), path).toEqual([]);
  }
});

test("the process landscape, a process page and its map editor meet WCAG 2.1 AA as axe checks them", async ({
  page,
  context,
  signIn,
  db,
}) => {
  // The map editor is a large DOM for axe to walk; give it room on a loaded machine.
  test.setTimeout(120_000);
  const order = db.$client.prepare("select id from processes where title = 'Order till leverans'").get() as {
    id: string;
  };
  await signIn(context, demo.quality_manager);
  for (const path of ["/processer", `/processer/${order.id}`, `/processer/${order.id}/karta`]) {
    await page.goto(path);
    if (path.endsWith("/karta")) await expect(page.getByRole("status").filter({ hasText: "Ansluten" })).toBeVisible();
    expect(await violations(page), path).toEqual([]);
  }
});

test("reports, their analysis and self-monitoring meet WCAG 2.1 AA as axe checks them", async ({
  page,
  context,
  signIn,
}) => {
  await signIn(context, demo.quality_manager);
  for (const path of ["/avvikelser", "/avvikelser/ny", "/avvikelser/analys", "/avvikelser/egenkontroller"]) {
    await page.goto(path);
    expect(await violations(page), path).toEqual([]);
  }
});
