import { endOfDay, format, isValid, parseISO } from "date-fns";
import { enGB, sv } from "date-fns/locale";

const locales = { sv, en: enGB } as const;

/** A date as people read it in their language, e.g. "21 nov. 2026" / "21 Nov 2026". */
export function formatDate(value: Date | string | number, language: string): string {
  const date = typeof value === "string" ? parseISO(value) : new Date(value);
  return format(date, "d MMM yyyy", { locale: language === "en" ? locales.en : locales.sv });
}

/** Whether a value is a real calendar day written as "2026-12-31" (not "2026-02-30"). */
export function isDay(value: string): boolean {
  return /^\d{4}-\d{2}-\d{2}$/.test(value) && isValid(parseISO(value)) && toDateInput(value) === value;
}

/** The value for an <input type="date">. */
export function toDateInput(value: Date | string | null | undefined): string {
  if (!value) return "";
  return format(typeof value === "string" ? parseISO(value) : value, "yyyy-MM-dd");
}

/** "2026-12-31" as the last moment of that day: access "until and including" that date. */
export function endOfDateInput(value: string): Date | null {
  const date = parseISO(value);
  return isValid(date) ? endOfDay(date) : null;
}

/** A moment as people read it, e.g. "20 nov. 2026 14:30"; "2026-11-20T14:30" is local time. */
export function formatDateTime(value: Date | string | number, language: string): string {
  const date = typeof value === "string" ? parseISO(value) : new Date(value);
  return format(date, "d MMM yyyy HH:mm", { locale: language === "en" ? locales.en : locales.sv });
}

/** The value for an <input type="datetime-local">, in the server's time zone. */
export const toDateTimeInput = (value: Date) => format(value, "yyyy-MM-dd'T'HH:mm");
