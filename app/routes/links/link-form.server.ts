import { z } from "zod";
import { linkableKinds } from "#app/domain/values.ts";
import type { Actor } from "#app/auth/permissions.server.ts";
import type { AppLoadContext } from "react-router";
import { refusalAsFormError } from "#app/models/errors.ts";
import { itemStatuses, linkItems, unlinkItems, type ItemRef } from "#app/models/links.server.ts";
import { parseForm, type FieldErrors } from "#app/utils/forms.ts";
import { once } from "#app/models/submissions.server.ts";

/** "risk:abc" as sent by a Linked panel or an editor chip. */
export const itemRefSchema = z
  .string({ error: "validation.required" })
  .max(80, "validation.tooLong")
  .transform((value, ctx): ItemRef => {
    const [kind, id] = value.split(":");
    const known = linkableKinds.find((k) => k === kind);
    if (!known || !id) {
      ctx.addIssue({ code: "custom", message: "validation.required" });
      return z.NEVER;
    }
    return { kind: known, id };
  });

const linkSchema = z.object({ target: itemRefSchema });

/**
 * The Linked panel's two intents, the same on every item page. Returns null when the form was
 * for something else, so the page's own action can go on.
 */
export function linkFormIntent(
  db: AppLoadContext["db"],
  actor: Actor,
  self: ItemRef,
  form: FormData,
): { errors: FieldErrors } | null {
  const intent = form.get("intent");
  try {
    if (intent === "link") {
      const parsed = parseForm(linkSchema, form);
      if (!parsed.ok) return { errors: parsed.errors };
      once(db, actor.id, form, () => linkItems(db, actor, self, parsed.data.target));
      return { errors: {} };
    }
    if (intent === "unlink") {
      unlinkItems(db, actor, String(form.get("linkId") ?? ""));
      return { errors: {} };
    }
  } catch (error) {
    return { errors: refusalAsFormError(error) };
  }
  return null;
}

/** The item a new one is born of (`?fran=risk:<id>` or a hidden `from` field), if the person may see it. */
export function bornOf(db: AppLoadContext["db"], actor: Actor, value: FormDataEntryValue | null) {
  const ref = itemRefSchema.safeParse(value);
  return ref.success ? (itemStatuses(db, actor, [ref.data])[0] ?? null) : null;
}
