import { data, type AppLoadContext } from "react-router";
import { getFollowUp } from "#app/models/sam.server.ts";

/** The follow-up at this address, or a 404. */
export function followUpOr404(context: AppLoadContext, id: string) {
  const followUp = getFollowUp(context.db, id);
  if (!followUp) throw data({ reason: "notFound" }, { status: 404 });
  return followUp;
}
