import { data, type AppLoadContext } from "react-router";
import { getDocument, documentResource, documentResourceFor } from "#app/models/documents.server.ts";

/**
 * The document at this address with the resource `can()` judges it by (including what the
 * draft names the signed-in person as), or a 404.
 */
export function documentOr404(context: AppLoadContext, id: string) {
  const document = getDocument(context.db, id);
  if (!document) throw data({ reason: "notFound" }, { status: 404 });
  const resource = context.auth
    ? documentResourceFor(context.db, document, context.auth.user)
    : documentResource(document);
  return { document, resource };
}
