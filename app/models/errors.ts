/**
 * A rule of the domain said no. `code` is also the message key under `errors.` in the
 * catalogues, so a route can show it in the user's language without a mapping table.
 */
export class DomainError<Code extends string = string> extends Error {
  constructor(public readonly code: Code) {
    super(code);
    this.name = new.target.name;
  }

  get messageKey(): string {
    return `errors.${this.code}`;
  }
}

/** For a route's catch: a rule's refusal becomes a form error; anything else stays an error. */
export function refusalAsFormError(error: unknown): { form: { key: string } } {
  if (error instanceof DomainError) return { form: { key: error.messageKey } };
  throw error;
}
