import { addMeasurement, createKpi } from "#app/models/kpis.server.ts";
import { findUserByEmail } from "#app/models/users.server.ts";
import { demo, expect, test } from "#tests/fixtures/e2e.ts";

test("a KPI chip typed into a policy shows the KPI's status live and links the two", async ({
  page,
  db,
  signIn,
  makeDocument,
}) => {
  const owner = findUserByEmail(db, demo.quality_manager)!;
  const name = `Reklamationsgrad ${Date.now()}`;
  const kpiId = createKpi(db, owner, {
    objectiveId: null,
    name,
    unit: "%",
    direction: "lower",
    target: 2,
    warning: 3,
    frequency: "monthly",
    ownerId: owner.id,
    dataSource: "Reklamationsregistret",
  });
  addMeasurement(db, owner, kpiId, { period: "2026-10", value: 4.2 });
  const documentId = await makeDocument(demo.quality_manager, "Vi mäter kundnöjdhet med");

  await signIn(page.context(), demo.quality_manager);
  await page.goto(`/dokument/${documentId}`);
  await expect(page.getByRole("status").filter({ hasText: "Ansluten" })).toBeVisible();
  const editor = page.locator(".ProseMirror");
  await expect(editor).toBeVisible();
  await editor.focus();
  await page.keyboard.press("Control+End");
  await page.keyboard.type(` #${name.slice(0, 14)}`);
  const suggestions = page.getByRole("listbox", { name: "Risker, nyckeltal och åtgärder" });
  await expect(suggestions.getByRole("option", { name: new RegExp(name) })).toContainText("Når inte målet");
  await page.keyboard.press("Enter");
  await expect(suggestions).toHaveCount(0);

  const chip = editor.locator(".item-chip");
  await expect(chip).toContainText(`#${name}`);
  await expect(chip).toContainText("Når inte målet");
  await expect(chip.getByRole("link", { name: `#${name}` })).toHaveAttribute("href", `/mal/nyckeltal/${kpiId}`);
  await expect(page.getByText("Allt sparat")).toBeVisible();

  // The KPI's page shows the policy that names it.
  await page.goto(`/mal/nyckeltal/${kpiId}`);
  const linked = page.getByRole("region", { name: "Kopplat" });
  await expect(linked.getByRole("link", { name: /Testdokument/ })).toBeVisible();

  // A new month on target: the chip in the policy says so the next time it is opened.
  addMeasurement(db, owner, kpiId, { period: "2026-11", value: 1.5 });
  await page.goto(`/dokument/${documentId}`);
  await expect(page.locator(".ProseMirror .item-chip")).toContainText("Når målet");
});
