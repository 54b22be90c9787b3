import type { Page } from "@playwright/test";
import { and, count, eq, isNull, like } from "drizzle-orm";
import { createProgramme } from "#app/models/audit-programmes.server.ts";
import { planAudit } from "#app/models/audits.server.ts";
import { createCompetence } from "#app/models/competence.server.ts";
import { reportDeviation, startInvestigation, triageDeviation } from "#app/models/deviations.server.ts";
import { createFramework } from "#app/models/requirements.server.ts";
import { findUserByEmail } from "#app/models/users.server.ts";
import type { DbConnection } from "#db/client.ts";
import {
  actions,
  auditFindings,
  audits,
  changeAnalyses,
  checklistTemplates,
  competenceRecords,
  competences,
  contextItems,
  delegations,
  documents,
  frameworks,
  invitations,
  kpis,
  legalRequirements,
  managementReviews,
  objectives,
  participationMeetings,
  processes,
  deviationTimeline,
  deviationWhys,
  deviations,
  requirements,
  reviews,
  riskAssessments,
  risks,
  samFollowUps,
  units,
} from "#db/schema/index.ts";
import { anAudit } from "#tests/fixtures/db.ts";
import { demo, expect, test } from "#tests/fixtures/e2e.ts";
import { openAs } from "#tests/fixtures/e2e-documents.ts";

/**
 * The next form this page sends reaches the server twice, as a double tap or a resent request
 * does (the button's own guard against a second click is bypassed); the page is shown the
 * second answer, as a browser would.
 */
async function nextPostTwice(page: Page) {
  let sent = false;
  await page.route("**/*", async (route) => {
    if (sent || route.request().method() !== "POST") return route.fallback();
    sent = true;
    await page.context().request.fetch(route.request(), { maxRedirects: 0 });
    await route.continue();
  });
}

test("a deviation report sent twice from a phone without JavaScript is one report", async ({ browser, signIn, db }) => {
  const context = await browser.newContext({ javaScriptEnabled: false, viewport: { width: 390, height: 844 } });
  await signIn(context, demo.staff);
  const page = await context.newPage();
  const title = `Halkade i trappan ${Date.now()}`;
  await page.goto("/avvikelser/ny");
  await page.getByLabel("Tillbud").check();
  await page.getByLabel("Vad hände? (kort)").fill(title);
  await page.getByLabel("Beskriv vad som hände").fill("Trappan var blöt efter städningen.");
  await page.getByLabel("Vad gjordes direkt?").fill("Satte upp en skylt.");
  await nextPostTwice(page);
  await page.getByRole("button", { name: "Skicka rapporten" }).click();
  await expect(page.getByText("Tack! Din rapport är mottagen.")).toBeVisible();
  expect(db.select({ n: count() }).from(deviations).where(eq(deviations.title, title)).get()!.n).toBe(1);
  await context.close();
});

test("a risk sent twice is registered once, and both answers lead to it", async ({ page, signIn, db }) => {
  await signIn(page.context(), demo.quality_manager);
  const title = `Dubbelregistrering ${Date.now()}`;
  await page.goto("/risker/ny");
  await page.getByLabel("Benämning").fill(title);
  await page.getByLabel("Orsak").fill("Två tryck på knappen.");
  await page.getByLabel("Konsekvens", { exact: true }).first().fill("Två likadana risker.");
  for (const group of ["Inneboende risk", "Kvarvarande risk"]) {
    await page.getByRole("group", { name: group }).getByLabel("Sannolikhet").selectOption("2");
    await page.getByRole("group", { name: group }).getByLabel("Konsekvens").selectOption("2");
  }
  await nextPostTwice(page);
  await page.getByRole("button", { name: "Registrera" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toContainText(title);
  expect(db.select({ n: count() }).from(risks).where(eq(risks.title, title)).get()!.n).toBe(1);
});

test("a new objective: sent twice it is one, and the form folds away empty with the objective listed", async ({
  page,
  signIn,
  db,
}) => {
  await signIn(page.context(), demo.quality_manager);
  const title = `Färre reklamationer ${Date.now()}`;
  await page.goto("/mal");
  const panel = page.locator("details", { has: page.getByLabel("Mål", { exact: true }) });
  if ((await panel.getAttribute("open")) === null) await panel.locator("summary").click();
  await panel.getByLabel("Mål", { exact: true }).fill(title);
  await panel.getByLabel(/Från/).fill("2026-01-01");
  await panel.getByLabel(/Till/).fill("2026-12-31");
  await nextPostTwice(page);
  await panel.getByRole("button").last().click();
  await expect(page.getByText(title).first()).toBeVisible();
  await expect(panel).not.toHaveAttribute("open", "");
  await expect(panel.getByLabel("Mål", { exact: true })).toHaveValue("");
  expect(db.select({ n: count() }).from(objectives).where(eq(objectives.title, title)).get()!.n).toBe(1);
});

test("an audit finding: the form closes and clears once it is recorded, and a second send records nothing more", async ({
  browser,
  signIn,
  makeUser,
  db,
}) => {
  const qm = findUserByEmail(db, demo.quality_manager)!;
  const lead = await makeUser("auditor");
  const year = new Date().getFullYear() + 3;
  const auditId = planAudit(
    db,
    qm,
    createProgramme(db, qm, year, ""),
    anAudit(lead.id, "Lager", `${year}-04-01`, "8.5"),
  );
  const page = await openAs(browser, signIn, lead);
  await page.goto(`/revision/granskningar/${auditId}`);
  const panel = page.locator("details", { has: page.locator("summary", { hasText: "Registrera ett fynd" }) });
  await panel.locator("summary").click();
  await panel.getByLabel("Typ av fynd").selectOption({ label: "Mindre avvikelse" });
  await panel.getByLabel("Kort beskrivning").fill("Hyllor saknar märkning");
  await panel.getByLabel("Krav", { exact: true }).fill("ISO 9001 8.5.2");
  await panel.getByLabel("Objektiva belägg").fill("Fyra av tio hyllor saknade märkning.");
  await panel.getByLabel("Ansvarig för att besvara").selectOption({ label: "Karin Kvist" });
  await nextPostTwice(page);
  await panel.getByRole("button", { name: "Registrera ett fynd" }).click();
  await expect(page.getByRole("article", { name: /Hyllor saknar märkning/ })).toBeVisible();
  await expect(panel).not.toHaveAttribute("open", "");
  await expect(panel.getByLabel("Kort beskrivning")).toHaveValue("");
  expect(db.select({ n: count() }).from(auditFindings).where(eq(auditFindings.auditId, auditId)).get()!.n).toBe(1);
});

test("asking for a new review: the form closes, the page says so, and a second send does not replace the round", async ({
  browser,
  signIn,
  makeUser,
  makeDocument,
  db,
}) => {
  const qm = await makeUser("quality_manager");
  const id = await makeDocument(qm.email, "Rutinen som granskas.");
  const page = await openAs(browser, signIn, qm);
  await page.goto(`/dokument/${id}/granskning`);
  const panel = page.locator("details", { has: page.getByLabel("Godkännare") });
  await page.getByText(/Begär (ny )?granskning/).click();
  await panel.getByLabel("Godkännare").selectOption({ label: qm.name });
  await nextPostTwice(page);
  await panel.getByRole("button", { name: "Skicka på granskning" }).click();
  await expect(page.getByText("Granskningen är begärd.")).toBeVisible();
  await expect(panel).not.toHaveAttribute("open", "");
  expect(db.select({ n: count() }).from(reviews).where(eq(reviews.documentId, id)).get()!.n).toBe(1);
});

/** More forms that create something: each sent twice (see nextPostTwice), each makes one. */
const creating: {
  name: string;
  path: string;
  open?: string;
  fill: (page: Page, stamp: string) => Promise<void>;
  submit: string;
  count: (db: DbConnection, stamp: string) => number;
}[] = [
  {
    name: "a document",
    path: "/dokument/ny",
    fill: (page, stamp) => page.getByLabel("Titel").fill(stamp),
    submit: "Skapa dokument",
    count: (db, stamp) => db.select({ n: count() }).from(documents).where(eq(documents.title, stamp)).get()!.n,
  },
  {
    name: "an action",
    path: "/atgarder/ny",
    fill: async (page, stamp) => {
      await page.getByLabel("Vad ska göras").fill(stamp);
      await page.getByLabel("Varför").fill("Ett dubbeltryck.");
      await page.getByLabel("Klart senast").fill("2030-01-31");
      await page.getByLabel("Hur effekten ska kontrolleras").fill("Stickprov.");
      await page.getByLabel("Mått eller stickprov").fill("Antal dubbletter");
      await page.getByLabel("Kontrolleras senast").fill("2030-03-31");
    },
    submit: "Skapa åtgärd",
    count: (db, stamp) => db.select({ n: count() }).from(actions).where(eq(actions.title, stamp)).get()!.n,
  },
  {
    name: "an issue of the organisation's context",
    path: "/krav/sammanhang",
    open: "Lägg till en fråga eller intressent",
    fill: async (page, stamp) => {
      await page.getByLabel("Fråga eller intressent").fill(stamp);
      await page.getByLabel("Krav och förväntningar").fill("Att inget dubbleras.");
    },
    submit: "Lägg till",
    count: (db, stamp) => db.select({ n: count() }).from(contextItems).where(eq(contextItems.title, stamp)).get()!.n,
  },
  {
    name: "a law in the legal register",
    path: "/krav/lagar",
    open: "Lägg till en lag eller föreskrift",
    fill: async (page, stamp) => {
      await page.getByLabel("Lag eller föreskrift").fill(stamp);
      await page.getByLabel("Hur den gäller oss").fill("Den gäller alla enheter.");
      await page.getByLabel("Bevakas av").selectOption({ label: "Karin Kvist" });
    },
    submit: "Lägg till",
    count: (db, stamp) =>
      db.select({ n: count() }).from(legalRequirements).where(eq(legalRequirements.title, stamp)).get()!.n,
  },
  {
    name: "a unit",
    path: "/admin/enheter",
    fill: (page, stamp) => page.getByLabel("Namn på enheten").last().fill(stamp),
    submit: "Lägg till enhet",
    count: (db, stamp) => db.select({ n: count() }).from(units).where(eq(units.name, stamp)).get()!.n,
  },
  {
    name: "a process",
    path: "/processer",
    open: "Ny process",
    fill: (page, stamp) => page.getByLabel("Processens namn").fill(stamp),
    submit: "Skapa processen",
    count: (db, stamp) => db.select({ n: count() }).from(processes).where(eq(processes.title, stamp)).get()!.n,
  },
  {
    name: "a key figure",
    path: "/mal/nyckeltal/ny",
    fill: async (page, stamp) => {
      await page.getByLabel("Namn").fill(stamp);
      await page.getByLabel("Enhet").fill("st");
      await page.getByLabel("Mål", { exact: true }).fill("10");
      await page.getByLabel("Varningsgräns").fill("5");
      await page.getByLabel("Var siffrorna kommer ifrån").fill("Tidrapporterna.");
    },
    submit: "Skapa nyckeltal",
    count: (db, stamp) => db.select({ n: count() }).from(kpis).where(eq(kpis.name, stamp)).get()!.n,
  },
  {
    name: "a checklist",
    path: "/avvikelser/egenkontroller",
    open: "Ny checklista",
    fill: async (page, stamp) => {
      await page.getByLabel("Namn").fill(stamp);
      await page.getByLabel("Fråga 1 (valfritt)").fill("Är nödutgångarna fria?");
    },
    submit: "Skapa checklistan",
    count: (db, stamp) =>
      db.select({ n: count() }).from(checklistTemplates).where(eq(checklistTemplates.title, stamp)).get()!.n,
  },
  {
    name: "a risk analysis before a change",
    path: "/risker/andringar",
    open: "Ny riskanalys inför ändring",
    fill: async (page, stamp) => {
      await page.getByLabel("Vilken ändring gäller det?").fill(stamp);
      await page.getByLabel("Beskrivning av ändringen").fill("Ny maskin i monteringen.");
      await page.getByLabel("Vilka deltog i analysen").fill("Karin och skyddsombudet.");
      await page.getByLabel("Ändringen planeras till").fill("2030-05-01");
    },
    submit: "Skapa analysen",
    count: (db, stamp) =>
      db.select({ n: count() }).from(changeAnalyses).where(eq(changeAnalyses.title, stamp)).get()!.n,
  },
  {
    name: "a management review",
    path: "/ledningens-genomgang",
    open: "Starta en genomgång",
    fill: async (page, stamp) => {
      await page.getByLabel("Rubrik").fill(stamp);
      await page.getByLabel("Mötesdatum").fill("2030-02-01");
      await page.getByLabel("Perioden från").fill("2029-01-01");
      await page.getByLabel("Perioden till").fill("2029-12-31");
      await page.getByLabel("Karin Kvist").check();
    },
    submit: "Starta genomgången",
    count: (db, stamp) =>
      db.select({ n: count() }).from(managementReviews).where(eq(managementReviews.title, stamp)).get()!.n,
  },
  {
    name: "a competence requirement",
    path: "/krav/kompetens",
    open: "Nytt kompetenskrav",
    fill: async (page, stamp) => {
      await page.getByRole("textbox", { name: "Kompetens" }).fill(stamp);
      await page.getByLabel("Medarbetare").check();
    },
    submit: "Lägg till",
    count: (db, stamp) => db.select({ n: count() }).from(competences).where(eq(competences.name, stamp)).get()!.n,
  },
  {
    name: "a meeting where staff took part",
    path: "/krav/delaktighet",
    open: "Registrera ett möte",
    fill: async (page, stamp) => {
      await page.getByLabel("Datum").fill("2026-11-12");
      await page.getByLabel("Deltagare").fill("Hela monteringen.");
      await page.getByLabel("Vad som togs upp").fill(stamp);
    },
    submit: "Spara mötet",
    count: (db, stamp) =>
      db.select({ n: count() }).from(participationMeetings).where(eq(participationMeetings.raised, stamp)).get()!.n,
  },
  {
    name: "a delegated task",
    path: "/krav/uppgiftsfordelning",
    open: "Fördela en uppgift",
    fill: async (page, stamp) => {
      await page.getByRole("textbox", { name: "Uppgift" }).fill(stamp);
      await page.getByLabel("Till").selectOption({ label: "Per Persson" });
      await page.getByLabel("Befogenheter").fill("Får stoppa en maskin.");
      await page.getByLabel("Resurser").fill("Två timmar i veckan.");
      await page.getByLabel("Kunskaper").fill("Truckkort.");
    },
    submit: "Fördela uppgiften",
    count: (db, stamp) => db.select({ n: count() }).from(delegations).where(eq(delegations.task, stamp)).get()!.n,
  },
  {
    name: "a follow-up of the work environment",
    path: "/avvikelser/sam",
    open: "Starta en uppföljning",
    fill: async (page, stamp) => {
      // Not the year's annual follow-up: that one belongs to the SAM flow.
      await page.getByLabel("Anledning").selectOption({ label: "Annan anledning" });
      await page.getByLabel("År").fill("2031");
      await page.getByLabel("Bakgrund (valfritt)").fill(stamp);
      await page.getByLabel("Svar senast").fill("2030-03-31");
      await page.getByLabel("Montering").check();
    },
    submit: "Skicka till enheterna",
    count: (db, stamp) =>
      db.select({ n: count() }).from(samFollowUps).where(eq(samFollowUps.background, stamp)).get()!.n,
  },
  {
    name: "a framework of the organisation's own",
    path: "/krav",
    open: "Skapa ett eget ramverk",
    fill: (page, stamp) => page.getByLabel("Ramverkets namn").first().fill(stamp),
    submit: "Skapa ramverket",
    count: (db, stamp) => db.select({ n: count() }).from(frameworks).where(eq(frameworks.name, stamp)).get()!.n,
  },
];

for (const form of creating) {
  test(`${form.name} sent twice is created once`, async ({ page, signIn, db }) => {
    await signIn(page.context(), form.path.startsWith("/admin") ? demo.admin : demo.quality_manager);
    const stamp = `Dubbel ${form.name} ${Date.now()}`;
    await page.goto(form.path);
    if (form.open) {
      // A panel may already be open (the first of its kind is offered open).
      const panel = page.locator("details", { has: page.locator("summary", { hasText: form.open }) });
      if ((await panel.getAttribute("open")) === null) await panel.locator("summary").click();
    }
    await form.fill(page, stamp);
    await nextPostTwice(page);
    await page.getByRole("button", { name: form.submit, exact: true }).last().click();
    await expect(page.getByText(stamp).first()).toBeVisible();
    expect(form.count(db, stamp)).toBe(1);
  });
}

test("a new risk assessment sent twice adds one assessment to the risk's history", async ({ page, signIn, db }) => {
  await signIn(page.context(), demo.quality_manager);
  const risk = db.select({ id: risks.id }).from(risks).limit(1).get()!;
  const before = db.select({ n: count() }).from(riskAssessments).where(eq(riskAssessments.riskId, risk.id)).get()!.n;
  await page.goto(`/risker/${risk.id}`);
  const panel = page.locator("details", { has: page.locator("summary", { hasText: "Gör en ny bedömning" }) });
  await panel.locator("summary").click();
  await panel.getByLabel("Vad har ändrats (valfritt)").fill("Ny skyddsanordning.");
  await nextPostTwice(page);
  await panel.getByRole("button", { name: "Spara bedömningen" }).click();
  await expect(page.getByText("Ny skyddsanordning.").first()).toBeVisible();
  expect(db.select({ n: count() }).from(riskAssessments).where(eq(riskAssessments.riskId, risk.id)).get()!.n).toBe(
    before + 1,
  );
});

test("an invitation sent twice is one invitation, and the answer says the first click made it", async ({
  page,
  signIn,
  db,
}) => {
  await signIn(page.context(), demo.admin);
  const email = `dubbel-${Date.now()}@exempel.se`;
  await page.goto("/admin/anvandare");
  await page.getByLabel("E-post").fill(email);
  await page.getByLabel("Namn", { exact: true }).fill("Dubbel Inbjuden");
  await nextPostTwice(page);
  await page.getByRole("button", { name: "Bjud in" }).click();
  await expect(page.getByText(`Inbjudan till ${email} skapades redan vid ditt första klick`)).toBeVisible();
  const open = db
    .select({ n: count() })
    .from(invitations)
    .where(and(eq(invitations.email, email), isNull(invitations.revokedAt)))
    .get()!.n;
  expect(open).toBe(1);
  await expect(page.getByRole("row", { name: new RegExp(email) })).toHaveCount(1);
});

test("starting an audit report twice opens the one report, with no refusal", async ({
  browser,
  signIn,
  makeUser,
  db,
}) => {
  const qm = findUserByEmail(db, demo.quality_manager)!;
  const lead = await makeUser("auditor");
  const year = new Date().getFullYear() + 7;
  const title = `Montering ${Date.now()}`;
  const auditId = planAudit(db, qm, createProgramme(db, qm, year, ""), anAudit(lead.id, title, `${year}-05-01`));
  const page = await openAs(browser, signIn, lead);
  await page.goto(`/revision/granskningar/${auditId}`);
  await nextPostTwice(page);
  await page.getByRole("button", { name: "Börja skriva rapporten" }).click();
  await expect(page.getByRole("link", { name: "Öppna rapporten" })).toBeVisible();
  await expect(page.getByRole("alert")).toHaveCount(0);
  const audit = db.select({ report: audits.reportDocumentId }).from(audits).where(eq(audits.id, auditId)).get()!;
  expect(audit.report).not.toBeNull();
  const reports = db
    .select({ n: count() })
    .from(documents)
    .where(like(documents.title, `%${title}`))
    .get()!.n;
  expect(reports).toBe(1);
});

test("a line in a report's timeline and an answer to why, each sent twice, are each recorded once", async ({
  page,
  signIn,
  db,
}) => {
  const qm = findUserByEmail(db, demo.quality_manager)!;
  const reportId = reportDeviation(
    db,
    qm,
    {
      kind: "deviation",
      title: `Fel etikett ${Date.now()}`,
      description: "Fel etikett på en pall.",
      unitId: null,
      processId: null,
      occurredAt: "2026-11-02T09:30",
      immediateAction: "Pallen ommärktes.",
      contactName: null,
      contactDetails: null,
    },
    [],
    "",
  );
  triageDeviation(db, qm, reportId, {
    category: "Märkning",
    severity: "low",
    responsibleId: qm.id,
    dueOn: "2030-01-31",
    authority: null,
  });
  startInvestigation(db, qm, reportId);
  await signIn(page.context(), demo.quality_manager);
  await page.goto(`/avvikelser/${reportId}`);
  const entry = `Pallen kom från lager B ${Date.now()}`;
  await page.getByLabel("Vad hände").fill(entry);
  await nextPostTwice(page);
  await page.getByRole("button", { name: "Lägg till i förloppet" }).click();
  await expect(page.getByText(entry)).toHaveCount(1);
  expect(db.select({ n: count() }).from(deviationTimeline).where(eq(deviationTimeline.text, entry)).get()!.n).toBe(1);

  const why = `Etiketterna låg i fel fack ${Date.now()}`;
  await page.getByLabel("Varför hände det?").fill(why);
  await nextPostTwice(page);
  await page.getByRole("button", { name: "Lägg till svar" }).click();
  await expect(page.getByText(why)).toHaveCount(1);
  expect(db.select({ n: count() }).from(deviationWhys).where(eq(deviationWhys.answer, why)).get()!.n).toBe(1);
});

test("a requirement added twice to a framework of the organisation's own is added once", async ({
  page,
  signIn,
  db,
}) => {
  const qm = findUserByEmail(db, demo.quality_manager)!;
  const frameworkId = createFramework(db, qm, { name: `Kundkrav ${Date.now()}`, description: "" });
  await signIn(page.context(), demo.quality_manager);
  await page.goto(`/krav/${frameworkId}`);
  const panel = page.locator("details", { has: page.locator("summary", { hasText: "Lägg till ett krav" }) });
  if ((await panel.getAttribute("open")) === null) await panel.locator("summary").click();
  const title = `Spårbarhet per batch ${Date.now()}`;
  await panel.getByLabel("Kod").fill("K1");
  await panel.getByLabel("Rubrik").fill(title);
  await nextPostTwice(page);
  await panel.getByRole("button", { name: "Lägg till kravet" }).click();
  await expect(page.getByText(title).first()).toBeVisible();
  expect(db.select({ n: count() }).from(requirements).where(eq(requirements.frameworkId, frameworkId)).get()!.n).toBe(
    1,
  );
});

test("a training recorded twice is one record in the person's competence", async ({ page, signIn, makeUser, db }) => {
  const qm = findUserByEmail(db, demo.quality_manager)!;
  const name = `Truckkort ${Date.now()}`;
  const competenceId = createCompetence(db, qm, {
    name,
    description: "",
    roles: ["staff"],
    documentId: null,
    validMonths: null,
  });
  const person = await makeUser("staff");
  await signIn(page.context(), demo.quality_manager);
  await page.goto("/krav/kompetens");
  const panel = page.locator("details", { has: page.locator("summary", { hasText: "Registrera utbildning" }) });
  await panel.locator("summary").click();
  await panel.getByLabel("Person").selectOption({ label: person.name });
  await panel.getByLabel("Kompetens", { exact: true }).selectOption({ label: name });
  await panel.getByLabel("Vad").selectOption({ label: "Genomförd utbildning" });
  await nextPostTwice(page);
  await panel.getByRole("button", { name: "Registrera" }).click();
  await expect(panel).not.toHaveAttribute("open", "");
  const records = db
    .select({ n: count() })
    .from(competenceRecords)
    .where(and(eq(competenceRecords.competenceId, competenceId), eq(competenceRecords.userId, person.id)))
    .get()!.n;
  expect(records).toBe(1);
});
