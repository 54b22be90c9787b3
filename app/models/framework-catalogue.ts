import { iso9001Clauses } from "./audit-rules.ts";

/**
 * The built-in requirement catalogues: numbers and the structure only. Short titles in our own
 * words are in the message catalogues; ISO 27001's Annex A ships as numbers in its four themes,
 * and the organisation enters or imports the controls' titles.
 */
export const builtinFrameworks = ["iso9001", "iso27001a"] as const;
export type BuiltinFramework = (typeof builtinFrameworks)[number];

export type CatalogueEntry = { code: string; parentCode: string | null };

const chapters = ["4", "5", "6", "7", "8", "9", "10"];
/** Annex A's four themes and how many controls each holds: 37, 8, 14 and 34, 93 in all. */
const annexThemes = [
  ["A.5", 37],
  ["A.6", 8],
  ["A.7", 14],
  ["A.8", 34],
] as const;

export function catalogue(framework: BuiltinFramework): CatalogueEntry[] {
  if (framework === "iso9001") {
    return chapters.flatMap((chapter) => [
      { code: chapter, parentCode: null },
      ...iso9001Clauses.filter((c) => c.split(".")[0] === chapter).map((code) => ({ code, parentCode: chapter })),
    ]);
  }
  return annexThemes.flatMap(([theme, count]) => [
    { code: theme, parentCode: null },
    ...Array.from({ length: count }, (_, i) => ({ code: `${theme}.${i + 1}`, parentCode: theme })),
  ]);
}

/** Where a built-in requirement's short title is in the catalogues; null when the organisation names it. */
export function builtinTitleKey(framework: string, code: string): string | null {
  const key = code.replaceAll(".", "_");
  if (framework === "iso9001") return code.includes(".") ? `clauses.${key}` : `frameworks.chapters.${key}`;
  if (framework === "iso27001a") return code.split(".").length === 2 ? `frameworks.annexThemes.${key}` : null;
  return null;
}
