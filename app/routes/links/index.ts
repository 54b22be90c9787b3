import { data } from "react-router";
import { z } from "zod";
import { requireAuth, requirePermission } from "#app/auth/guards.server.ts";
import { itemStatuses, linkableNow, searchItems } from "#app/models/links.server.ts";
import { linkableKinds } from "#app/domain/values.ts";
import { itemRefSchema, linkFormIntent } from "./link-form.server.ts";
import type { Route } from "./+types/index";

const querySchema = z.object({
  q: z.string().trim().max(100).default(""),
  kinds: z.array(z.enum(linkableKinds)).max(10),
  items: z.array(itemRefSchema).max(100),
});

/**
 * The Linked panels' search and the editor chips' live status, as JSON: `?q=...&typ=risk` finds
 * items, `?i=kpi:<id>` reports on named ones. Only what the person may see comes back.
 */
export function loader({ request, context }: Route.LoaderArgs) {
  const { user } = requireAuth(request, context);
  const url = new URL(request.url);
  const parsed = querySchema.safeParse({
    q: url.searchParams.get("q") ?? undefined,
    kinds: url.searchParams.getAll("typ"),
    items: url.searchParams.getAll("i"),
  });
  if (!parsed.success) throw data({ reason: "badRequest" }, { status: 400 });
  const { q, kinds, items } = parsed.data;
  if (items.length > 0) return Response.json({ items: itemStatuses(context.db, user, items) });
  return Response.json({ items: searchItems(context.db, user, q, kinds.length ? kinds : linkableNow) });
}

/** Links made from inside the editor: typing a `#` chip into a document links the document to the item. */
export async function action({ request, context }: Route.ActionArgs) {
  const { user } = requirePermission(request, context, "edit", { type: "links" });
  const form = await request.formData();
  const from = itemRefSchema.safeParse(form.get("from"));
  if (!from.success) throw data({ reason: "badRequest" }, { status: 400 });
  const result = linkFormIntent(context.db, user, from.data, form);
  if (!result) throw data({ reason: "badRequest" }, { status: 400 });
  // A chip typed twice links once; that is not an error worth showing in the editor.
  const refused = result.errors.form?.key;
  const ok = !refused || refused === "errors.link.exists";
  return Response.json({ ok, error: ok ? null : refused }, { status: ok ? 200 : 422 });
}
