import { useTranslation } from "react-i18next";
import type { Locale } from "#app/domain/values.ts";

/** Submits the surrounding form with the other language. Its name is read in that language too. */
export function LanguageButton({ current }: { current: Locale }) {
  const { t } = useTranslation();
  const other: Locale = current === "sv" ? "en" : "sv";
  const label = t(`language.${other}`);
  return (
    <button
      type="submit"
      name="locale"
      value={other}
      className="button button-ghost"
      // The visible word is part of the accessible name (WCAG 2.5.3), spoken in its own language.
      aria-label={`${t("language.switchTo")}: ${label}`}
    >
      <span lang={other}>{label}</span>
    </button>
  );
}
