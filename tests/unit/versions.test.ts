import { describe, expect, it } from "vitest";
import { compareVersions, formatVersion, nextVersion, parseVersion } from "#app/models/versions.ts";

describe("release numbering", () => {
  it("starts at 1.0 whatever the approver picks", () => {
    expect(formatVersion(nextVersion(null, "minor"))).toBe("1.0");
    expect(formatVersion(nextVersion(undefined, "major"))).toBe("1.0");
  });

  it("a minor change counts up after the point; a major one starts the next whole number", () => {
    expect(formatVersion(nextVersion({ major: 1, minor: 0 }, "minor"))).toBe("1.1");
    expect(formatVersion(nextVersion({ major: 1, minor: 9 }, "minor"))).toBe("1.10");
    expect(formatVersion(nextVersion({ major: 1, minor: 4 }, "major"))).toBe("2.0");
  });

  it("reads versions from URLs strictly", () => {
    expect(parseVersion("1.10")).toEqual({ major: 1, minor: 10 });
    for (const bad of ["1", "1.x", "01.2", "1.2.3", "", " 1.0", "1.0; drop"]) expect(parseVersion(bad), bad).toBeNull();
  });

  it("orders 1.10 after 1.9", () => {
    expect(compareVersions({ major: 1, minor: 10 }, { major: 1, minor: 9 })).toBeGreaterThan(0);
    expect(compareVersions({ major: 2, minor: 0 }, { major: 1, minor: 10 })).toBeGreaterThan(0);
  });
});
