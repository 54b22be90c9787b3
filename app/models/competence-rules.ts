import { addDays, addMonths, format, parseISO } from "date-fns";

/**
 * Whether a person has a competence: verified in practice (and still valid), only trained,
 * or missing where their role requires it. Training done is not competence.
 */
export type CompetenceState = "verified" | "expiring" | "expired" | "trained" | "missing" | "not_required";

/** A verification counts as expiring this long before it runs out. */
const WARNING_DAYS = 60;

export function competenceState(
  required: boolean,
  records: readonly { kind: string; on: string }[],
  validMonths: number | null,
  today: string,
): { state: CompetenceState; validUntil: string | null } {
  const verified = records
    .filter((r) => r.kind !== "training")
    .map((r) => r.on)
    .sort()
    .at(-1);
  if (verified) {
    const validUntil = validMonths ? format(addMonths(parseISO(verified), validMonths), "yyyy-MM-dd") : null;
    if (validUntil && validUntil < today) return { state: required ? "expired" : "not_required", validUntil };
    const soon = validUntil && validUntil <= format(addDays(parseISO(today), WARNING_DAYS), "yyyy-MM-dd");
    return { state: soon ? "expiring" : "verified", validUntil };
  }
  if (records.some((r) => r.kind === "training"))
    return { state: required ? "trained" : "not_required", validUntil: null };
  return { state: required ? "missing" : "not_required", validUntil: null };
}
