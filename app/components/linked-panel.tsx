import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { Form, useFetcher } from "react-router";
import type { FieldError } from "#app/utils/forms.ts";
import { ItemStatus } from "./item-status.tsx";
import { LinkedList } from "./linked-list.tsx";
import { Notice } from "./ui/notice.tsx";
import { TextField } from "./ui/field.tsx";
import { SubmitButton } from "./ui/submit-button.tsx";

type Linked = {
  kind: string;
  id: string;
  linkId: string;
  href: string;
  title: string;
  status: string;
  attention: boolean;
};
type Found = Omit<Linked, "linkId">;

/**
 * The "Linked" panel every item page carries: what the item is linked to with live status,
 * and, for those who may link, a search across registers to add a link or remove one. The
 * page's action handles the `link` and `unlink` intents (see link-form.server.ts).
 */
export function LinkedPanel({
  self,
  items,
  canLink,
  error,
  sendSelf = false,
  children,
}: {
  self: { kind: string; id: string };
  /** Whether the forms name the item, for a page that links more than one (a map's steps). */
  sendSelf?: boolean;
  items: Linked[];
  canLink: boolean;
  error?: FieldError;
  children?: React.ReactNode;
}) {
  const { t } = useTranslation();
  const selfRef = `${self.kind}:${self.id}`;
  const taken = new Set([selfRef, ...items.map((i) => `${i.kind}:${i.id}`)]);
  return (
    <section className="card" aria-labelledby="linked-heading">
      <h2 id="linked-heading">{t("links.title")}</h2>
      {error ? <Notice tone="error">{t(error.key as "links.title")}</Notice> : null}
      <LinkedList items={items} canUnlink={canLink} self={sendSelf ? selfRef : undefined} />
      {canLink ? <LinkSearch taken={taken} self={sendSelf ? selfRef : undefined} /> : null}
      {children}
    </section>
  );
}

function LinkSearch({ taken, self }: { taken: Set<string>; self?: string }) {
  const { t } = useTranslation();
  const search = useFetcher<{ items: Found[] }>();
  const [query, setQuery] = useState("");
  const { load } = search;
  useEffect(() => {
    if (query.trim().length === 0) return;
    // Wait for a pause in typing rather than asking the server at every key.
    const timer = setTimeout(() => load(`/lankar?${new URLSearchParams({ q: query.trim() })}`), 200);
    return () => clearTimeout(timer);
  }, [query, load]);
  const found = query.trim() ? (search.data?.items ?? []).filter((i) => !taken.has(`${i.kind}:${i.id}`)) : [];
  return (
    <div className="link-search">
      <TextField
        label={t("links.search")}
        hint={t("links.searchHint")}
        type="search"
        value={query}
        onChange={(e) => setQuery(e.currentTarget.value)}
        maxLength={100}
        autoComplete="off"
      />
      <div aria-live="polite">
        {query.trim() && search.state === "idle" && search.data && found.length === 0 ? (
          <p className="muted">{t("links.noneFound")}</p>
        ) : null}
        {found.length > 0 ? (
          <ul className="plain-list" aria-label={t("links.results")}>
            {found.map((item) => (
              <li key={`${item.kind}:${item.id}`}>
                <span className="muted">{t(`links.kinds.${item.kind}` as "links.title")}:</span> {item.title}{" "}
                <ItemStatus status={item.status} attention={item.attention} />
                <Form method="post" className="inline-form" onSubmit={() => setQuery("")}>
                  <input type="hidden" name="target" value={`${item.kind}:${item.id}`} />
                  {self ? <input type="hidden" name="self" value={self} /> : null}
                  <SubmitButton
                    name="intent"
                    value="link"
                    className="button button-secondary"
                    aria-label={t("links.addNamed", { title: item.title })}
                  >
                    {t("links.add")}
                  </SubmitButton>
                </Form>
              </li>
            ))}
          </ul>
        ) : null}
      </div>
    </div>
  );
}
