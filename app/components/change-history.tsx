import { useTranslation } from "react-i18next";
import type { ShownChange } from "#app/models/item-history.server.ts";
import { formatDate } from "#app/utils/dates.ts";

export type ChangeEntry = { at: string; actorName: string; changes: ShownChange[]; reason: string | null };

/**
 * An item's history of changes, readable: who and when, then each field with what it was and
 * what it became, sentences as a word diff. The page says what a field is called and how its
 * values read (names for people, words for choices).
 */
export function ChangeHistory({
  entries,
  fieldLabel,
  valueText,
}: {
  entries: ChangeEntry[];
  fieldLabel: (field: string) => string;
  valueText: (field: string, value: string | null) => string;
}) {
  const { t, i18n } = useTranslation();
  if (entries.length === 0) return <p className="muted">{t("history.none")}</p>;
  return (
    <ol className="plain-list history change-history">
      {entries.map((entry, i) => (
        <li key={i}>
          <time dateTime={entry.at}>{formatDate(entry.at, i18n.language)}</time> · {entry.actorName}
          <ul className="plain-list">
            {entry.changes.map((c) => (
              <li key={c.field}>
                <strong>{fieldLabel(c.field)}:</strong>{" "}
                {c.words ? (
                  c.words.map((w, j) =>
                    w.added ? (
                      <ins key={j}>{w.value}</ins>
                    ) : w.removed ? (
                      <del key={j}>{w.value}</del>
                    ) : (
                      <span key={j}>{w.value}</span>
                    ),
                  )
                ) : (
                  <>
                    <del>{valueText(c.field, c.from)}</del> → <ins>{valueText(c.field, c.to)}</ins>
                  </>
                )}
              </li>
            ))}
            {entry.reason ? (
              <li>
                <strong>{t("history.reason")}:</strong> {entry.reason}
              </li>
            ) : null}
          </ul>
        </li>
      ))}
    </ol>
  );
}
