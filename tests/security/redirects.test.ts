import { describe, expect, it } from "vitest";
import { safeRedirectPath } from "#app/auth/guards.server.ts";

/** Spellings known to make one or another browser or parser leave the site. */
const bypasses = [
  "//evil.example",
  "///evil.example",
  "////evil.example",
  "/\\evil.example",
  "\\\\evil.example",
  "/\\/evil.example",
  "/%09/evil.example",
  "/\t/evil.example",
  "/\n/evil.example",
  "/\r\n/evil.example",
  "/ /evil.example",
  "/\u0000/evil.example",
  "/\u00a0/evil.example",
  "https://evil.example",
  "http:evil.example",
  "javascript:alert(1)",
  "data:text/html,<script>alert(1)</script>",
  "evil.example",
  "@evil.example",
  "/@evil.example/..//x",
  "//user:pass@evil.example",
  "/\\\\evil.example",
  "%2f%2fevil.example",
  "\u2215\u2215evil.example",
  "/%2f/evil.example",
  "/%5cevil.example",
  "/%0d%0aSet-Cookie:x=1",
  "",
  null,
  undefined,
  42,
  ["/start"],
  "/" + "a".repeat(3000),
];

describe("the redirect-target rule", () => {
  it.each(bypasses.map((b) => [String(JSON.stringify(b)).slice(0, 40), b]))("refuses %s", (_label, target) => {
    const result = safeRedirectPath(target, "/start");
    expect(result).toBe("/start");
  });

  it("whatever it lets through stays on this site", () => {
    for (const target of ["/a/../..//evil.example", "/./evil.example", "/a/..//evil.example", "/.//evil.example"]) {
      const result = safeRedirectPath(target);
      expect(new URL(result, "https://lots.example").origin).toBe("https://lots.example");
      expect(result.startsWith("//")).toBe(false);
    }
  });

  it.each([
    ["/start", "/start"],
    ["/dokument/abc?flik=granskning", "/dokument/abc?flik=granskning"],
    ["/gallande/x#del-2", "/gallande/x#del-2"],
    ["/avvikelser/ny?typ=tillbud&enhet=u1", "/avvikelser/ny?typ=tillbud&enhet=u1"],
    ["/gallande?q=brand%20skydd", "/gallande?q=brand%20skydd"],
  ])("keeps the page a person was on: %s", (target, expected) => {
    expect(safeRedirectPath(target)).toBe(expected);
  });
});
