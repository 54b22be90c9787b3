import { ZxcvbnFactory } from "@zxcvbn-ts/core";
import { adjacencyGraphs, dictionary } from "@zxcvbn-ts/language-common";
import type { z } from "zod";

/**
 * Whether a new password is too easy to guess, judged offline by zxcvbn-ts with its common
 * dictionaries (the most used and most leaked passwords, names, keyboard walks, dates, l33t).
 * Score 3 of 4 is "safely unguessable" against an offline attack on a slow hash such as our
 * argon2id: `1234567890` and `password12` fail, a phrase of a few own words passes.
 */
export const MIN_SCORE = 3;

let estimator: ZxcvbnFactory | undefined;

/** The person's own name and e-mail count against a password made of them. */
export function isWeakPassword(password: string, personal: readonly string[] = []): boolean {
  // Built on first use: the dictionaries take ~80 ms to load, which start-up need not pay.
  estimator ??= new ZxcvbnFactory({ dictionary, graphs: adjacencyGraphs });
  const inputs = personal.flatMap((p) => p.toLowerCase().split(/[^\p{L}\p{N}]+/u)).filter((p) => p.length >= 3);
  return estimator.check(password.slice(0, 256), inputs).score < MIN_SCORE;
}

/** A password form's schema that also refuses weak new passwords, on the server. */
export function withStrongPassword<S extends z.ZodType<{ password: string }>>(
  schema: S,
  personal: readonly string[] = [],
) {
  return schema.superRefine((value, ctx) => {
    if (isWeakPassword(value.password, personal))
      ctx.addIssue({ code: "custom", path: ["password"], message: "validation.passwordWeak" });
  });
}
