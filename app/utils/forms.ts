import { z } from "zod";

/** A field error as a catalogue key plus the numbers it mentions, translated where it is shown. */
export type FieldError = { key: string; values?: Record<string, string | number> };
export type FieldErrors = Partial<Record<string, FieldError>>;

export type Parsed<T> = { ok: true; data: T } | { ok: false; errors: FieldErrors };

function toFieldError(issue: z.core.$ZodIssue): FieldError {
  const key = issue.message.includes(".") ? issue.message : "validation.required";
  if (issue.code === "too_big") return { key, values: { max: Number(issue.maximum) } };
  if (issue.code === "too_small") return { key, values: { min: Number(issue.minimum) } };
  return { key };
}

/** Parses a submitted form with its schema; errors come back per field for the form to show. */
export function parseForm<S extends z.ZodType>(schema: S, formData: FormData): Parsed<z.output<S>> {
  const input: Record<string, string> = {};
  for (const [name, value] of formData) {
    if (typeof value === "string") input[name] = value;
  }
  return parseFormObject(schema, input);
}

/** As parseForm, for input already shaped (e.g. a checkbox group collected into a list). */
export function parseFormObject<S extends z.ZodType>(schema: S, input: unknown): Parsed<z.output<S>> {
  const result = schema.safeParse(input);
  if (result.success) return { ok: true, data: result.data };
  const errors: FieldErrors = {};
  for (const issue of result.error.issues) {
    const field = String(issue.path[0] ?? "form");
    errors[field] ??= toFieldError(issue);
  }
  return { ok: false, errors };
}

/** A submitted text field as sent, bounded; for forms whose rules live in the model rather than in a schema. */
export function formText(form: FormData, name: string, max = 4000): string {
  return String(form.get(name) ?? "").slice(0, max);
}

/** Text fields: trimmed, required unless optional, and bounded. */
export const text = (max = 200) =>
  z.string({ error: "validation.required" }).trim().min(1, "validation.required").max(max, "validation.tooLong");

export const optionalText = (max = 200) =>
  z
    .string()
    .trim()
    .max(max, "validation.tooLong")
    .optional()
    .transform((v) => (v ? v : null));

export const email = z
  .string({ error: "validation.required" })
  .trim()
  .min(1, "validation.required")
  .max(254, "validation.tooLong")
  .pipe(z.email("validation.email"));

/** For results that carry no field errors, typed so that forms can still look fields up. */
export const noErrors: FieldErrors = {};
