import { data, type AppLoadContext } from "react-router";
import { getDocument, documentResource } from "#app/models/documents.server.ts";

/** The document at this address with the resource `can()` judges it by, or a 404. */
export function documentOr404(context: AppLoadContext, id: string) {
  const document = getDocument(context.db, id);
  if (!document) throw data({ reason: "notFound" }, { status: 404 });
  return { document, resource: documentResource(document) };
}
