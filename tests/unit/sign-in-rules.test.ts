import { describe, expect, it } from "vitest";
import { claimValues, domainAllowed, mapClaims, type ClaimRule } from "#app/auth/sign-in-rules.ts";

describe("who may be created at first sign-in", () => {
  it("is a person whose e-mail domain is one named, exactly and case aside", () => {
    const domains = ["vardcentralen.se", "Kommunen.se"];
    expect(domainAllowed("Anna@VARDCENTRALEN.se", domains)).toBe(true);
    expect(domainAllowed("olle@kommunen.se", domains)).toBe(true);
    expect(domainAllowed("eve@evil.vardcentralen.se", domains)).toBe(false);
    expect(domainAllowed("eve@vardcentralen.se.evil.com", domains)).toBe(false);
    expect(domainAllowed("vardcentralen.se", domains)).toBe(false);
  });
});

describe("what the rules make a person", () => {
  const rules: ClaimRule[] = [
    { position: 2, value: "lots-admin", role: "admin", unitId: null },
    { position: 1, value: "lots-kvalitet", role: "quality_manager", unitId: "u-kvalitet" },
    { position: 3, value: "lager", role: null, unitId: "u-lager" },
  ];
  const defaults = { role: "staff" as const, unitId: null };

  it("takes role and unit each from the first rule in order that sets it", () => {
    expect(mapClaims(rules, ["lager", "lots-admin", "lots-kvalitet"], defaults)).toEqual({
      role: "quality_manager",
      unitId: "u-kvalitet",
      roleRule: 1,
      unitRule: 1,
    });
    expect(mapClaims(rules, ["lager", "lots-admin"], defaults)).toEqual({
      role: "admin",
      unitId: "u-lager",
      roleRule: 2,
      unitRule: 3,
    });
  });

  it("gives the defaults when no rule matches: a group taken away takes its role with it", () => {
    expect(mapClaims(rules, ["alla"], defaults)).toEqual({
      role: "staff",
      unitId: null,
      roleRule: null,
      unitRule: null,
    });
  });

  it("reads a claim sent as one string or as a list, and nothing else", () => {
    expect(claimValues({ groups: "lager" }, "groups")).toEqual(["lager"]);
    expect(claimValues({ groups: ["a", 3, "b"] }, "groups")).toEqual(["a", "b"]);
    expect(claimValues({ groups: { a: 1 } }, "groups")).toEqual([]);
    expect(claimValues({}, "roles")).toEqual([]);
  });
});
