import type { TFunction } from "i18next";

/**
 * What a management review must consider (ISO 9001 9.3.2, and the annual SAM follow-up of
 * AFS 2023:1): each input, in the order the record lists them. Headings and texts are in the
 * message catalogues (`managementReviews.inputs.<key>`).
 */
export const reviewInputs = [
  "previousActions",
  "context",
  "customerFeedback",
  "objectives",
  "deviations",
  "audits",
  "risks",
  "suppliers",
  "resources",
  "sam",
  "improvements",
] as const;
export type ReviewInput = (typeof reviewInputs)[number];

/**
 * The inputs a record still lacks: nothing in the system speaks to them, and nobody has
 * written anything under their heading.
 */
export function missingInputs(
  hasData: Record<ReviewInput, boolean>,
  written: Partial<Record<ReviewInput, string>>,
): ReviewInput[] {
  return reviewInputs.filter((key) => !hasData[key] && !written[key]?.trim());
}

/**
 * One line of evidence for an input: a catalogue key under `managementReviews.facts.`, its values, and
 * values that are themselves catalogue keys (a status, a kind) to be translated first.
 */
export type Fact = { key: string; values: Record<string, string | number>; terms?: Record<string, string> };

/** A fact in words: the same sentence on the review page and in the record it pre-fills. */
export function factText(t: TFunction, fact: Fact): string {
  const terms = Object.fromEntries(
    Object.entries(fact.terms ?? {}).map(([name, key]) => [name, t(key as "managementReviews.trend.up")]),
  );
  // The fact's total (or count) picks the singular or plural sentence where the catalogue has both.
  const count = fact.values.total ?? fact.values.count;
  return t(`managementReviews.facts.${fact.key}` as "managementReviews.facts.reports", {
    ...fact.values,
    ...terms,
    ...(typeof count === "number" ? { count } : {}),
  });
}
