import type { Page } from "@playwright/test";
import { DEMO_PASSWORD, demo, expect, test, openAsAdmin } from "#tests/fixtures/e2e.ts";
import { editorText, withdraw } from "#tests/fixtures/e2e-documents.ts";
import { addParticipant } from "#app/models/participants.server.ts";
import { findUserByEmail } from "#app/models/users.server.ts";

async function openLive(page: Page, documentId: string) {
  await page.goto(`/dokument/${documentId}`);
  await expect(page.getByRole("status").filter({ hasText: "Ansluten" })).toBeVisible();
  await expect(page.locator(".ProseMirror")).toBeVisible();
}

/** Puts the caret at the end of the document. */
async function typeAtEnd(page: Page, text: string) {
  const editor = page.locator(".ProseMirror");
  await editor.focus();
  await page.keyboard.press("Control+End");
  await page.keyboard.type(text);
}

test("two people write the same policy together and see each other's text and caret", async ({
  browser,
  signIn,
  makeDocument,
}) => {
  const documentId = await makeDocument(demo.quality_manager, "Vi levererar i tid.");
  const karinContext = await browser.newContext();
  const perContext = await browser.newContext();
  await signIn(karinContext, demo.quality_manager);
  await signIn(perContext, demo.process_owner);
  const karin = await karinContext.newPage();
  const per = await perContext.newPage();
  await openLive(karin, documentId);
  await openLive(per, documentId);

  await typeAtEnd(karin, " Kunden ska vara nöjd.");
  await expect.poll(() => editorText(per)).toBe("Vi levererar i tid. Kunden ska vara nöjd.");
  await expect(per.locator(".collaboration-carets__label", { hasText: "Karin Kvist" })).toBeVisible();
  await expect(per.getByRole("list", { name: /1 person till är här/ })).toContainText("Karin Kvist");

  await typeAtEnd(per, " Alltid.");
  await expect.poll(() => editorText(karin)).toBe("Vi levererar i tid. Kunden ska vara nöjd. Alltid.");
  await expect(karin.getByText("Allt sparat")).toBeVisible();

  // A reload shows the stored text straight from the server, before the socket connects.
  const response = await perContext.request.get(`/dokument/${documentId}`);
  expect(await response.text()).toContain("Kunden ska vara nöjd. Alltid.");
  await karinContext.close();
  await perContext.close();
});

/** How many updates the browser keeps for this document (y-indexeddb's "updates" store). */
function keptUpdates(page: Page, documentId: string): Promise<number> {
  return page.evaluate(async (id) => {
    const kept = (await indexedDB.databases()).find((d) => d.name?.endsWith(`:${id}`))?.name;
    if (!kept) return 0;
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const request = indexedDB.open(kept);
      request.onsuccess = () => resolve(request.result);
      request.onerror = () => reject(request.error);
    });
    const count = await new Promise<number>((resolve) => {
      const request = db.transaction("updates").objectStore("updates").count();
      request.onsuccess = () => resolve(request.result);
    });
    db.close();
    return count;
  }, documentId);
}

test("after going offline and online again, the editor says saved as soon as the server has the text", async ({
  browser,
  signIn,
  makeDocument,
}) => {
  const documentId = await makeDocument(demo.quality_manager, "Start.");
  const karinContext = await browser.newContext();
  const perContext = await browser.newContext();
  await signIn(karinContext, demo.quality_manager);
  await signIn(perContext, demo.process_owner);
  // Karin's clock is ours to move: she stops typing for a moment before the network is back.
  await karinContext.clock.install();
  const karin = await karinContext.newPage();
  const per = await perContext.newPage();
  await openLive(karin, documentId);
  await openLive(per, documentId);
  let expected = "Start.";
  // Twice: a reconnect that leaves "Sparar …" behind would show on either round.
  for (const words of [" Ett.", " Två."]) {
    const status = karin.locator(".editor-status");
    await karinContext.setOffline(true);
    await expect(status).toContainText("Offline");
    // Typed while the socket is down: the edits wait in the browser.
    const editor = karin.locator(".ProseMirror");
    await editor.focus();
    await karin.keyboard.press("Control+End");
    await karin.keyboard.type(words);
    expected += words;
    await expect(status).toContainText("Väntar på anslutning för att spara");
    // A pause in typing asks the server to confirm; with the socket down, that must wait.
    await karin.clock.runFor(2000);
    await expect(status).toContainText("Väntar på anslutning för att spara");
    await karinContext.setOffline(false);
    await expect.poll(() => editorText(per)).toBe(expected);
    // Back online, the save state follows the server's answer, not the next keystroke.
    await expect(status).toContainText("Ansluten");
    await expect(status).toContainText("Allt sparat");
  }
  await karinContext.close();
  await perContext.close();
});

test("edits made offline survive closing the tab and are sent on the next open; signing out forgets them", async ({
  browser,
  signIn,
  makeDocument,
}) => {
  test.setTimeout(60_000);
  const documentId = await makeDocument(demo.quality_manager, "Vi mäter kundnöjdheten.");
  const karinContext = await browser.newContext();
  await signIn(karinContext, demo.quality_manager);
  const first = await karinContext.newPage();
  await openLive(first, documentId);
  const keptBefore = await keptUpdates(first, documentId);

  await karinContext.setOffline(true);
  await expect(first.getByRole("status").filter({ hasText: "Offline" })).toBeVisible();
  await typeAtEnd(first, " Varje kvartal.");
  await expect.poll(() => keptUpdates(first, documentId)).toBeGreaterThan(keptBefore);
  await first.close();
  await karinContext.setOffline(false);

  // Nothing reached the server while Karin was offline.
  const perContext = await browser.newContext();
  await signIn(perContext, demo.process_owner);
  const per = await perContext.newPage();
  await openLive(per, documentId);
  expect(await editorText(per)).toBe("Vi mäter kundnöjdheten.");

  const again = await karinContext.newPage();
  await openLive(again, documentId);
  await expect.poll(() => editorText(again)).toBe("Vi mäter kundnöjdheten. Varje kvartal.");
  await expect.poll(() => editorText(per)).toBe("Vi mäter kundnöjdheten. Varje kvartal.");
  await expect(again.getByText("Allt sparat")).toBeVisible();

  await again.getByRole("button", { name: "Logga ut" }).click();
  await expect(again).toHaveURL(/\/login\?status=signedOut/);
  expect(await keptUpdates(again, documentId)).toBe(0);
  await karinContext.close();
  await perContext.close();
});

test("a staff member named as commenter reads the draft, cannot change its text, and comments on it", async ({
  browser,
  signIn,
  makeDocument,
  makeUser,
  db,
}) => {
  const documentId = await makeDocument(demo.quality_manager, "Gäller alla medarbetare.");
  const qm = findUserByEmail(db, demo.quality_manager)!;
  const sara = await makeUser("staff");
  addParticipant(db, qm, documentId, { userId: sara.id, role: "commenter", endsOn: null, untilRelease: false });
  const staffContext = await browser.newContext();
  await signIn(staffContext, sara.email);
  const staff = await staffContext.newPage();
  await openLive(staff, documentId);
  await expect(staff.getByText("Du kan läsa utkastet och kommentera det, men inte ändra texten.")).toBeVisible();
  await expect(staff.getByRole("toolbar", { name: "Formatering" })).toHaveCount(0);
  await expect(staff.locator(".ProseMirror")).toHaveAttribute("contenteditable", "false");
  await staff.locator(".ProseMirror").focus();
  await staff.keyboard.type("Ändrat av mig");
  expect(await editorText(staff)).toBe("Gäller alla medarbetare.");

  // Her comment on the first word reaches the writer; the text stays as it was.
  const writerContext = await browser.newContext();
  await signIn(writerContext, demo.quality_manager);
  const writer = await writerContext.newPage();
  await openLive(writer, documentId);
  await staff.locator(".ProseMirror").evaluate((el) => {
    const text = el.querySelector("p")!.firstChild!;
    const range = document.createRange();
    range.setStart(text, 0);
    range.setEnd(text, "Gäller".length);
    const selection = window.getSelection()!;
    selection.removeAllRanges();
    selection.addRange(range);
  });
  await staff.getByRole("button", { name: "Kommentera markerad text" }).click();
  await staff.getByLabel("Ny kommentar").fill("Gäller det vikarier också?");
  await staff.getByRole("button", { name: "Kommentera", exact: true }).click();
  const thread = writer.locator(".thread", { hasText: "Gäller det vikarier också?" });
  await expect(thread).toBeVisible();
  await expect(thread).toContainText(sara.name);
  await expect(writer.locator(".ProseMirror .comment-anchor")).toHaveText("Gäller");
  expect(await editorText(writer)).toBe("Gäller alla medarbetare.");
  await staffContext.close();
  await writerContext.close();
});

test("comments and replies appear live for everyone in the document, and a mention notifies", async ({
  browser,
  signIn,
  makeDocument,
}) => {
  const documentId = await makeDocument(demo.auditor, "Iakttagelse: kalibreringen saknas.");
  const rutContext = await browser.newContext();
  const perContext = await browser.newContext();
  await signIn(rutContext, demo.auditor);
  await signIn(perContext, demo.process_owner);
  const rut = await rutContext.newPage();
  const per = await perContext.newPage();
  await openLive(rut, documentId);
  await openLive(per, documentId);

  // Rut selects the first word and comments on it, mentioning Per.
  await rut.locator(".ProseMirror").focus();
  await rut.keyboard.press("Control+Home");
  for (let i = 0; i < "Iakttagelse".length; i++) await rut.keyboard.press("Shift+ArrowRight");
  await rut.getByRole("button", { name: "Kommentera markerad text" }).click();
  await rut.getByLabel("Ny kommentar").fill("Vem äger detta? @Per");
  await rut.getByRole("button", { name: "@Per Persson" }).click();
  await rut.getByRole("button", { name: "Kommentera", exact: true }).click();

  const thread = per.locator(".thread", { hasText: "Vem äger detta? @Per Persson" });
  await expect(thread).toBeVisible();
  await expect(thread.locator(".thread-quote")).toContainText("Iakttagelse");
  await expect(per.locator(".ProseMirror .comment-anchor")).toHaveText("Iakttagelse");

  await thread.getByLabel("Svar").fill("Jag tar den.");
  await thread.getByRole("button", { name: "Svara" }).click();
  await expect(rut.locator(".thread", { hasText: "Jag tar den." })).toBeVisible();

  await rut.locator(".thread").getByRole("button", { name: "Markera som löst" }).click();
  await expect(per.locator(".thread")).toHaveCount(0);
  await expect(per.getByRole("heading", { name: "Kommentarer (0 öppna)" })).toBeVisible();

  await per.goto("/notiser");
  const notice = per.getByRole("link", { name: /Rut Revisor nämnde dig i en kommentar/ });
  await expect(notice.and(per.locator(`[href*="${documentId}"]`))).toBeVisible();
  await rutContext.close();
  await perContext.close();
});

test("a quality manager creates a document and finds it in the filtered list", async ({ page, context, signIn }) => {
  await signIn(context, demo.quality_manager);
  await page.goto("/dokument");
  await page.getByRole("link", { name: "Nytt dokument" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Nytt dokument");
  const title = `Miljöpolicy ${Date.now()}`;
  await page.getByLabel("Titel", { exact: true }).fill(title);
  await page.getByLabel("Typ").selectOption({ label: "Policy" });
  await page.getByRole("checkbox", { name: "Miljö", exact: true }).check();
  await page.getByLabel("Taggar").fill("ISO 14001, miljö");
  await page.getByRole("button", { name: "Skapa dokument" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(title);
  await expect(page.getByText("#ISO 14001")).toBeVisible();

  await page.goto("/dokument?typ=policy&omrade=environment");
  await expect(page.getByRole("link", { name: title })).toBeVisible();
  await page.goto("/dokument?typ=routine");
  await expect(page.getByRole("link", { name: title })).toHaveCount(0);
});

test("deactivating a person closes their open document at once", async ({
  browser,
  page,
  signIn,
  makeUser,
  makeDocument,
}) => {
  const person = await makeUser("process_owner");
  const documentId = await makeDocument(demo.quality_manager, "Öppet dokument.");
  const theirs = await browser.newContext();
  await signIn(theirs, person.email);
  const theirPage = await theirs.newPage();
  await openLive(theirPage, documentId);

  await openAsAdmin(page, signIn, person);
  await page.getByRole("button", { name: "Inaktivera konto" }).click();
  await expect(page.getByText("Kontot är inaktiverat och alla inloggningar är avslutade.")).toBeVisible();

  // The server closes the socket; the page learns why and sends them to sign in.
  await expect(theirPage).toHaveURL(/\/login/);
  await theirs.close();
});

test("withdrawing a document turns the open editors of others read-only at once", async ({
  browser,
  signIn,
  makeDocument,
}) => {
  const documentId = await makeDocument(demo.quality_manager, "Snart arkiverad.");
  const perContext = await browser.newContext();
  const karinContext = await browser.newContext();
  await signIn(perContext, demo.process_owner);
  await signIn(karinContext, demo.quality_manager);
  const per = await perContext.newPage();
  const karin = await karinContext.newPage();
  await openLive(per, documentId);
  await expect(per.locator(".ProseMirror")).toHaveAttribute("contenteditable", "true");

  await karin.goto(`/dokument/${documentId}/granskning`);
  await withdraw(karin, "Ersätts av en ny policy.", DEMO_PASSWORD);
  await expect(karin.getByText("Skäl: Ersätts av en ny policy.")).toBeVisible();

  // Per's connection is closed as "access changed"; the page reloads its permissions.
  await expect(per.getByText("Du kan läsa dokumentet men inte ändra det.")).toBeVisible();
  await expect(per.locator(".ProseMirror")).toHaveAttribute("contenteditable", "false");
  await perContext.close();
  await karinContext.close();
});
