import { DomUtils, parseDocument } from "htmlparser2";
import { findUserByEmail } from "#app/models/users.server.ts";
import { sessionCookieFor } from "#tests/fixtures/db.ts";
import { matrixIds } from "#tests/fixtures/matrix-items.ts";
import { accessMatrix } from "#tests/fixtures/route-access.ts";
import { demo, expect, test } from "#tests/fixtures/e2e.ts";

/**
 * Hostile input into every form the admin can reach, and into a document's content: script
 * in every shape, SQL-looking text, path traversal, awkward Unicode and oversized strings.
 * Afterwards every page is opened in the browser with a trap for the payloads' side effect,
 * and the PDFs are read for active content. Nothing may execute, nothing may crash.
 */
const MARK = "__lotsXss";
const corpus = [
  `<script>window.${MARK}=1</script>`,
  `"><img src=x onerror="window.${MARK}=1">`,
  `javascript:window.${MARK}=1`,
  `<svg onload=window.${MARK}=1></svg>`,
  `{{constructor.constructor('window.${MARK}=1')()}}`,
  "'; DROP TABLE users; --",
  "1' OR '1'='1",
  "../../../../etc/passwd",
  "..%2f..%2f..%2fetc%2fpasswd",
  "\u202eevil\u202c \u200b\u200d Zoë Åsa 🙂 ﷽ e\u0301",
  "\u0000null\u0000byte",
  "Å".repeat(5_000),
  "x".repeat(200_000),
];

type Field = { name: string; kind: "text" | "select" | "fixed"; value: string };
type FormShape = { action: string; fields: Field[] };

/** The POST forms of a page as the server renders it, with every named field and button. */
function formsOf(html: string): FormShape[] {
  const forms = DomUtils.findAll(
    (el) => el.name === "form" && el.attribs.method?.toLowerCase() === "post",
    parseDocument(html).children,
  );
  return forms.map((form) => {
    const fields: Field[] = [];
    for (const el of DomUtils.findAll(
      (e) => ["input", "textarea", "select", "button"].includes(e.name),
      form.children,
    )) {
      const { name, type = el.name, value = "", disabled } = el.attribs;
      if (!name || disabled !== undefined || ["file", "password", "checkbox", "radio"].includes(type)) continue;
      if (el.name === "select") {
        const options = DomUtils.findAll((o) => o.name === "option", el.children).map((o) => o.attribs.value ?? "");
        fields.push({ name, kind: "select", value: options.find((v) => v) ?? "" });
      } else if (type === "hidden" || type === "submit" || el.name === "button")
        fields.push({ name, kind: "fixed", value });
      else fields.push({ name, kind: "text", value: "" });
    }
    return { action: form.attribs.action ?? "", fields };
  });
}

test("hostile strings in every form and in a document never run in a page or a PDF, and never break the server", async ({
  page,
  db,
  request,
  baseURL,
  makeDocument,
}) => {
  test.setTimeout(300_000);
  const ids = await matrixIds(db, process.env.LOTS_E2E_DATA_DIR!);
  const cookie = await sessionCookieFor(db, findUserByEmail(db, demo.admin)!.id);
  await page.context().addCookies([{ name: "lots_session", value: cookie.split("=")[1]!, url: baseURL! }]);
  // Any payload that runs sets the mark; a dialog counts too.
  await page.addInitScript((mark) => {
    Object.defineProperty(window, mark, { set: () => document.documentElement.setAttribute("data-xss", "ran") });
  }, MARK);
  const ran: string[] = [];
  page.on("dialog", (dialog) => {
    ran.push(`dialog on ${page.url()}`);
    void dialog.dismiss();
  });

  // The admin reaches nearly every form; a staff member's own (a unit's check, its SAM answer) are theirs.
  const callers = [
    { role: "admin" as const, cookie },
    { role: "staff" as const, cookie: await sessionCookieFor(db, findUserByEmail(db, demo.staff)!.id) },
  ];
  const pagesOf = (role: "admin" | "staff") =>
    Object.entries(accessMatrix)
      .filter(([file, entry]) => !file.endsWith(".ts") && entry.expect("GET", role) === "allow")
      .map(([, entry]) => entry.url(ids))
      .filter((url) => !/logga-ut|inbjudan|aterstall/.test(url));
  const documentId = await makeDocument(demo.quality_manager, corpus.slice(0, 6).join(" "));

  let inputs = 0;
  let pagesTried = 0;
  const failures: string[] = [];
  // Every page's HTML: a payload may appear only as text, never as markup or a script address.
  const live = [/<script>window\.__lotsXss/, /<img src=x onerror=/i, /<svg onload=/i, /href="javascript:/i];
  for (const caller of callers) {
    const pages = [...pagesOf(caller.role), `/dokument/${documentId}`];
    pagesTried += pages.length;
    for (const url of pages) {
      const forms = formsOf(await (await request.get(url, { headers: { cookie: caller.cookie } })).text());
      for (const [n, form] of forms.entries()) {
        const action = form.action || url;
        if (/logga-ut|sprak/.test(action)) continue;
        // Every submit button's intent, each with a hostile string in every text field.
        const intents = form.fields.filter((f) => f.kind === "fixed" && f.name === "intent").map((f) => f.value);
        for (const intent of intents.length ? [...new Set(intents)] : [null]) {
          const payload = corpus[(inputs + n) % corpus.length]!;
          const data: Record<string, string> = {};
          for (const f of form.fields) {
            if (f.name === "intent") continue;
            data[f.name] = f.kind === "text" ? payload : f.value;
          }
          if (intent !== null) data.intent = intent;
          const response = await request.post(action, {
            headers: { cookie: caller.cookie, origin: baseURL! },
            multipart: data,
            maxRedirects: 0,
          });
          inputs += 1;
          if (response.status() >= 500) failures.push(`${response.status()} from ${action} (${intent ?? "form"})`);
        }
      }
    }
    for (const url of pages) {
      const html = await (await request.get(url, { headers: { cookie: caller.cookie } })).text();
      if (live.some((pattern) => pattern.test(html))) ran.push(`markup in ${url} as ${caller.role}`);
    }
  }
  // And in the browser, the pages that render stored content as HTML (documents, releases, maps) and a few lists.
  const rendered = [
    `/dokument/${documentId}`,
    `/dokument/${ids.document}`,
    `/gallande/${ids.document}/${ids.version}`,
    `/processer/${ids.process}`,
    `/processer/${ids.process}/karta`,
    `/avvikelser/${ids.report}`,
    `/risker/${ids.risk}`,
    `/atgarder/${ids.action}`,
    "/krav/bevis",
    "/start",
  ];
  for (const url of rendered) {
    await page.goto(url);
    if ((await page.locator("html").getAttribute("data-xss")) === "ran") ran.push(url);
  }
  for (const pdf of ["/krav/bevis.pdf", `/gallande/${ids.document}/${ids.version}/pdf`]) {
    const body = (await (await request.get(pdf, { headers: { cookie } })).body()).toString("latin1");
    if (/\/(JavaScript|JS|Launch|OpenAction)\b/.test(body)) ran.push(pdf);
  }
  console.log(`hostile input: ${pagesTried} pages, ${inputs} inputs tried, failures: ${failures.length + ran.length}`);
  expect(failures).toEqual([]);
  expect(ran).toEqual([]);
});
