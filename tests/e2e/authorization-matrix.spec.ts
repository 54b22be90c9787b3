import { findUserByEmail } from "#app/models/users.server.ts";
import routes from "#app/routes.ts";
import { sessionCookieFor } from "#tests/fixtures/db.ts";
import { MATRIX_PARTICIPANT, matrixIds } from "#tests/fixtures/matrix-items.ts";
import { accessMatrix, type Caller, type Method, type Outcome } from "#tests/fixtures/route-access.ts";
import { demo, expect, test } from "#tests/fixtures/e2e.ts";

type RouteNode = { path?: string; file: string; children?: RouteNode[] };

/** Every page and endpoint, as the router knows them: a new route without a matrix entry fails below. */
function routeList(nodes: RouteNode[], base = ""): { path: string; file: string }[] {
  return nodes.flatMap((r) => {
    const path = r.path ? `${base}/${r.path}` : base;
    return r.children ? routeList(r.children, path) : [{ path: path || "/", file: r.file }];
  });
}

const all = routeList(routes as RouteNode[]);
const callers: Caller[] = [
  "anonymous",
  "admin",
  "quality_manager",
  "process_owner",
  "auditor",
  "staff",
  "external_auditor",
  "participant",
];

test("every route has an entry in the authorization matrix, and every entry a route", () => {
  expect(all.map((r) => r.file).filter((f) => !accessMatrix[f])).toEqual([]);
  expect(Object.keys(accessMatrix).filter((f) => !all.some((r) => r.file === f))).toEqual([]);
});

test("every route x role x method is allowed or refused as the matrix says", async ({ db, request, baseURL }) => {
  test.setTimeout(120_000);
  const ids = await matrixIds(db, process.env.LOTS_E2E_DATA_DIR!);
  const cookieOf = async (caller: Caller) => {
    if (caller === "anonymous") return undefined;
    // A fresh session per request: a refused or accepted sign-out must not end the next call's.
    const email = caller === "participant" ? MATRIX_PARTICIPANT : demo[caller];
    return sessionCookieFor(db, findUserByEmail(db, email)!.id);
  };
  const observed: Record<string, Partial<Record<Method, Record<Caller, Outcome>>>> = {};
  const mismatches: string[] = [];
  for (const route of all) {
    const entry = accessMatrix[route.file]!;
    const url = entry.url(ids);
    const cases = (["GET", "POST"] as const).flatMap((method) => callers.map((caller) => ({ method, caller })));
    // A route's sixteen calls at once: each carries its own session.
    await Promise.all(
      cases.map(async ({ method, caller }) => {
        const cookie = await cookieOf(caller);
        const headers = { ...(cookie ? { cookie } : {}), origin: baseURL! };
        const response =
          method === "GET"
            ? await request.get(url, { headers, maxRedirects: 0 })
            : await request.post(url, {
                headers,
                form: { intent: "matrix-probe", ...entry.form?.(ids) },
                maxRedirects: 0,
              });
        const status = response.status();
        const location = response.headers()["location"] ?? "";
        // Every id is a real item, so a 404 is an item hidden from this caller.
        const outcome: Outcome =
          status === 403 || status === 404 || status === 405
            ? "deny"
            : [301, 302, 303].includes(status) && location.startsWith("/login")
              ? "signin"
              : status >= 500
                ? "error"
                : "allow";
        ((observed[route.file] ??= {})[method] ??= {} as Record<Caller, Outcome>)[caller] = outcome;
        const expected = entry.expect(method, caller);
        if (outcome !== expected)
          mismatches.push(`${method} ${url} as ${caller}: ${outcome} (${status}), expected ${expected}`);
      }),
    );
  }
  if (process.env.MATRIX_PRINT) console.log(JSON.stringify(observed, null, 1));
  console.log(
    `authorization matrix: ${all.length} routes x ${callers.length} callers x 2 methods = ${all.length * callers.length * 2} checks`,
  );
  expect(mismatches).toEqual([]);
});
