import { z } from "zod";
import { roles } from "#app/domain/values.ts";
import { text } from "#app/utils/forms.ts";

/** What an approver fills in besides the signature, as a form sends it and as it waits for one. */
export const approvalSchema = z.object({
  reviewId: z.string().max(40),
  candidateHash: z.string().max(64),
  step: z.enum(["major", "minor"]).catch("major"),
  effectiveOn: z.iso.date("validation.invalidDate"),
  summary: text(2000),
  readerRoles: z.array(z.enum(roles)).max(roles.length),
  readerUnits: z.array(z.string().max(40)).max(100),
});

export type ApprovalForm = z.output<typeof approvalSchema>;

/** The form's fields, with the reader groups collected from their checkboxes. */
export const approvalInput = (form: FormData) => ({
  ...Object.fromEntries(form),
  readerRoles: form.getAll("readerRoles").map(String),
  readerUnits: form.getAll("readerUnits").map(String),
});

/** The approval as the model takes it. */
export const approvalOf = ({ readerRoles, readerUnits, ...approval }: ApprovalForm) => ({
  candidateHash: approval.candidateHash,
  step: approval.step,
  effectiveOn: approval.effectiveOn,
  summary: approval.summary,
  readers: [
    ...readerRoles.map((value) => ({ kind: "role" as const, value })),
    ...readerUnits.map((value) => ({ kind: "unit" as const, value })),
  ],
});
