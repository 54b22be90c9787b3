import { useTranslation } from "react-i18next";
import type { ConnectionState, SaveState } from "./session.ts";

/**
 * Whether the live session is connected and its edits are stored, and how much there is. Shared
 * by the document editor and the map editor; kept apart from both so the map does not pull in
 * the text editor to show it.
 */
export function StatusBar({
  connection,
  save,
  words,
  count,
}: {
  connection: ConnectionState;
  save: SaveState | null;
  words?: number;
  /** What to count instead of words (a map counts its steps). */
  count?: string;
}) {
  const { t } = useTranslation();
  return (
    <div className="editor-status" role="status" aria-live="polite">
      <span className={`connection connection-${connection}`}>
        <span className="dot" aria-hidden="true" /> {t(`editor.connection.${connection}`)}
      </span>
      {save ? (
        <span className={`save save-${save}`}>{t(`editor.save.${connection === "connected" ? save : "offline"}`)}</span>
      ) : null}
      <span className="words">{count ?? t("editor.words", { count: words ?? 0 })}</span>
    </div>
  );
}
