import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { Form, useLocation } from "react-router";
import { LanguageButton } from "./language-button.tsx";

/** The frame of the pages a person sees before signing in. */
export function AuthCard({ title, children }: { title: string; children: ReactNode }) {
  const { t, i18n } = useTranslation();
  const location = useLocation();
  return (
    <div className="auth-page">
      <title>{`${title} – Lots`}</title>
      <main id="main" className="auth-card">
        <div className="auth-brand">
          <span className="brand-mark" aria-hidden="true">
            L
          </span>
          <span>
            <strong>{t("app.name")}</strong>
            <span className="auth-tagline">{t("app.tagline")}</span>
          </span>
        </div>
        <h1>{title}</h1>
        {children}
      </main>
      <Form method="post" action="/sprak" className="auth-language" reloadDocument>
        <input type="hidden" name="redirectTo" value={location.pathname + location.search} />
        <LanguageButton current={i18n.language === "en" ? "en" : "sv"} />
      </Form>
    </div>
  );
}
