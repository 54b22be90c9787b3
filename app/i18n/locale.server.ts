import { createCookie, type AppLoadContext } from "react-router";
import type { Locale } from "#app/domain/values.ts";
import { defaultLocale, isLocale } from "./index.ts";

/** Remembers the language chosen before signing in; signed-in users keep theirs on the account. */
export const localeCookie = createCookie("lots_lang", { path: "/", sameSite: "lax", maxAge: 365 * 24 * 60 * 60 });

export async function localeFor(request: Request, context: AppLoadContext): Promise<Locale> {
  if (context.auth) return context.auth.user.locale;
  const fromCookie: unknown = await localeCookie.parse(request.headers.get("Cookie"));
  return isLocale(fromCookie) ? fromCookie : defaultLocale;
}
