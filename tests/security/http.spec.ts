import http from "node:http";
import { findUserByEmail } from "#app/models/users.server.ts";
import { sessionCookieFor } from "#tests/fixtures/db.ts";
import { matrixIds } from "#tests/fixtures/matrix-items.ts";
import { demo, expect, test } from "#tests/fixtures/e2e.ts";

/**
 * The classes an outside probe found, tried over real HTTP against the production build: each
 * with many spellings, each refused before any route runs, and the server unharmed after.
 */

type Raw = { status: number; headers: http.IncomingHttpHeaders; body: string };

/** A request exactly as written: Host, path and body are not tidied up by any client library. */
function raw(
  baseURL: string,
  options: {
    method?: string;
    path: string;
    headers?: Record<string, string>;
    body?: Buffer | string[];
    chunked?: boolean;
  },
): Promise<Raw> {
  const { hostname, port } = new URL(baseURL);
  return new Promise((resolve, reject) => {
    const request = http.request(
      {
        hostname,
        port,
        method: options.method ?? "GET",
        path: options.path,
        headers: options.headers,
        setHost: !options.headers?.host,
      },
      (response) => {
        let body = "";
        response.on("data", (c: Buffer) => (body += c.toString()));
        response.on("end", () => resolve({ status: response.statusCode ?? 0, headers: response.headers, body }));
      },
    );
    request.on("error", reject);
    if (Array.isArray(options.body)) for (const part of options.body) request.write(part);
    else if (options.body) request.write(options.body);
    request.end();
  });
}

const cookieOf = async (db: Parameters<typeof sessionCookieFor>[0], email: string) =>
  sessionCookieFor(db, findUserByEmail(db, email)!.id);

test("a host Lots does not serve is refused before routing, also a forged one on the reset form", async ({
  baseURL,
}) => {
  const port = new URL(baseURL!).port;
  for (const host of [
    "evil.example",
    `evil.example:${port}`,
    `127.0.0.1.evil.example:${port}`,
    `localhost.evil.example`,
    "lots.example.se",
    `[::2]:${port}`,
    "127.0.0.2",
  ]) {
    const get = await raw(baseURL!, { path: "/login", headers: { host } });
    expect(get.status, host).toBe(421);
    expect(get.body).toContain("Lots nås inte under den här adressen.");
    const form = "email=anna%40exempel.se";
    const post = await raw(baseURL!, {
      method: "POST",
      path: "/glomt-losenord",
      headers: {
        host,
        origin: `http://${host}`,
        "content-type": "application/x-www-form-urlencoded",
        "content-length": String(form.length),
      },
      body: Buffer.from(form),
    });
    expect(post.status, host).toBe(421);
  }
  for (const host of [`127.0.0.1:${port}`, `localhost:${port}`, `LOCALHOST:${port}`])
    expect((await raw(baseURL!, { path: "/login", headers: { host } })).status, host).toBe(200);
});

test("paths are judged in the form the router serves: dot segments, encoded slashes and backslashes never reach a guard", async ({
  db,
  baseURL,
}) => {
  const ids = await matrixIds(db, process.env.LOTS_E2E_DATA_DIR!);
  const guest = await cookieOf(db, demo.external_auditor);
  const target = `/atgarder/${ids.action}`;
  const sneaky = [
    `/gallande/%2e%2e${target}`,
    `/gallande/%2E%2E${target}`,
    `/gallande/.%2e${target}`,
    `/gallande/../${target.slice(1)}`,
    `/gallande/x/../..${target}`,
    `/sparbarhet/..${target}`,
    `/gallande/%2e%2e%2f${target.slice(1)}`,
    `/gallande/..%5c${target.slice(1)}`,
    `/gallande\\..${target}`,
    `/gallande/%252e%252e${target}`,
  ];
  for (const path of sneaky) {
    const form = "intent=move&to=done";
    const post = await raw(baseURL!, {
      method: "POST",
      path,
      headers: {
        cookie: guest,
        origin: baseURL!,
        "content-type": "application/x-www-form-urlencoded",
        "content-length": String(form.length),
      },
      body: Buffer.from(form),
    });
    // Refused at the door (400), by the guest barrier that sees the real page (403), or no such page.
    expect([400, 403, 404, 405], `${path}: ${post.status}`).toContain(post.status);
  }
  // A reader following such a link is sent to the page it means, in its normal form.
  const get = await raw(baseURL!, { path: `/gallande/%2e%2e${target}`, headers: { cookie: guest } });
  expect(get.status).toBe(308);
  expect(get.headers.location).toBe(target);
  expect((await raw(baseURL!, { path: "//evil.example/x" })).headers.location).toBe("/evil.example/x");
});

test("the body limit holds however the body is sent: chunked bodies are counted as they stream", async ({
  baseURL,
}) => {
  const big = Buffer.alloc(64 * 1024, "a");
  const parts = ["email=x%40exempel.se&password=", ...Array.from({ length: 40 }, () => big.toString())];
  const chunked = await raw(baseURL!, {
    method: "POST",
    path: "/login",
    headers: { origin: baseURL!, "content-type": "application/x-www-form-urlencoded", "transfer-encoding": "chunked" },
    body: parts,
  });
  expect(chunked.status).toBe(413);
  expect(chunked.body).toContain("Förfrågan är för stor.");
  const declared = await raw(baseURL!, {
    method: "POST",
    path: "/login",
    headers: {
      origin: baseURL!,
      "content-type": "application/x-www-form-urlencoded",
      "content-length": String(2 * 1024 * 1024),
    },
  });
  expect(declared.status).toBe(413);
  // A small chunked form is read as usual, and the server is unharmed.
  const small = await raw(baseURL!, {
    method: "POST",
    path: "/login",
    headers: { origin: baseURL!, "content-type": "application/x-www-form-urlencoded", "transfer-encoding": "chunked" },
    body: ["email=ingen%40exempel.se&", "password=fel"],
  });
  expect(small.status).toBe(200);
  expect((await raw(baseURL!, { path: "/healthz" })).status).toBe(200);
});

test("sign-in and the language switch send people back only to this site", async ({ request, baseURL, makeUser }) => {
  const person = await makeUser("staff");
  const spellings = [
    "/%09/evil.example",
    "/\t/evil.example",
    "//evil.example",
    "/\\evil.example",
    "https://evil.example",
    "/%2f%2fevil.example",
    "/\r\n/evil.example",
    "javascript:alert(1)",
    "//user@evil.example",
  ];
  for (const redirectTo of spellings) {
    const response = await request.post("/login", {
      headers: { origin: baseURL! },
      form: { email: person.email, password: person.password, redirectTo },
      maxRedirects: 0,
    });
    expect(response.status(), redirectTo).toBe(302);
    expect(response.headers()["location"], redirectTo).toBe("/start");
    const language = await request.post("/sprak", {
      headers: { origin: baseURL! },
      form: { locale: "en", redirectTo },
      maxRedirects: 0,
    });
    expect(language.headers()["location"], redirectTo).toBe("/");
  }
});

test("signed-in pages, their data and files are never kept by a cache", async ({ db, request, baseURL }) => {
  const ids = await matrixIds(db, process.env.LOTS_E2E_DATA_DIR!);
  const headers = { cookie: await cookieOf(db, demo.quality_manager) };
  for (const url of [
    "/start",
    "/start.data",
    `/dokument/${ids.document}`,
    `/gallande/${ids.document}`,
    `/gallande/${ids.document}/${ids.version}/pdf`,
    `/bilagor/${ids.attachment}`,
    "/atgarder/export/xlsx",
  ]) {
    const response = await request.get(url, { headers, maxRedirects: 0 });
    expect(response.status(), url).toBeLessThan(400);
    expect(response.headers()["cache-control"], url).toBe("private, no-store");
  }
  // Hashed assets may be kept; that is what their names are for.
  const html = await (await request.get("/login")).text();
  const asset = /\/assets\/[^"]+\.js/.exec(html)![0];
  expect((await request.get(asset)).headers()["cache-control"]).toContain("immutable");
  void baseURL;
});

test("signing out always ends the session, whatever the body", async ({ request, baseURL, signIn, makeUser, db }) => {
  void signIn;
  const person = await makeUser("staff");
  for (const [type, body] of [
    ["application/json", '{"scope":"everywhere"}'],
    ["text/plain", "garbage"],
    ["application/x-www-form-urlencoded", "%%%"],
    ["multipart/form-data; boundary=x", "--x\r\nbroken"],
  ] as const) {
    const cookie = await cookieOf(db, person.email);
    const response = await request.post("/logga-ut", {
      headers: { cookie, origin: baseURL!, "content-type": type },
      data: body,
      maxRedirects: 0,
    });
    expect(response.status(), type).toBe(302);
    expect(response.headers()["location"]).toBe("/login?status=signedOut");
    const after = await request.get("/start", { headers: { cookie }, maxRedirects: 0 });
    expect(after.headers()["location"], type).toMatch(/^\/login/);
  }
});

test("a state change must come from exactly this origin", async ({ request, baseURL, db }) => {
  const cookie = await cookieOf(db, demo.staff);
  const exact = baseURL!;
  for (const origin of [
    `${exact}/`,
    exact.toUpperCase(),
    "null",
    "http://evil.example",
    exact.replace("127.0.0.1", "localhost"),
    `http://user@${new URL(exact).host}`,
  ]) {
    const response = await request.post("/notiser", { headers: { cookie, origin }, maxRedirects: 0 });
    expect(response.status(), origin).toBe(403);
  }
  expect((await request.post("/notiser", { headers: { cookie, origin: exact }, maxRedirects: 0 })).status()).toBe(200);
});
