import type { AuthenticationResponseJSON } from "@simplewebauthn/server";
import { data, type AppLoadContext } from "react-router";
import { z } from "zod";
import { parseCredential, relyingParty } from "#app/auth/passkeys.server.ts";
import type { AuthUser } from "#app/auth/sessions.server.ts";
import { can, type Resource } from "#app/auth/permissions.server.ts";
import { remindReaders } from "#app/models/acknowledgements.server.ts";
import { restoreDocument, withdrawDocument } from "#app/models/documents.server.ts";
import { WITHDRAWAL_REASON_MIN } from "#app/models/document-rules.ts";
import { listReleases, versionOf } from "#app/models/releases.server.ts";
import { completeReviewWithoutChange } from "#app/models/review-dates.server.ts";
import {
  approveReview,
  giveOpinion,
  rejectReview,
  requestReview,
  ReviewRoundError,
} from "#app/models/review-rounds.server.ts";
import { once } from "#app/models/submissions.server.ts";
import { translator } from "#app/i18n/translator.server.ts";
import { parseFormObject, text } from "#app/utils/forms.ts";
import { done, refused, type Outcome } from "#app/routes/intents.server.ts";
import { startApprovalAtProvider } from "./approval-at-provider.server.ts";
import { approvalInput, approvalOf, approvalSchema } from "./approval-form.ts";

/** What every control form's handler works on: the document, who acts, and what they sent. */
export type ControlIntent = {
  context: AppLoadContext;
  user: AuthUser;
  document: { id: string; title: string };
  resource: Resource;
  form: FormData;
};

const fieldsOf = (form: FormData) => ({
  ...Object.fromEntries(form),
  reviewerIds: form.getAll("reviewerIds").map(String),
});

const requestSchema = z.object({
  approverId: z.string().min(1, "validation.required").max(40),
  reviewerIds: z.array(z.string().max(40)).max(20),
  message: z.string().trim().max(2000, "validation.tooLong"),
});

function requestReviewRound({ context, user, document, form }: ControlIntent): Outcome {
  const parsed = parseFormObject(requestSchema, fieldsOf(form));
  if (!parsed.ok) return refused(parsed.errors);
  once(context.db, user.id, form, () => requestReview(context.db, user, document.id, parsed.data));
  return done("control.reviewRequested");
}

const opinionSchema = z.object({
  reviewId: z.string().max(40),
  verdict: z.enum(["accepted", "commented"]),
  comment: z.string().trim().max(2000, "validation.tooLong"),
});

function opinion({ context, user, form }: ControlIntent): Outcome {
  const parsed = parseFormObject(opinionSchema, fieldsOf(form));
  if (!parsed.ok) return refused(parsed.errors);
  giveOpinion(context.db, user, parsed.data.reviewId, parsed.data);
  return done("control.opinionSaved");
}

const decisionBase = { reviewId: z.string().max(40), candidateHash: z.string().max(64) };
const rejectSchema = z.object({ ...decisionBase, comment: text(2000) });

function reject({ context, user, form }: ControlIntent): Outcome {
  const parsed = parseFormObject(rejectSchema, fieldsOf(form));
  if (!parsed.ok) return refused(parsed.errors);
  rejectReview(context.db, user, parsed.data.reviewId, parsed.data);
  return done("control.rejected");
}

// Signed with the password, or with a passkey (the browser's answer, JSON).
const approveSchema = approvalSchema
  .extend({ password: z.string().max(256).default(""), passkey: z.string().max(16_384).default("") })
  .refine((a) => a.password || a.passkey, { path: ["password"], message: "validation.required" });

async function approve({ context, user, document, form }: ControlIntent): Promise<Outcome> {
  const parsed = parseFormObject(approveSchema, approvalInput(form));
  if (!parsed.ok) return refused(parsed.errors);
  const { password, passkey, ...approval } = parsed.data;
  const credential = passkey ? parseCredential<AuthenticationResponseJSON>(passkey) : undefined;
  if (passkey && !credential) throw new ReviewRoundError("reviewRound.passkeyRefused");
  const signature = credential
    ? { passkey: credential, relyingParty: relyingParty(context.db, context.servedOrigin) }
    : { password, ip: context.clientIp };
  const release = await approveReview(context.db, user, approval.reviewId, {
    ...approvalOf(approval),
    ...signature,
  });
  // Participation "until release" has just ended: those editors close now.
  context.collab.accessChanged({ documentId: document.id });
  return done(`control.approved:${versionOf(release)}`);
}

/**
 * Someone who signs in through the organisation's provider confirms who they are there: the
 * approval waits with the sign-in attempt and is carried out on the way back
 * (approval-at-provider.server.ts).
 */
async function approveAtProvider({ context, user, document, form }: ControlIntent): Promise<Outcome> {
  const parsed = parseFormObject(approvalSchema, approvalInput(form));
  if (!parsed.ok) return refused(parsed.errors);
  return startApprovalAtProvider(context, user, document.id, parsed.data);
}

const withdrawSchema = z.object({
  reason: z
    .string({ error: "validation.required" })
    .trim()
    .min(WITHDRAWAL_REASON_MIN, "validation.reasonTooShort")
    .max(1000, "validation.tooLong"),
  replacedBy: z
    .string()
    .max(40)
    .optional()
    .transform((v) => v || null),
  password: z.string().min(1, "validation.required").max(256),
  confirm: z.literal("on", "validation.confirmWithdrawal"),
});

/** Withdrawing, restoring and reminding are the keeper's: others get a 403, not a form error. */
function requireManage({ user, resource }: ControlIntent) {
  if (!can(user, "manage", resource)) throw data({ reason: "forbidden" }, { status: 403 });
}

async function withdraw(c: ControlIntent): Promise<Outcome> {
  requireManage(c);
  const { context, user, document, form } = c;
  const parsed = parseFormObject(withdrawSchema, fieldsOf(form));
  if (!parsed.ok) return refused(parsed.errors);
  await withdrawDocument(context.db, user, document.id, { ...parsed.data, ip: context.clientIp });
  context.logger.info({ doc: document.id }, "document withdrawn");
  context.collab.accessChanged({ documentId: document.id });
  return done("control.withdrawn");
}

function restore(c: ControlIntent): Outcome {
  requireManage(c);
  const { context, user, document } = c;
  restoreDocument(context.db, user, document.id);
  context.collab.accessChanged({ documentId: document.id });
  return done("control.restored");
}

const noChangeSchema = z.object({ comment: z.string().trim().max(1000, "validation.tooLong") });

function noChange({ context, user, document, form }: ControlIntent): Outcome {
  const parsed = parseFormObject(noChangeSchema, fieldsOf(form));
  if (!parsed.ok) return refused(parsed.errors);
  once(context.db, user.id, form, () =>
    completeReviewWithoutChange(context.db, user, document.id, parsed.data.comment),
  );
  return done("control.reviewedNoChangeDone");
}

async function remind(c: ControlIntent): Promise<Outcome> {
  requireManage(c);
  const { context, user, document, form } = c;
  const releaseId = String(form.get("releaseId") ?? "");
  if (!listReleases(context.db, document.id).some((r) => r.id === releaseId)) {
    throw data({ reason: "notFound" }, { status: 404 });
  }
  const t = translator(user.locale);
  const count = await remindReaders(context.db, context.mailer, user.id, releaseId, {
    subject: t("control.reminderSubject", { title: document.title }),
    text: (name) => t("control.reminderText", { name, title: document.title }),
    origin: context.origin,
  });
  return done(`control.reminded:${count}`);
}

/** One handler per form on the control page, named by the form's `intent`. */
export const controlIntents = {
  requestReview: requestReviewRound,
  opinion,
  reject,
  approve,
  approveAtProvider,
  withdraw,
  restore,
  noChange,
  remind,
};
