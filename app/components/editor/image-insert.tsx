import type { Editor } from "@tiptap/core";
import { useEffect, useId, useRef, useState, type FormEvent } from "react";
import { useTranslation } from "react-i18next";

/** The formats browsers show; anything else is refused by the server with the reason. */
export const IMAGE_ACCEPT = "image/png,image/jpeg,image/gif,image/webp";

/**
 * Puts a picture into the document: chosen, pasted or dropped, it is first described (alt
 * text, for people who cannot see it), then uploaded to Lots' file store and shown from there.
 */
export function ImageInsert({
  editor,
  documentId,
  file: given,
  onDone,
}: {
  editor: Editor;
  documentId: string;
  /** A pasted or dropped picture waiting for its description. */
  file: File | null;
  onDone: () => void;
}) {
  const { t } = useTranslation();
  const id = useId();
  const [chosen, setChosen] = useState<File | null>(null);
  const file = given ?? chosen;
  const [alt, setAlt] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const altInput = useRef<HTMLInputElement>(null);
  useEffect(() => {
    if (given) altInput.current?.focus();
  }, [given]);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!file) return setError(t("editor.imageChoose"));
    if (!alt.trim()) {
      altInput.current?.focus();
      return setError(t("editor.imageAltRequired"));
    }
    setBusy(true);
    setError(null);
    const body = new FormData();
    body.set("intent", "add");
    body.set("kind", "image");
    body.set("file", file);
    try {
      const answer = await fetch(`/dokument/${documentId}/filer`, {
        method: "POST",
        body,
        headers: { Accept: "application/json" },
      });
      const result = (await answer.json().catch(() => ({}))) as { src?: string; error?: string };
      if (!answer.ok || !result.src) {
        setError(result.error ?? t(answer.status === 413 ? "errors.documentFile.tooLarge" : "editor.imageFailed"));
        return;
      }
      editor
        .chain()
        .focus()
        .setImage({ src: result.src, alt: alt.trim().slice(0, 300) })
        .run();
      onDone();
    } catch {
      setError(t("editor.imageFailed"));
    } finally {
      setBusy(false);
    }
  };
  return (
    <form className="link-form image-form" onSubmit={submit} aria-label={t("editor.image")}>
      {given ? (
        <p className="image-form-file">{given.name || t("editor.imagePasted")}</p>
      ) : (
        <>
          <label htmlFor={`${id}-file`}>{t("editor.imageFile")}</label>
          <input
            id={`${id}-file`}
            type="file"
            accept={IMAGE_ACCEPT}
            autoFocus
            onChange={(e) => setChosen(e.currentTarget.files?.[0] ?? null)}
          />
        </>
      )}
      <label htmlFor={`${id}-alt`}>{t("editor.imageAlt")}</label>
      <input
        id={`${id}-alt`}
        ref={altInput}
        value={alt}
        onChange={(e) => setAlt(e.currentTarget.value)}
        maxLength={300}
        aria-describedby={`${id}-alt-hint`}
        aria-invalid={error === t("editor.imageAltRequired")}
      />
      <p id={`${id}-alt-hint`} className="field-hint">
        {t("editor.imageAltHint")}
      </p>
      <button type="submit" className="button button-secondary" disabled={busy} aria-busy={busy}>
        {t("editor.imageInsert")}
      </button>
      <button type="button" className="button button-ghost" onClick={onDone}>
        {t("common.cancel")}
      </button>
      {error ? (
        <p className="field-error" role="alert">
          {error}
        </p>
      ) : null}
    </form>
  );
}

/** The first picture among pasted or dropped files, if any. */
export function pictureIn(files: FileList | null | undefined): File | null {
  return [...(files ?? [])].find((file) => file.type.startsWith("image/")) ?? null;
}
