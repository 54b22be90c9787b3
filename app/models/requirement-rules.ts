import { z } from "zod";

/**
 * The rules of requirement frameworks: what an imported framework must look like, and how a
 * requirement's coverage is read from what it is linked to.
 */

export const coverageStatuses = ["covered", "partly", "gap", "not_applicable"] as const;
export type Coverage = (typeof coverageStatuses)[number];

/**
 * A requirement is covered when at least one thing linked to it is in effect (a released
 * document, a process, a KPI with figures, a verified action...), partly covered when it is
 * linked only to work in progress, and a gap when nothing is linked. What does not apply here
 * is left out, with its justification.
 */
export function coverageOf(applicable: boolean, linked: readonly { inEffect: boolean }[]): Coverage {
  if (!applicable) return "not_applicable";
  if (linked.length === 0) return "gap";
  return linked.some((l) => l.inEffect) ? "covered" : "partly";
}

export function coverageSummary(statuses: readonly Coverage[]): Record<Coverage, number> {
  const out = { covered: 0, partly: 0, gap: 0, not_applicable: 0 };
  for (const s of statuses) out[s] += 1;
  return out;
}

const MAX_REQUIREMENTS = 2000;

const importedRequirement = z.object({
  code: z.string().trim().min(1, "frameworks.import.missingCode").max(40, "validation.tooLong"),
  title: z.string().trim().min(1, "frameworks.import.missingTitle").max(300, "validation.tooLong"),
  parent: z
    .string()
    .trim()
    .max(40, "validation.tooLong")
    .optional()
    .transform((v) => v || null),
});

export type ImportedRequirement = z.output<typeof importedRequirement>;

/** Why an import was refused, row by row where the row is known: every problem at once, nothing saved. */
export type ImportProblem = { key: string; row?: number; code?: string };

/**
 * Validates a framework to import: every row has a code and a title, codes are unique,
 * parents exist, and no requirement is its own ancestor.
 */
export function validateImport(
  rows: readonly unknown[],
): { ok: true; requirements: ImportedRequirement[] } | { ok: false; problems: ImportProblem[] } {
  const problems: ImportProblem[] = [];
  if (rows.length === 0) return { ok: false, problems: [{ key: "frameworks.import.empty" }] };
  if (rows.length > MAX_REQUIREMENTS) return { ok: false, problems: [{ key: "frameworks.import.tooMany" }] };
  const parsed: (ImportedRequirement & { row: number })[] = [];
  rows.forEach((row, i) => {
    const result = importedRequirement.safeParse(row);
    if (result.success) parsed.push({ ...result.data, row: i + 1 });
    else problems.push({ key: result.error.issues[0]!.message, row: i + 1 });
  });
  // The first row of a code defines it; later ones are reported as duplicates.
  const parentOf = new Map<string, string | null>();
  for (const r of parsed) {
    if (parentOf.has(r.code)) problems.push({ key: "frameworks.import.duplicate", row: r.row, code: r.code });
    else parentOf.set(r.code, r.parent);
  }
  for (const [code, parent] of parentOf) {
    if (parent && !parentOf.has(parent)) problems.push({ key: "frameworks.import.unknownParent", code });
  }
  for (const code of parentOf.keys()) {
    const visited = new Set<string>([code]);
    for (let p = parentOf.get(code) ?? null; p; p = parentOf.get(p) ?? null) {
      if (visited.has(p)) {
        problems.push({ key: "frameworks.import.cycle", code });
        break;
      }
      visited.add(p);
    }
  }
  return problems.length > 0
    ? { ok: false, problems }
    : { ok: true, requirements: parsed.map(({ code, title, parent }) => ({ code, title, parent })) };
}

/** Titles to give requirements by code: each row needs both; empty or oversized files are refused. */
export function validateTitles(
  rows: readonly unknown[],
): { ok: true; titles: { code: string; title: string }[] } | { ok: false; problems: ImportProblem[] } {
  if (rows.length === 0) return { ok: false, problems: [{ key: "frameworks.import.empty" }] };
  if (rows.length > MAX_REQUIREMENTS) return { ok: false, problems: [{ key: "frameworks.import.tooMany" }] };
  const titles = rows.map((row) => {
    const r = (row ?? {}) as { code?: unknown; title?: unknown };
    return {
      code: String(r.code ?? "").trim(),
      title: String(r.title ?? "")
        .trim()
        .slice(0, 300),
    };
  });
  const problems = titles.flatMap((r, i): ImportProblem[] =>
    r.code && r.title
      ? []
      : [{ key: r.code ? "frameworks.import.missingTitle" : "frameworks.import.missingCode", row: i + 1 }],
  );
  return problems.length > 0 ? { ok: false, problems } : { ok: true, titles };
}

/**
 * A requirement's short title: the organisation's own, else the catalogue's in the reader's
 * language, else the fallback (an Annex A control nobody has named yet).
 */
export function requirementTitle(
  r: { title: string | null; titleKey: string | null },
  translate: (key: string) => string,
  fallback = "",
): string {
  return r.title ?? (r.titleKey ? translate(r.titleKey) : fallback);
}
