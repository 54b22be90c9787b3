import { addMonths } from "date-fns";
import type { SamAnswer, SamAssessment } from "#app/domain/values.ts";

/**
 * The built-in questions of the annual follow-up, after what AFS 2023:1 asks the systematic
 * work-environment management to contain. Keys are stored with answers; texts live in the
 * message catalogues (`sam.questions.<key>`), so the same follow-up reads in either language.
 */
export const samQuestions = [
  "policy",
  "routines",
  "participation",
  "tasks",
  "knowledge",
  "investigations",
  "riskAssessment",
  "actions",
  "incidents",
  "organisational",
  "firstAid",
  "introduction",
] as const;
export type SamQuestion = (typeof samQuestions)[number];

export const ORGANISATION = "organisation";

type Unit = { id: string; parentId: string | null; name: string };

/** The units at and beneath `unitId`. */
export function subtreeOf(units: readonly Unit[], unitId: string): Set<string> {
  const found = new Set([unitId]);
  for (let grew = true; grew;) {
    grew = false;
    for (const u of units) {
      if (u.parentId && found.has(u.parentId) && !found.has(u.id)) {
        found.add(u.id);
        grew = true;
      }
    }
  }
  return found;
}

export type Level = { level: string; name: string | null; scope: string[] };

/**
 * The levels a follow-up is compiled at: each unit with answering units beneath it compiles
 * theirs (and its own), and the organisation compiles everything. Lowest levels first.
 */
export function levelsOf(units: readonly Unit[], recipients: readonly string[]): Level[] {
  const sent = new Set(recipients);
  const depth = (u: Unit): number => {
    const parent = units.find((p) => p.id === u.parentId);
    return parent ? 1 + depth(parent) : 0;
  };
  const unitLevels = units
    .map((u) => ({ unit: u, scope: [...subtreeOf(units, u.id)].filter((id) => sent.has(id)) }))
    .filter(({ unit, scope }) => scope.some((id) => id !== unit.id))
    .sort((a, b) => depth(b.unit) - depth(a.unit) || a.unit.name.localeCompare(b.unit.name, "sv"))
    .map(({ unit, scope }) => ({ level: unit.id, name: unit.name, scope }));
  return [...unitLevels, { level: ORGANISATION, name: null, scope: [...sent] }];
}

export type Tally = Record<SamQuestion, Record<SamAssessment, number>>;

/** How the answering units assessed each question: the picture a compilation starts from. */
export function tally(answers: readonly Record<string, SamAnswer>[]): Tally {
  return Object.fromEntries(
    samQuestions.map((q) => {
      const counts = { yes: 0, partly: 0, no: 0 };
      for (const a of answers) {
        const value = a[q]?.value;
        if (value) counts[value] += 1;
      }
      return [q, counts];
    }),
  ) as Tally;
}

/**
 * Whether leadership should be reminded to start this year's follow-up: none has been run for
 * the year, and the last one started at least eleven months ago (or there never was one).
 */
export function annualFollowUpDue(lastAnnualStart: Date | null, hasThisYear: boolean, now: Date): boolean {
  if (hasThisYear) return false;
  return lastAnnualStart === null || addMonths(lastAnnualStart, 11) <= now;
}
