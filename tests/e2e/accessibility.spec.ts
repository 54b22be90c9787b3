import AxeBuilder from "@axe-core/playwright";
import type { Page } from "@playwright/test";
import { checkFiles } from "#app/models/attachments.server.ts";
import { addFinding } from "#app/models/audit-findings.server.ts";
import { createProgramme } from "#app/models/audit-programmes.server.ts";
import { planAudit } from "#app/models/audits.server.ts";
import { factText, reviewInputs, type ReviewInput } from "#app/models/management-review-rules.ts";
import { startManagementReview } from "#app/models/management-reviews.server.ts";
import { frameworkCoverage, importFramework } from "#app/models/requirements.server.ts";
import { createCompetence } from "#app/models/competence.server.ts";
import { translator } from "#app/i18n/translator.server.ts";
import { answerChecklist, createTemplate } from "#app/models/checklists.server.ts";
import { startFollowUp } from "#app/models/sam.server.ts";
import { createUnit } from "#app/models/units.server.ts";
import { findUserByEmail } from "#app/models/users.server.ts";
import { addParticipant } from "#app/models/participants.server.ts";
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

test("a draft's participants panel, Mina utkast and a commenter's draft meet WCAG 2.1 AA as axe checks them", async ({
  browser,
  signIn,
  makeDocument,
  makeUser,
  db,
}) => {
  const documentId = await makeDocument(demo.quality_manager, "Text att kommentera.");
  const qm = findUserByEmail(db, demo.quality_manager)!;
  const named = await makeUser("staff");
  addParticipant(db, qm, documentId, { userId: named.id, role: "commenter", endsOn: "2030-01-01", untilRelease: true });
  for (const [email, paths] of [
    [demo.quality_manager, [`/dokument/${documentId}`]],
    [named.email, ["/mina-utkast", `/dokument/${documentId}`]],
  ] as const) {
    const context = await browser.newContext();
    await signIn(context, email);
    const page = await context.newPage();
    for (const path of paths) {
      await page.goto(path);
      if (path.startsWith("/dokument/"))
        await expect(page.getByRole("status").filter({ hasText: "Ansluten" })).toBeVisible();
      expect(await violations(page), `${path} as ${email}`).toEqual([]);
    }
    await context.close();
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

test("the SAM follow-up, a unit's answer form, a level's compilation and an answered check meet WCAG 2.1 AA as axe checks them", async ({
  page,
  context,
  db,
  signIn,
  makeUser,
}) => {
  const qm = findUserByEmail(db, demo.quality_manager)!;
  const unit = createUnit(db, qm, { name: `Tvätteriet ${Date.now()}`, parentId: null });
  const followUp = startFollowUp(db, qm, {
    year: new Date().getFullYear(),
    reason: "reorganisation",
    background: "Tvätteriet flyttade in i nya lokaler.",
    method: "workplace_meeting",
    dueOn: "2099-12-31",
    unitIds: [unit.id],
  });
  const member = await makeUser("staff", unit.id);
  const templateId = createTemplate(db, qm, {
    title: "Kemikalieförråd",
    description: "",
    frequency: "monthly",
    unitId: unit.id,
    role: null,
    questions: [
      { text: "Är kemikalierna märkta?", type: "yes_no" },
      { text: "Foto på förrådet", type: "photo" },
    ],
  });
  const png = "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==";
  const [photo] = await checkFiles([new File([Buffer.from(png, "base64")], "forrad.png")]);
  const { roundId } = answerChecklist(
    db,
    findUserByEmail(db, member.email)!,
    {
      templateId,
      subject: unit.id,
      answers: { q1: { value: "yes", note: "" } },
      follow: {},
      photos: { q2: photo! },
    },
    process.env.LOTS_E2E_DATA_DIR!,
  );
  await signIn(context, demo.quality_manager);
  for (const path of [
    "/avvikelser/sam",
    `/avvikelser/sam/${followUp}`,
    `/avvikelser/sam/${followUp}/enhet/${unit.id}`,
    `/avvikelser/sam/${followUp}/niva/organisation`,
    `/avvikelser/egenkontroller/svar/${roundId}`,
  ]) {
    await page.goto(path);
    expect(await violations(page), path).toEqual([]);
  }
});

test("the audit programme, an audit with a finding, a management review, the annual reports and the annual cycle meet WCAG 2.1 AA as axe checks them", async ({
  page,
  context,
  db,
  signIn,
}) => {
  const qm = findUserByEmail(db, demo.quality_manager)!;
  const auditor = findUserByEmail(db, demo.auditor)!;
  // A year no other test plans in: the programme here is the accessibility test's own.
  const year = new Date().getFullYear() + 2;
  const programme = createProgramme(db, qm, year, "Tillgänglighetsprovets program");
  const auditId = planAudit(db, qm, programme, {
    title: "Inköp",
    processId: null,
    unitId: null,
    clauses: ["8.4"],
    areas: ["quality"],
    plannedOn: `${year}-03-10`,
    leadAuditorId: auditor.id,
    team: [],
    criteria: "Rutinen för inköp",
    method: "Stickprov",
  });
  addFinding(db, auditor, auditId, {
    kind: "minor_nc",
    title: "Leverantörer utvärderas inte",
    requirement: "ISO 9001 8.4.1",
    evidence: "Ingen utvärdering 2026",
    responsibleId: qm.id,
  });
  const t = translator("sv");
  const reviewId = startManagementReview(
    db,
    qm,
    {
      title: "Tillgänglighetsgenomgång",
      heldOn: `${year}-01-20`,
      periodFrom: `${year - 1}-01-01`,
      periodTo: `${year - 1}-12-31`,
      attendees: [qm.id],
      otherAttendees: "",
    },
    {
      headings: Object.fromEntries(reviewInputs.map((k) => [k, t(`managementReviews.inputs.${k}`)])) as Record<
        ReviewInput,
        string
      >,
      fact: (f) => factText(t, f),
    },
  );
  await signIn(context, demo.quality_manager);
  for (const path of [
    `/revision?ar=${year}`,
    `/revision/granskningar/${auditId}`,
    "/ledningens-genomgang",
    `/ledningens-genomgang/${reviewId}`,
    "/ledningens-genomgang/arsrapporter",
    `/ledningens-genomgang/arshjul?ar=${year}`,
  ]) {
    await page.goto(path);
    expect(await violations(page), path).toEqual([]);
  }
});

test("the requirement frameworks, a framework's coverage, a requirement and the evidence pack meet WCAG 2.1 AA as axe checks them", async ({
  page,
  context,
  db,
  signIn,
}) => {
  const qm = findUserByEmail(db, demo.quality_manager)!;
  const framework = importFramework(db, qm, {
    name: `Kundkrav ${Date.now()}`,
    description: "Krav från vår största kund",
    rows: [
      { code: "1", title: "Leveranser" },
      { code: "1.1", title: "Leveranstid inom 48 timmar", parent: "1" },
    ],
  });
  const requirement = frameworkCoverage(db, qm, framework).requirements[1]!;
  createCompetence(db, qm, { name: "Truckkort", description: "", roles: ["staff"], documentId: null, validMonths: 60 });
  await signIn(context, demo.quality_manager);
  for (const path of [
    "/krav",
    `/krav/${framework}`,
    `/krav/krav/${requirement.id}`,
    "/krav/bevis",
    "/krav/sammanhang",
    "/krav/delaktighet",
    "/krav/lagar",
    "/krav/uppgiftsfordelning",
    "/krav/kompetens",
  ]) {
    await page.goto(path);
    expect(await violations(page), path).toEqual([]);
  }
});
