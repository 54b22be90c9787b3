import { useTranslation } from "react-i18next";
import { Form, Link } from "react-router";
import { ItemStatus } from "./item-status.tsx";
import { SubmitButton } from "./ui/submit-button.tsx";

type Item = { linkId: string; href: string; title: string; status: string; attention: boolean };

/** What an item is linked to, each with its live status; with `canUnlink`, a way to remove a link. */
export function LinkedList({
  items,
  canUnlink = false,
  self,
}: {
  items: Item[];
  canUnlink?: boolean;
  /** The item the list belongs to, sent along when a page links more than one. */
  self?: string;
}) {
  const { t } = useTranslation();
  if (items.length === 0) return <p className="muted">{t("links.none")}</p>;
  return (
    <ul className="plain-list">
      {items.map((item) => (
        <li key={item.linkId}>
          <Link to={item.href}>{item.title}</Link> <ItemStatus status={item.status} attention={item.attention} />
          {canUnlink ? (
            <Form method="post" className="inline-form">
              <input type="hidden" name="linkId" value={item.linkId} />
              {self ? <input type="hidden" name="self" value={self} /> : null}
              <SubmitButton
                name="intent"
                value="unlink"
                className="button button-ghost"
                aria-label={t("links.removeNamed", { title: item.title })}
              >
                {t("links.remove")}
              </SubmitButton>
            </Form>
          ) : null}
        </li>
      ))}
    </ul>
  );
}
