import { data } from "react-router";
import { z } from "zod";
import { requireAuth } from "#app/auth/guards.server.ts";
import { passkeyAssertionOptions, passkeyRegistrationOptions, relyingParty } from "#app/auth/passkeys.server.ts";
import { candidateToSign } from "#app/models/review-rounds.server.ts";
import { refusalAsFormError } from "#app/models/errors.ts";
import type { Route } from "./+types/account-passkey-options";

const request = z.discriminatedUnion("purpose", [
  z.object({ purpose: z.literal("enrol") }),
  z.object({ purpose: z.literal("approve"), reviewId: z.string().max(40) }),
]);

/** Asked for with a form, never a page. */
export function loader(): never {
  throw data({ reason: "methodNotAllowed" }, { status: 405 });
}

/**
 * What the browser hands the person's authenticator: to create a passkey, or to sign the
 * candidate of a review round they are to decide (its hash inside the challenge).
 */
export async function action({ request: req, context }: Route.ActionArgs) {
  const { user } = requireAuth(req, context);
  const parsed = request.safeParse(Object.fromEntries(await req.formData()));
  if (!parsed.success) throw data({ reason: "badRequest" }, { status: 400 });
  const rp = relyingParty(context.db, context.servedOrigin);
  if (parsed.data.purpose === "enrol") return Response.json(await passkeyRegistrationOptions(context.db, user, rp));
  const { reviewId } = parsed.data;
  let candidateHash: string;
  try {
    candidateHash = candidateToSign(context.db, user, reviewId);
  } catch (error) {
    return Response.json({ error: refusalAsFormError(error).form.key }, { status: 409 });
  }
  const options = await passkeyAssertionOptions(context.db, user.id, rp, "approve", { reviewId, candidateHash });
  if (!options) return Response.json({ error: "errors.reviewRound.passkeyRefused" }, { status: 409 });
  return Response.json(options);
}
