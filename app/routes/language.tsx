import { redirect } from "react-router";
import { safeRedirectPath } from "#app/auth/guards.server.ts";
import { isLocale } from "#app/i18n/index.ts";
import { localeCookie } from "#app/i18n/locale.server.ts";
import { setUserLocale } from "#app/models/users.server.ts";
import type { Route } from "./+types/language";

export function loader() {
  return redirect("/");
}

export async function action({ request, context }: Route.ActionArgs) {
  const form = await request.formData();
  const locale = form.get("locale");
  const back = safeRedirectPath(form.get("redirectTo"), "/");
  if (!isLocale(locale)) return redirect(back);
  if (context.auth) setUserLocale(context.db, context.auth.user.id, locale);
  return redirect(back, { headers: { "Set-Cookie": await localeCookie.serialize(locale) } });
}
