import { useTranslation } from "react-i18next";
import { Link } from "react-router";

/**
 * A register's way out to Excel (what the list shows, by the query given) and, for those who
 * may change it, the way back in. `label` names the sheet where a page has more than one.
 */
export function SheetLinks({
  register,
  query = "",
  canImport,
  label,
}: {
  register: string;
  query?: string;
  canImport: boolean;
  label?: string;
}) {
  const { t } = useTranslation();
  const named = (text: string) => (label ? `${text}: ${label}` : text);
  return (
    <>
      <a href={`/register/${register}/excel${query}`} className="button button-ghost" download>
        {named(t("sheets.export"))}
      </a>
      {canImport ? (
        <Link to={`/register/${register}/importera`} className="button button-ghost">
          {named(t("sheets.import"))}
        </Link>
      ) : null}
    </>
  );
}
