import { data } from "react-router";
import { refusalAsFormError } from "#app/models/errors.ts";
import type { FieldErrors } from "#app/utils/forms.ts";

/**
 * What a form's handler answers: its field errors, or what was done — a catalogue key (with
 * a value after a colon) where the page confirms it in words, `true` where the page itself
 * shows the change.
 */
export type Outcome = { errors: FieldErrors; done?: string | true };

/** What a page's action answers: which of its forms spoke, and that form's outcome. */
export type IntentResult = Outcome & { intent: string };

export const done = (what: string | true = true): Outcome => ({ errors: {}, done: what });
export const refused = (errors: FieldErrors): Outcome => ({ errors });

/**
 * Runs the handler named by the form's `intent`. A rule's refusal becomes that form's error,
 * shown beside its button; an intent no handler knows is a bad request.
 */
export async function runIntent<C>(
  form: FormData,
  handlers: Record<string, (c: C) => Outcome | Promise<Outcome>>,
  c: C,
): Promise<IntentResult> {
  const intent = String(form.get("intent") ?? "");
  const handler = Object.hasOwn(handlers, intent) ? handlers[intent] : undefined;
  if (!handler) throw data({ reason: "badRequest" }, { status: 400 });
  try {
    return { intent, ...(await handler(c)) };
  } catch (error) {
    return { intent, errors: refusalAsFormError(error) };
  }
}
