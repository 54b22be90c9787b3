import { createHash } from "node:crypto";
import { and, eq, lt } from "drizzle-orm";
import type { Db } from "#db/client.ts";
import { newSecretToken } from "#db/ids.ts";
import { formSubmissions } from "#db/schema/index.ts";

/**
 * A second click, a double tap or a resent request must not create the same thing twice. Each
 * page hands its forms a fresh key (a hidden field beside the submit button); what a form
 * created is remembered under that key together with what the form said, and the same form
 * with the same key again gets the first answer instead. The page's forms share its key, so
 * a second form sent before the page was renewed (a timeline entry right after "start the
 * investigation") is told apart by its content and carried out.
 */
export const SUBMISSION_FIELD = "submission";

/** Keys are kept a day: long enough for any resend, short enough to stay small. */
const KEEP_MS = 24 * 60 * 60 * 1000;
const KEY = /^[a-z2-7]{32}$/;

export const newSubmissionKey = newSecretToken;

function keyOf(form: FormData): string | null {
  const key = form.get(SUBMISSION_FIELD);
  if (typeof key !== "string" || !KEY.test(key)) return null;
  const content = createHash("sha256");
  for (const [name, value] of form) {
    if (name === SUBMISSION_FIELD) continue;
    const said = typeof value === "string" ? value : `${value.name}\u0000${value.size}\u0000${value.type}`;
    content.update(`${name}\u0000${said}\u0001`);
  }
  return `${key}.${content.digest("base64url")}`;
}

type EarlierSubmission = { location: string | null };

/** The first answer to this form, if the person already sent it with this key. */
function earlierSubmission(db: Db, userId: string, form: FormData): EarlierSubmission | null {
  const key = keyOf(form);
  if (!key) return null;
  const row = db
    .select({ location: formSubmissions.location })
    .from(formSubmissions)
    .where(and(eq(formSubmissions.key, key), eq(formSubmissions.userId, userId)))
    .get();
  return row ?? null;
}

/**
 * Remembers that this form was carried out, and where its answer sent the person. Called once
 * the work is done: a form refused for bad input keeps its key, so the corrected one goes through.
 */
function recordSubmission(
  db: Db,
  userId: string,
  form: FormData,
  location: string | null = null,
  now = new Date(),
): void {
  const key = keyOf(form);
  if (!key) return;
  db.delete(formSubmissions)
    .where(lt(formSubmissions.at, new Date(now.getTime() - KEEP_MS)))
    .run();
  db.insert(formSubmissions).values({ key, userId, location, at: now }).onConflictDoNothing().run();
}

/**
 * Carries out a form that creates something and leads to it, once per key: the same key again
 * leads to what the first one created. `create` must be synchronous (as every model command is),
 * so that no second request can come between the check and the record.
 */
export function onceTo(db: Db, userId: string, form: FormData, create: () => string): string {
  const earlier = earlierSubmission(db, userId, form);
  if (earlier?.location) return earlier.location;
  const location = create();
  recordSubmission(db, userId, form, location);
  return location;
}

/**
 * As onceTo, for a form whose answer is the page it was sent from: the repeat does nothing.
 * Says whether the work was done now (false for a repeat).
 */
export function once(db: Db, userId: string, form: FormData, work: () => void): boolean {
  if (earlierSubmission(db, userId, form)) return false;
  work();
  recordSubmission(db, userId, form);
  return true;
}
