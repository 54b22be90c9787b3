import { useEffect, useRef } from "react";
import { useTranslation } from "react-i18next";
import { Link, useFetcher } from "react-router";
import { documentFileHref } from "#app/content/document-image.ts";
import { Notice } from "./ui/notice.tsx";

export type ListedForm = { id: string; fileName: string; size: number };

const kilobytes = (size: number) => `${Math.max(1, Math.round(size / 1024))} kB`;

/** The forms (blanketter) that belong to a document: a list to open, and for editors to add to. */
export function DocumentForms({
  documentId,
  forms,
  canEdit,
}: {
  documentId: string;
  forms: ListedForm[];
  canEdit: boolean;
}) {
  const { t } = useTranslation();
  const adding = useFetcher<{ error?: string; fileName?: string }>();
  const removing = useFetcher<{ error?: string; removed?: string }>();
  const form = useRef<HTMLFormElement>(null);
  const added = adding.state === "idle" && adding.data?.fileName ? adding.data.fileName : null;
  useEffect(() => {
    if (added) form.current?.reset();
  }, [added]);
  if (!canEdit && forms.length === 0) return null;
  return (
    <section className="card document-forms" aria-labelledby="forms-heading">
      <h2 id="forms-heading">{t("documents.forms")}</h2>
      {canEdit ? <p className="field-hint">{t("documents.formsHint")}</p> : null}
      {forms.length === 0 ? (
        <p>{t("documents.noForms")}</p>
      ) : (
        <ul className="file-list">
          {forms.map((file) => (
            <li key={file.id}>
              <Link to={documentFileHref(file.id)} reloadDocument download>
                {file.fileName}
              </Link>{" "}
              <span className="field-hint">{kilobytes(file.size)}</span>
              {canEdit ? (
                <removing.Form method="post" action={`/dokument/${documentId}/filer`} className="inline-form">
                  <input type="hidden" name="fileId" value={file.id} />
                  <button
                    type="submit"
                    name="intent"
                    value="remove"
                    className="button button-ghost button-small"
                    disabled={removing.state !== "idle"}
                  >
                    {t("documents.removeForm", { file: file.fileName })}
                  </button>
                </removing.Form>
              ) : null}
            </li>
          ))}
        </ul>
      )}
      {removing.data?.removed ? <Notice tone="success">{t("documents.formRemoved")}</Notice> : null}
      {canEdit ? (
        <adding.Form
          ref={form}
          method="post"
          action={`/dokument/${documentId}/filer`}
          encType="multipart/form-data"
          className="form-inline"
        >
          <input type="hidden" name="kind" value="form" />
          <label>
            {t("documents.formFile")}{" "}
            <input type="file" name="file" required accept=".docx,.xlsx,.pptx,.odt,.ods,.pdf,.png,.jpg,.jpeg" />
          </label>
          {/* Disabled while sending: a second click would add the same form twice. */}
          <button
            type="submit"
            name="intent"
            value="add"
            className="button button-secondary"
            disabled={adding.state !== "idle"}
            aria-busy={adding.state !== "idle"}
          >
            {t("documents.addForm")}
          </button>
        </adding.Form>
      ) : null}
      {adding.state === "idle" && adding.data?.error ? <Notice tone="error">{adding.data.error}</Notice> : null}
      {added ? <Notice tone="success">{t("documents.formAdded", { file: added })}</Notice> : null}
    </section>
  );
}
