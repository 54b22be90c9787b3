import { addDays, addMonths, format, parseISO } from "date-fns";
import type { AuthorityReport, DeviationKind, DeviationSeverity, DeviationStatus } from "#app/domain/values.ts";
import { stateMachine } from "./state-machine.ts";

/**
 * The rules of a report's life. Closing needs a lesson learned (checked where it is closed);
 * a closed report can be reopened, and its history stays.
 */
export type DeviationMove = "triage" | "investigate" | "close" | "reopen";

export const { canMove, nextStatus, allowedMoves } = stateMachine<DeviationStatus, DeviationMove>({
  triage: { from: ["reported", "triaged", "investigating"], to: "triaged" },
  investigate: { from: ["triaged"], to: "investigating" },
  close: { from: ["triaged", "investigating"], to: "closed" },
  reopen: { from: ["closed"], to: "investigating" },
});

/**
 * Which authority an event should go to, as far as Lots can tell: a serious accident or near
 * miss at work to Arbetsmiljöverket (arbetsmiljöförordningen 2 §). Lex Maria and lex Sarah
 * depend on the business (health or social care), so the handler chooses them.
 */
export function suggestedAuthority(kind: DeviationKind, severity: DeviationSeverity | null): AuthorityReport | null {
  return severity === "serious" && (kind === "accident" || kind === "near_miss") ? "arbetsmiljoverket" : null;
}

/**
 * The day by which the authority should have the report. Arbetsmiljöverket: without delay,
 * which Lots reads as the next day at the latest; lex Maria (IVO): within two months of the
 * event; lex Sarah (IVO): promptly, which Lots reads as two weeks.
 */
export function authorityDeadline(authority: AuthorityReport, occurredAt: string): string {
  const day = parseISO(occurredAt.slice(0, 10));
  const deadline =
    authority === "arbetsmiljoverket"
      ? addDays(day, 1)
      : authority === "lex_maria"
        ? addMonths(day, 2)
        : addDays(day, 14);
  return format(deadline, "yyyy-MM-dd");
}

/** An authority report that is due and not yet made. */
export function authorityOverdue(
  report: { authority: AuthorityReport | null; authorityReportedOn: string | null; occurredAt: string },
  today: string,
): boolean {
  return Boolean(
    report.authority && !report.authorityReportedOn && authorityDeadline(report.authority, report.occurredAt) < today,
  );
}
