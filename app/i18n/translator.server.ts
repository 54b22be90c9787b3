import type { Locale } from "#app/domain/values.ts";
import en from "./en.ts";
import { addCatalogue, i18nFor } from "./index.ts";
import sv from "./sv.ts";

// The server answers in either language, so it holds both catalogues from the start.
addCatalogue("sv", sv);
addCatalogue("en", en);

/** Translates on the server, outside React (mails, response texts, PDFs). */
export function translator(locale: Locale) {
  return i18nFor(locale).t;
}
