import { z } from "zod";
import { email, text } from "#app/utils/forms.ts";

// Shared with the browser: the password rules, and the forms that set a password.
// ASVS 4.0.3 2.1.1: at least 12 characters (the strength check then refuses long weak ones).
export const PASSWORD_MIN_LENGTH = 12;
export const PASSWORD_MAX_LENGTH = 256;

const anyPassword = z
  .string({ error: "validation.required" })
  .min(1, "validation.required")
  .max(PASSWORD_MAX_LENGTH, "validation.passwordTooLong");

const passwordFields = {
  password: z
    .string({ error: "validation.required" })
    .min(PASSWORD_MIN_LENGTH, "validation.passwordTooShort")
    .max(PASSWORD_MAX_LENGTH, "validation.passwordTooLong"),
  confirm: z.string({ error: "validation.required" }).max(PASSWORD_MAX_LENGTH, "validation.passwordTooLong"),
};
const samePasswords = (v: { password: string; confirm: string }) => v.password === v.confirm;
const passwordsDiffer = { message: "validation.passwordsDiffer", path: ["confirm"] };

export const loginSchema = z.object({ email, password: anyPassword, redirectTo: z.string().max(2000).optional() });

export const passwordPair = z.object(passwordFields).refine(samePasswords, passwordsDiffer);

export const invitationSchema = z.object({ name: text(), ...passwordFields }).refine(samePasswords, passwordsDiffer);

export const changePasswordSchema = z
  .object({ currentPassword: anyPassword, ...passwordFields })
  .refine(samePasswords, passwordsDiffer);
