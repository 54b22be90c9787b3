import i18next, { type i18n } from "i18next";
import { initReactI18next } from "react-i18next";
import type { Locale } from "#app/domain/values.ts";
import type { Messages } from "./sv.ts";

export const defaultLocale: Locale = "sv";

export function isLocale(value: unknown): value is Locale {
  return value === "sv" || value === "en";
}

/**
 * The catalogues this process holds. The server holds both (translator.server.ts); a browser
 * holds only the language of the page it was sent, loaded before hydration (entry.client.tsx),
 * so a phone on a mobile network never downloads the other one.
 */
const catalogues = new Map<Locale, Messages>();

export function addCatalogue(locale: Locale, messages: Messages): void {
  catalogues.set(locale, messages);
}

/** Fetches one language's catalogue in the browser; a separate chunk per language. */
export async function loadCatalogue(locale: Locale): Promise<void> {
  if (catalogues.has(locale)) return;
  const messages = locale === "en" ? (await import("./en.ts")).default : (await import("./sv.ts")).default;
  addCatalogue(locale, messages);
}

/** One i18next instance per locale, rendering synchronously from the catalogue already held. */
const instances = new Map<Locale, i18n>();

export function i18nFor(locale: Locale): i18n {
  let instance = instances.get(locale);
  if (!instance) {
    const messages = catalogues.get(locale);
    if (!messages) throw new Error(`The ${locale} catalogue is not loaded`);
    instance = i18next.createInstance();
    void instance.use(initReactI18next).init({
      lng: locale,
      fallbackLng: false,
      resources: { [locale]: { translation: messages } },
      initAsync: false,
      interpolation: { escapeValue: false },
      returnNull: false,
    });
    instances.set(locale, instance);
  }
  return instance;
}
