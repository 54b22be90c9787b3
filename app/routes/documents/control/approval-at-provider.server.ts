import { redirect, type AppLoadContext } from "react-router";
import { z } from "zod";
import type { AuthUser } from "#app/auth/sessions.server.ts";
import { beginSignOn, callbackUrlFor, signOnCookie } from "#app/auth/single-sign-on.server.ts";
import { DomainError } from "#app/models/errors.ts";
import { hasProviderIdentity } from "#app/models/identities.server.ts";
import { versionOf } from "#app/models/releases.server.ts";
import { approveReview, listReviewRounds, ReviewRoundError } from "#app/models/review-rounds.server.ts";
import { getSignInSettings } from "#app/models/sign-in-settings.server.ts";
import { approvalOf, approvalSchema, type ApprovalForm } from "./approval-form.ts";

/**
 * An approval signed by signing in again at the organisation's provider (prompt=login,
 * max_age=0), for people who sign in there and have no passkey. The approval waits with the
 * attempt, which only this browser can complete and only as this person, and is carried out
 * when the provider vouches for them; the page then says what happened.
 */

/** The query key the control page reads the outcome from. */
export const SIGNED_AT_PROVIDER = "underskrift";

const waiting = approvalSchema.extend({ documentId: z.string() });

const controlPage = (documentId: string) => `/dokument/${documentId}/granskning`;

export async function startApprovalAtProvider(
  context: AppLoadContext,
  user: AuthUser,
  documentId: string,
  approval: ApprovalForm,
): Promise<never> {
  const { provider } = getSignInSettings(context.db, context.config.oidc);
  if (!provider || !hasProviderIdentity(context.db, user.id)) throw new ReviewRoundError("reviewRound.providerRefused");
  // A candidate already replaced is refused now, not after the trip to the provider.
  const round = listReviewRounds(context.db, documentId).find((r) => r.id === approval.reviewId);
  if (round?.status !== "open" || round.candidateHash !== approval.candidateHash)
    throw new ReviewRoundError("reviewRound.outdatedCandidate");
  const started = await beginSignOn(context.db, provider, {
    redirectUri: callbackUrlFor(context.origin),
    redirectTo: controlPage(documentId),
    ip: context.clientIp,
    reauthenticate: { userId: user.id, approval: JSON.stringify({ documentId, ...approval }) },
  });
  if (!started.ok) throw new ReviewRoundError("reviewRound.providerRefused");
  throw redirect(started.location, {
    headers: { "Set-Cookie": await signOnCookie(context.secure).serialize(started.token) },
  });
}

/**
 * Back from the provider with the person confirmed: the waiting approval, signed by the person
 * signed in in this browser, who must be the one the provider vouched for.
 */
export async function finishApprovalAtProvider(
  context: AppLoadContext,
  confirmedUserId: string,
  approvalJson: string,
): Promise<string> {
  const parsed = waiting.safeParse(JSON.parse(approvalJson));
  if (!parsed.success) return "/start";
  const { documentId, reviewId, ...approval } = parsed.data;
  const outcome = (value: string) => `${controlPage(documentId)}?${SIGNED_AT_PROVIDER}=${encodeURIComponent(value)}`;
  const user = context.auth?.user;
  if (!user || user.id !== confirmedUserId) return outcome("reviewRound.providerRefused");
  try {
    const release = await approveReview(context.db, user, reviewId, {
      ...approvalOf({ reviewId, ...approval }),
      confirmedAtProvider: true,
    });
    context.collab.accessChanged({ documentId });
    return outcome(`approved:${versionOf(release)}`);
  } catch (error) {
    if (error instanceof DomainError) return outcome(error.code);
    throw error;
  }
}

/** A re-authentication that failed goes back to the page that asked for it. */
export const approvalRefusedAt = (redirectTo: string) =>
  `${redirectTo}?${SIGNED_AT_PROVIDER}=reviewRound.providerRefused`;
