import { createAction } from "#app/models/actions.server.ts";
import { addMeasurement, createKpi } from "#app/models/kpis.server.ts";
import { notify } from "#app/models/notifications.server.ts";
import { findUserByEmail, setUserLocale } from "#app/models/users.server.ts";
import { anAction } from "#tests/fixtures/db.ts";
import { demo, expect, test } from "#tests/fixtures/e2e.ts";
import { openAs } from "#tests/fixtures/e2e-documents.ts";

for (const [locale, words] of [
  [
    "sv",
    {
      letters: ["F", "K", "U", "S"],
      bold: "Fetstil",
      likelihood: "Mycket sannolik",
      month: "feb",
      target: "Mål",
      empty: "Inga åtgärder i den här kolumnen.",
      date: /^\d{1,2} [a-zåäö]{3}\.? \d{4} \d{2}:\d{2}$/,
    },
  ],
  [
    "en",
    {
      letters: ["B", "I", "U", "S"],
      bold: "Bold",
      likelihood: "Very likely",
      month: "Feb",
      target: "Target",
      empty: "No actions in this column.",
      date: /^\d{1,2} [A-Z][a-z]{2} \d{4} \d{2}:\d{2}$/,
    },
  ],
] as const) {
  test(`one language throughout (${locale}): the editor's buttons, the risk scale, the KPI chart, dates and the empty board`, async ({
    browser,
    signIn,
    makeUser,
    makeDocument,
    db,
  }) => {
    test.setTimeout(60_000);
    const person = await makeUser("quality_manager");
    setUserLocale(db, person.id, locale);
    const page = await openAs(browser, signIn, person);

    // The editor's format buttons carry the letters of the reader's language.
    const documentId = await makeDocument(person.email, "Text att formatera.");
    await page.goto(`/dokument/${documentId}`);
    await expect(page.locator(".ProseMirror")).toBeVisible();
    const toolbar = page.getByRole("toolbar");
    await expect(toolbar.getByRole("button", { name: words.bold })).toHaveText(words.letters[0]);
    await expect(toolbar.getByRole("button")).toContainText([...words.letters]);

    // The built-in risk scale speaks the reader's language.
    await page.goto("/risker/ny");
    await expect(page.locator("option", { hasText: words.likelihood }).first()).toBeAttached();

    // The KPI chart: months by name, drawn at once, its target label clear of the target line.
    const owner = findUserByEmail(db, person.email)!;
    const year = new Date().getFullYear();
    const kpiId = createKpi(db, owner, {
      objectiveId: null,
      name: `Leveransprecision ${locale} ${Date.now()}`,
      unit: "%",
      direction: "higher",
      target: 95,
      warning: 90,
      frequency: "monthly",
      ownerId: owner.id,
      dataSource: "",
    });
    for (const [month, value] of [
      ["01", 91],
      ["02", 97],
      ["03", 93],
    ] as const)
      addMeasurement(db, owner, kpiId, { period: `${year}-${month}`, value });
    await page.goto(`/mal/nyckeltal/${kpiId}`);
    const chart = page.locator(".kpi-chart .recharts-wrapper > svg").first();
    await expect(chart.locator("text", { hasText: words.month }).first()).toBeVisible();
    const curve = chart.locator('path[stroke="#0b5c52"]').first();
    await expect(curve).toBeVisible();
    // An animated line is drawn by growing its dash; a finished one has none.
    expect(await curve.getAttribute("stroke-dasharray")).toBeNull();
    const line = chart.locator('line[stroke="#a32020"]').first();
    const label = chart.locator("text", { hasText: words.target }).last();
    await expect(label).toHaveText(words.target);
    const lineY = Number(await line.getAttribute("y1"));
    const labelBox = (await label.boundingBox())!;
    const svgBox = (await chart.boundingBox())!;
    expect(labelBox.y + labelBox.height - svgBox.y).toBeLessThanOrEqual(lineY);
    await expect(page.locator(".kpi-chart").first()).toHaveScreenshot(`kpi-chart-${locale}.png`, {
      mask: [page.locator(".kpi-chart .recharts-legend-wrapper")],
    });

    // One date format everywhere, notifications included.
    const admin = findUserByEmail(db, demo.admin)!;
    notify(db, { kind: "mention", actorId: admin.id, recipients: [person.id], link: "/start", text: "Titta här" });
    await page.goto("/notiser");
    await expect(page.locator(".notification-list time").first()).toHaveText(words.date);

    // The action board says when a column is empty: a new person's one planned action leaves four.
    createAction(db, owner, anAction(owner.id, "Kalibrera vågen"));
    await page.goto("/atgarder?vy=tavla&visa=mina");
    await expect(page.getByText(words.empty)).toHaveCount(4);
    await expect(page.locator(".board-column").nth(1)).toHaveScreenshot(`empty-board-column-${locale}.png`);
  });
}
