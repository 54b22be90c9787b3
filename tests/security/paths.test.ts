import { describe, expect, it } from "vitest";
import { guestMaySend } from "#app/auth/permissions.server.ts";
import { judgePath } from "#server/front-door.ts";

/**
 * The class behind `/gallande/%2e%2e/atgarder/<id>`: a guard and the router reading the same
 * request as two different paths. After the front door, a path is either in the one normal
 * form the router serves, or it never reaches a guard.
 */
describe("request paths", () => {
  const dotSegments = [
    "/gallande/../atgarder/a1",
    "/gallande/%2e%2e/atgarder/a1",
    "/gallande/%2E%2E/atgarder/a1",
    "/gallande/.%2e/atgarder/a1",
    "/gallande/%2e./atgarder/a1",
    "/gallande/./../atgarder/a1",
    "/gallande/x/../../atgarder/a1",
    "/./atgarder/a1",
    "/gallande/%2e/../atgarder/a1",
    "/sparbarhet/../atgarder/a1",
    "/gallande/..",
  ];
  it.each(dotSegments)("never lets %s through as it is", (target) => {
    const judged = judgePath(target);
    expect(judged.kind).not.toBe("normal");
    // Where it is redirected, the target is the page the router would have served: the
    // guard then judges that page, not the one the request pretended to reach.
    if (judged.kind === "redirect") {
      expect(judged.location).not.toMatch(/(^|\/)\.{1,2}(\/|$)|%2e/i);
      expect(judgePath(judged.location).kind).toBe("normal");
    }
  });

  const refused = [
    "/gallande%2f..%2fatgarder/a1",
    "/gallande/%2F/atgarder",
    "/gallande\\..\\atgarder\\a1",
    "/gallande/%5c../atgarder",
    "/gallande/%5C",
    "/gallande/a%00b",
    "/gallande/a\u0000b",
    "/gallande/a\tb",
    "/gallande/%zz",
    "/gallande/%e0%a4%a",
    "http://evil.example/gallande",
    "*",
    "gallande/x",
  ];
  it.each(refused)("refuses %j outright", (target) => {
    expect(judgePath(target).kind).toBe("refuse");
  });

  it.each([
    ["//start", "/start"],
    ["///evil.example/x", "/evil.example/x"],
    ["/dokument//ny", "/dokument/ny"],
    ["/sp%61rbarhet", "/sparbarhet"],
    ["/atgarder/%61%62?x=1", "/atgarder/ab?x=1"],
  ])("redirects %s to its normal form %s", (target, location) => {
    expect(judgePath(target)).toEqual({ kind: "redirect", location });
  });

  it.each(["/", "/start", "/gallande/abc/1.0", "/dokument/ny?typ=rutin", "/gallande?q=%2e%2e", "/krav/bevis.pdf"])(
    "lets the normal path %s through",
    (target) => expect(judgePath(target)).toEqual({ kind: "normal" }),
  );

  it("a redirect never leaves the site, whatever the repeated slashes", () => {
    for (const target of ["//evil.example", "///evil.example", "/./evil.example", "//%65vil.example"]) {
      const judged = judgePath(target);
      if (judged.kind === "redirect") expect(judged.location).toMatch(/^\/[^/]/);
    }
  });

  it("the guest barrier, given only normal paths, refuses every write outside its list", () => {
    for (const target of dotSegments) {
      const judged = judgePath(target);
      if (judged.kind === "redirect")
        expect(guestMaySend("external_auditor", judged.location.split("?")[0]!)).toBe(false);
    }
  });
});
