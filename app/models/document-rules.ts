/** Rules of document control that the browser shows as hints and the server enforces. */

/** A withdrawal's reason must say something: a few words at least, not "Test". */
export const WITHDRAWAL_REASON_MIN = 20;
