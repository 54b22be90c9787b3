import { createProgramme } from "#app/models/audit-programmes.server.ts";
import { planAudit } from "#app/models/audits.server.ts";
import { getDocument } from "#app/models/documents.server.ts";
import { findUserByEmail } from "#app/models/users.server.ts";
import { anAudit } from "#tests/fixtures/db.ts";
import { demo, expect, test } from "#tests/fixtures/e2e.ts";
import { openAs, releaseFirstVersion, withdraw } from "#tests/fixtures/e2e-documents.ts";

test("an internal auditor finds the next step without a programme, and their planned audit on Start", async ({
  browser,
  signIn,
  makeUser,
  db,
}) => {
  const auditor = await makeUser("auditor");
  const page = await openAs(browser, signIn, auditor);
  const empty = new Date().getFullYear() + 5;
  await page.goto(`/revision?ar=${empty}`);
  await expect(page.getByText(`Det finns inget revisionsprogram för ${empty}.`)).toBeVisible();
  await expect(page.getByText(/Programmet läggs upp av .*Karin Kvist/)).toBeVisible();

  const qm = findUserByEmail(db, demo.quality_manager)!;
  const year = new Date().getFullYear() + 4;
  const auditId = planAudit(
    db,
    qm,
    createProgramme(db, qm, year, ""),
    anAudit(auditor.id, "Kundtjänst", `${year}-05-12`, "9.1"),
  );
  await page.goto("/start");
  const todo = page.getByRole("region", { name: "Att göra" });
  await todo.getByRole("link", { name: /Revision \d+\. Kundtjänst att genomföra 12 maj/ }).click();
  await expect(page).toHaveURL(new RegExp(`/revision/granskningar/${auditId}$`));
});

test("the annual cycle tells when a duty was done, and its late and coming duties reach Start", async ({
  page,
  signIn,
  db,
}) => {
  await signIn(page.context(), demo.quality_manager);
  // Last year's programme, set up only now: the cycle says when, not "done on 31 Jan".
  const year = new Date().getFullYear() - 1;
  createProgramme(db, findUserByEmail(db, demo.quality_manager)!, year, "");
  await page.goto(`/ledningens-genomgang/arshjul?ar=${year}`);
  await expect(page.getByText(new RegExp(`klar .* sista dag var 31 jan\\. ${year}`))).toBeVisible();

  await page.goto("/start");
  await expect(
    page
      .getByRole("region", { name: "Att göra" })
      .getByText(/^Årshjulet: /)
      .first(),
  ).toBeVisible();
});

test("the document register lists all documents when asked, with the version in force", async ({
  browser,
  signIn,
  makeUser,
  makeDocument,
  db,
}) => {
  test.setTimeout(60_000);
  const qm = await makeUser("quality_manager");
  const id = await makeDocument(qm.email, "En rutin som upphävs.");
  const page = await openAs(browser, signIn, qm);
  await releaseFirstVersion(page, id, qm);
  const title = getDocument(db, id)!.title;

  await page.goto("/dokument");
  await expect(page.getByRole("row").filter({ hasText: title })).toContainText("1.0");
  await page.goto(`/dokument/${id}/granskning`);
  await withdraw(page, "Rutinen behövs inte längre efter omorganisationen.", qm.password);
  await expect(page.getByText("Dokumentet är upphävt.")).toBeVisible();

  await page.goto("/dokument");
  await expect(page.getByRole("row").filter({ hasText: title })).toHaveCount(0);
  await page.getByLabel("Status").selectOption({ label: "Alla" });
  await page.getByRole("button", { name: "Filtrera" }).click();
  await expect(page.getByRole("row").filter({ hasText: title })).toContainText("Arkiverat");
});

test("an empty list offers the next step: a new person's own actions, and drafts they are not yet invited to", async ({
  browser,
  signIn,
  makeUser,
}) => {
  const qm = await makeUser("quality_manager");
  const page = await openAs(browser, signIn, qm);
  await page.goto("/atgarder?visa=mina");
  await page.getByRole("region", { name: "Inga åtgärder här" }).getByRole("link", { name: "Ny åtgärd" }).click();
  await expect(page).toHaveURL(/\/atgarder\/ny$/);

  const staff = await makeUser("staff");
  const staffPage = await openAs(browser, signIn, staff);
  await staffPage.goto("/mina-utkast");
  await expect(staffPage.getByText("När någon bjuder in dig att skriva eller kommentera ett utkast")).toBeVisible();
});
