import { demo, expect, test } from "#tests/fixtures/e2e.ts";
import { approve, editorText, openAs, requestReview, typeAtEnd } from "#tests/fixtures/e2e-documents.ts";

test("two auditors co-write an audit report; a minor nonconformity gets an action from the auditee, is closed by the lead auditor after effect verification, and the report is released", async ({
  browser,
  page,
  signIn,
  makeUser,
}) => {
  test.setTimeout(150_000);
  const lead = await makeUser("auditor");
  const colleague = await makeUser("auditor");
  const auditee = await makeUser("process_owner");
  const approver = await makeUser("quality_manager");
  const stamp = Date.now();
  const year = new Date().getFullYear();
  const title = `Orderhantering ${stamp}`;

  // The quality manager sets up the year's programme and plans the audit.
  await signIn(page.context(), demo.quality_manager);
  await page.goto(`/revision?ar=${year}`);
  await page.getByRole("button", { name: `Skapa revisionsprogram för ${year}` }).click();
  await page.locator("summary", { hasText: "Planera en revision" }).click();
  await page.getByLabel("Vad granskas?").fill(title);
  await page.getByLabel("Process", { exact: true }).selectOption({ label: "Order till leverans" });
  await page.getByLabel("Planerat datum").fill(`${year + 1}-01-15`);
  await page.getByLabel("Revisionsledare").selectOption({ label: lead.name });
  await page.getByRole("group", { name: "Revisorer i teamet" }).getByLabel(colleague.name).check();
  await page.getByLabel("8.5 Produktion och tillhandahållande av tjänster").check();
  await page.getByLabel("Revisionskriterier").fill("ISO 9001 8.2 och rutinen för orderhantering");
  await page.getByLabel("Metod", { exact: true }).fill("Intervjuer och stickprov på tio ordrar");
  await page.getByRole("button", { name: "Lägg in revisionen" }).click();
  // Outside the programme's year nothing is planned.
  await expect(page.getByRole("alert")).toContainText("inom programmets år");
  await page.getByLabel("Planerat datum").fill(`${year}-12-15`);
  await page.getByRole("button", { name: "Lägg in revisionen" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toContainText(title);
  const auditPath = new URL(page.url()).pathname;
  await page.goto(`/revision?ar=${year}`);
  await expect(page.getByRole("region", { name: "Programmets täckning" })).toContainText(
    /\d+ av \d+ processer granskas i år/,
  );

  // The lead auditor starts the report from the template; both auditors write it together, live.
  const leadPage = await openAs(browser, signIn, lead);
  await leadPage.goto(auditPath);
  await leadPage.getByRole("button", { name: "Börja skriva rapporten" }).click();
  await leadPage.getByRole("link", { name: "Öppna rapporten" }).click();
  await leadPage.waitForURL(/\/dokument\/[a-z2-7]+$/);
  const documentId = new URL(leadPage.url()).pathname.split("/").pop()!;
  await expect(leadPage.locator(".ProseMirror")).toContainText("Personer vi träffade");
  const colleaguePage = await openAs(browser, signIn, colleague);
  await colleaguePage.goto(`/dokument/${documentId}`);
  await typeAtEnd(leadPage, "Ordrarna bekräftas i de flesta fall samma dag.");
  await expect.poll(() => editorText(colleaguePage)).toContain("Ordrarna bekräftas i de flesta fall samma dag.");
  await typeAtEnd(colleaguePage, " Tre av tio saknade bekräftelse.");
  await expect
    .poll(() => editorText(leadPage))
    .toContain("Ordrarna bekräftas i de flesta fall samma dag. Tre av tio saknade bekräftelse.");

  // A finding needs its requirement and evidence; the minor nonconformity goes to the process owner.
  await leadPage.goto(auditPath);
  await leadPage.locator("summary", { hasText: "Registrera ett fynd" }).click();
  await leadPage.getByLabel("Typ av fynd").selectOption({ label: "Mindre avvikelse" });
  await leadPage.getByLabel("Kort beskrivning").fill("Ordrar bekräftas inte alltid");
  await leadPage.getByLabel("Ansvarig för att besvara").selectOption({ label: auditee.name });
  await leadPage.getByRole("button", { name: "Registrera ett fynd" }).click();
  await expect(leadPage.getByText("Fyll i fältet.").first()).toBeVisible();
  await leadPage.getByLabel("Krav", { exact: true }).fill("ISO 9001 8.2.3");
  await leadPage.getByLabel("Objektiva belägg").fill("Tre av tio ordrar i stickprovet saknade bekräftelse.");
  await leadPage.getByLabel("Ansvarig för att besvara").selectOption({ label: auditee.name });
  await leadPage.getByRole("button", { name: "Registrera ett fynd" }).click();
  const finding = leadPage.getByRole("article", { name: /Ordrar bekräftas inte alltid/ });
  await expect(finding).toContainText("Öppen");

  // The auditee puts an action into the plan and answers with the root cause.
  const auditeePage = await openAs(browser, signIn, auditee);
  await auditeePage.goto(auditPath);
  await auditeePage.getByRole("link", { name: "Ny åtgärd för fyndet" }).click();
  const actionTitle = `Automatisk orderbekräftelse ${stamp}`;
  await auditeePage.getByLabel("Vad ska göras").fill(actionTitle);
  await auditeePage.getByLabel("Varför").fill("Revisionsfynd: ordrar bekräftas inte alltid.");
  await auditeePage.getByLabel("Klart senast").fill(`${year + 1}-01-31`);
  await auditeePage.getByLabel("Hur effekten ska kontrolleras").fill("Nytt stickprov på tio ordrar.");
  await auditeePage.getByLabel("Mått eller stickprov").fill("Andel bekräftade ordrar");
  await auditeePage.getByLabel("Kontrolleras senast").fill(`${year + 1}-03-31`);
  await auditeePage.getByRole("button", { name: "Skapa åtgärd" }).click();
  await expect(auditeePage.getByRole("heading", { level: 1 })).toContainText(actionTitle);
  const actionPath = new URL(auditeePage.url()).pathname;
  await auditeePage.goto(auditPath);
  await auditeePage.getByLabel("Grundorsak").fill("Bekräftelsen skickas för hand och glöms vid hög belastning.");
  await auditeePage.getByRole("button", { name: "Besvara avvikelsen" }).click();
  await expect(auditeePage.getByRole("article", { name: /Ordrar bekräftas inte alltid/ })).toContainText("Besvarad");

  // The lead auditor cannot close it before the action's effect is verified.
  await leadPage.reload();
  await finding.getByRole("button", { name: "Verifiera och stäng" }).click();
  await expect(finding.getByRole("alert")).toContainText("verifierad effekt");
  await auditeePage.goto(actionPath);
  await auditeePage.getByRole("button", { name: "Markera som genomförd" }).click();
  await auditeePage.getByLabel("Resultat av effektkontrollen").fill("Tio av tio ordrar bekräftade.");
  await auditeePage.getByRole("button", { name: "Effekten är verifierad" }).click();
  await expect(auditeePage.locator(".document-meta")).toContainText("Effekt verifierad");
  await leadPage.reload();
  await finding.getByLabel("Kommentar").fill("Verifierat med nytt stickprov.");
  await finding.getByRole("button", { name: "Verifiera och stäng" }).click();
  await expect(finding).toContainText("Stängd");
  await expect(finding).toContainText("Effekt verifierad");

  // The report is reviewed and released like any document; the audit is then closed.
  await requestReview(leadPage, documentId, approver);
  const approverPage = await openAs(browser, signIn, approver);
  await approve(approverPage, documentId, approver, "Revisionsrapporten fastställd.");
  await expect(approverPage.getByText("Version 1.0 är fastställd.")).toBeVisible();
  await leadPage.goto(auditPath);
  await expect(leadPage.locator(".document-meta")).toContainText("Avslutad");
});
