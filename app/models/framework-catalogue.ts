import { iso9001Clauses } from "./audit-rules.ts";

/**
 * The built-in requirement catalogues: numbers and the structure only. Short titles in our own
 * words are in the message catalogues; ISO 27001's Annex A ships as numbers in its four themes,
 * and the organisation enters or imports the controls' titles. The Swedish regulations carry
 * only the chapters and sections we have checked against the published text; an organisation
 * adds further sections to a built-in framework itself.
 */
export const builtinFrameworks = [
  "iso9001",
  "iso14001",
  "iso45001",
  "iso27001",
  "iso27001a",
  "sosfs2011_9",
  "afs2023_1",
] as const;
export type BuiltinFramework = (typeof builtinFrameworks)[number];

export type CatalogueEntry = { code: string; parentCode: string | null; titleKey: string | null };

const chapters = ["4", "5", "6", "7", "8", "9", "10"];

/**
 * The clauses every ISO management-system standard shares through the harmonized structure:
 * ISO 9001's, less its product clauses (8.2–8.7) and 6.3 and chapter 10, which each standard
 * has or numbers in its own way (see isoExtras).
 */
const iso9001Only = ["6.3", "8.2", "8.3", "8.4", "8.5", "8.6", "8.7", "10.1", "10.2", "10.3"];
const harmonized = iso9001Clauses.filter((c) => !iso9001Only.includes(c));

/**
 * Each ISO standard's clauses beyond the harmonized ones, and the clauses whose short title is
 * its own rather than the shared one (ISO 27001 numbers chapter 10 the other way round).
 */
const isoExtras: Record<"iso14001" | "iso45001" | "iso27001", { extra: string[]; own: string[] }> = {
  iso14001: {
    extra: ["6.1.2", "6.1.3", "6.1.4", "8.2", "9.1.2", "10.1", "10.2", "10.3"],
    own: ["6.1.2", "6.1.3", "6.1.4", "8.2", "9.1.2"],
  },
  iso45001: {
    extra: ["5.4", "6.1.2", "6.1.3", "6.1.4", "8.1.2", "8.1.3", "8.1.4", "8.2", "9.1.2", "10.1", "10.2", "10.3"],
    own: ["5.4", "6.1.2", "6.1.3", "6.1.4", "8.1.2", "8.1.3", "8.1.4", "8.2", "9.1.2", "10.2"],
  },
  iso27001: {
    extra: ["6.1.2", "6.1.3", "6.3", "8.2", "8.3", "10.1", "10.2"],
    own: ["6.1.2", "6.1.3", "8.2", "8.3", "10.1"],
  },
};

/** Annex A's four themes and how many controls each holds: 37, 8, 14 and 34, 93 in all. */
const annexThemes = [
  ["A.5", 37],
  ["A.6", 8],
  ["A.7", 14],
  ["A.8", 34],
] as const;

/**
 * SOSFS 2011:9 from chapter 3 on (chapters 1 and 2 give its scope and definitions):
 * [code, slug, parent]. The sections are those the provider must meet in its ledningssystem.
 */
const sosfs: [string, string, string | null][] = [
  ["3 kap.", "ch3", null],
  ["4 kap.", "ch4", null],
  ["4 kap. 2 §", "ch4_2", "4 kap."],
  ["4 kap. 3 §", "ch4_3", "4 kap."],
  ["4 kap. 4 §", "ch4_4", "4 kap."],
  ["5 kap.", "ch5", null],
  ["5 kap. 1 §", "ch5_1", "5 kap."],
  ["5 kap. 2 §", "ch5_2", "5 kap."],
  ["6 kap.", "ch6", null],
  ["7 kap.", "ch7", null],
];

/**
 * AFS 2023:1 chapter 2, systematic work-environment management, by the headings of its
 * provisions ([code, slug]): the headings, not section numbers, are what we have checked.
 */
const afsSam: [string, string][] = [
  ["2 kap. Daglig verksamhet", "dailyWork"],
  ["2 kap. Medverkan", "participation"],
  ["2 kap. Arbetsmiljöpolicy", "policy"],
  ["2 kap. Rutiner", "routines"],
  ["2 kap. Uppgiftsfördelning", "delegation"],
  ["2 kap. Kunskaper", "knowledge"],
  ["2 kap. Undersökning och riskbedömning", "riskAssessment"],
  ["2 kap. Utredning", "investigation"],
  ["2 kap. Åtgärder", "actions"],
  ["2 kap. Årlig uppföljning", "annualFollowUp"],
];

const titleOf = (framework: string, slug: string) => `frameworks.titles.${framework}.${slug}`;
const slugOf = (code: string) => code.replaceAll(".", "_");

function isoCatalogue(codes: string[], keyOf: (code: string) => string): CatalogueEntry[] {
  const sorted = [...new Set(codes)].sort((a, b) => {
    const [x, y] = [a.split(".").map(Number), b.split(".").map(Number)];
    for (let i = 0; i < Math.max(x.length, y.length); i += 1)
      if ((x[i] ?? -1) !== (y[i] ?? -1)) return (x[i] ?? -1) - (y[i] ?? -1);
    return 0;
  });
  return chapters.flatMap((chapter) => [
    { code: chapter, parentCode: null, titleKey: `frameworks.chapters.${chapter}` },
    ...sorted
      .filter((c) => c.split(".")[0] === chapter)
      .map((code) => ({ code, parentCode: code.split(".").slice(0, -1).join("."), titleKey: keyOf(code) })),
  ]);
}

function build(framework: BuiltinFramework): CatalogueEntry[] {
  switch (framework) {
    case "iso9001":
      return isoCatalogue([...iso9001Clauses], (code) => `clauses.${slugOf(code)}`);
    case "iso14001":
    case "iso45001":
    case "iso27001": {
      const { extra, own } = isoExtras[framework];
      return isoCatalogue([...harmonized, ...extra], (code) =>
        own.includes(code) ? titleOf(framework, slugOf(code)) : `clauses.${slugOf(code)}`,
      );
    }
    case "iso27001a":
      return annexThemes.flatMap(([theme, count]) => [
        { code: theme, parentCode: null, titleKey: `frameworks.annexThemes.${slugOf(theme)}` },
        ...Array.from({ length: count }, (_, i) => ({ code: `${theme}.${i + 1}`, parentCode: theme, titleKey: null })),
      ]);
    case "sosfs2011_9":
      return sosfs.map(([code, slug, parentCode]) => ({ code, parentCode, titleKey: titleOf(framework, slug) }));
    case "afs2023_1":
      return [
        { code: "2 kap.", parentCode: null, titleKey: titleOf(framework, "ch2") },
        ...afsSam.map(([code, slug]) => ({ code, parentCode: "2 kap.", titleKey: titleOf(framework, slug) })),
      ];
  }
}

const built = new Map<BuiltinFramework, CatalogueEntry[]>();

export function catalogue(framework: BuiltinFramework): CatalogueEntry[] {
  let entries = built.get(framework);
  if (!entries) built.set(framework, (entries = build(framework)));
  return entries;
}

export function isBuiltinFramework(key: string): key is BuiltinFramework {
  return (builtinFrameworks as readonly string[]).includes(key);
}

/** Where a built-in requirement's short title is in the catalogues; null when the organisation names it. */
export function builtinTitleKey(framework: string, code: string): string | null {
  if (!isBuiltinFramework(framework)) return null;
  return catalogue(framework).find((e) => e.code === code)?.titleKey ?? null;
}
