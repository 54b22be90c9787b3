import i18next, { type i18n } from "i18next";
import { initReactI18next } from "react-i18next";
import type { Locale } from "#app/domain/values.ts";
import en from "./en.ts";
import sv from "./sv.ts";

export const defaultLocale: Locale = "sv";
export const resources = { sv: { translation: sv }, en: { translation: en } } as const;

export function isLocale(value: unknown): value is Locale {
  return value === "sv" || value === "en";
}

/**
 * One i18next instance per locale. Both catalogues are small and bundled, so server and
 * client render the same text synchronously and hydration never waits for a fetch.
 */
const instances = new Map<Locale, i18n>();

export function i18nFor(locale: Locale): i18n {
  let instance = instances.get(locale);
  if (!instance) {
    instance = i18next.createInstance();
    void instance.use(initReactI18next).init({
      lng: locale,
      fallbackLng: false,
      resources,
      initAsync: false,
      interpolation: { escapeValue: false },
      returnNull: false,
    });
    instances.set(locale, instance);
  }
  return instance;
}

/** Translates on the server, outside React (mails, response texts). */
export function translator(locale: Locale) {
  return i18nFor(locale).t;
}
