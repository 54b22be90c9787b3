import { useId, useState } from "react";
import { useTranslation } from "react-i18next";

/** A one-time link shown to copy (e.g. an invitation when no mail server is configured). */
export function CopyField({ label, value }: { label: string; value: string }) {
  const { t } = useTranslation();
  const id = useId();
  const [copied, setCopied] = useState(false);
  return (
    <div className="field copy-field">
      <label htmlFor={id}>{label}</label>
      <div className="copy-field-row">
        <input id={id} readOnly value={value} onFocus={(e) => e.currentTarget.select()} />
        <button
          type="button"
          className="button button-secondary"
          onClick={() => {
            void navigator.clipboard?.writeText(value).then(() => setCopied(true));
          }}
        >
          {copied ? t("admin.copied") : t("admin.copy")}
        </button>
      </div>
    </div>
  );
}
