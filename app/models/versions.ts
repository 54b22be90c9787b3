/**
 * Release numbering. The approver decides whether a change is major (2.0: the way of working
 * changes) or minor (1.1: clarifications); the first release of a document is always 1.0.
 */
export type Version = { major: number; minor: number };
export type VersionStep = "major" | "minor";

export const versionSteps: readonly VersionStep[] = ["major", "minor"];

export function nextVersion(previous: Version | null | undefined, step: VersionStep): Version {
  if (!previous) return { major: 1, minor: 0 };
  return step === "major"
    ? { major: previous.major + 1, minor: 0 }
    : { major: previous.major, minor: previous.minor + 1 };
}

export function formatVersion(version: Version): string {
  return `${version.major}.${version.minor}`;
}

/** "1.10" -> {1, 10}; anything else (e.g. "1.x", "01.2", "1") -> null. */
export function parseVersion(text: string): Version | null {
  const match = /^(0|[1-9]\d{0,5})\.(0|[1-9]\d{0,5})$/.exec(text);
  return match ? { major: Number(match[1]), minor: Number(match[2]) } : null;
}

export function compareVersions(a: Version, b: Version): number {
  return a.major - b.major || a.minor - b.minor;
}
