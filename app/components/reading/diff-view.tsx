import { useTranslation } from "react-i18next";

/** A diff as people read it: a legend, then the text with insertions and deletions marked. */
export function DiffView({ html, changed }: { html: string; changed: boolean }) {
  const { t } = useTranslation();
  if (!changed) return <p className="muted">{t("reading.noChanges")}</p>;
  return (
    <>
      <p className="diff-legend">
        <ins>{t("reading.inserted")}</ins> <del>{t("reading.deleted")}</del>
      </p>
      <div className="document-body prose diff" dangerouslySetInnerHTML={{ __html: html }} />
    </>
  );
}
