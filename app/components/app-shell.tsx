import { useState, type ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { Form, NavLink, useLocation, useSubmit } from "react-router";
import type { Section } from "#app/navigation.ts";
import { forgetLocalCopies } from "./editor/local-copies.ts";
import { LanguageButton } from "./language-button.tsx";
import type { Locale, Role } from "#app/domain/values.ts";

export type ShellProps = {
  organisationName: string;
  user: { name: string; role: Role; locale: Locale };
  nav: { section: Section; path: string }[];
  canReport: boolean;
  unread: number;
  children: ReactNode;
};

function NavIcon({ section }: { section: Section }) {
  // Simple line icons, drawn here so the shell needs no icon font.
  const paths: Record<Section, string> = {
    start: "M4 11l8-7 8 7v9h-5v-6H9v6H4z",
    current: "M6 3h9l4 4v14H6zM14 3v5h5M9 13l2 2 4-4",
    myDrafts: "M6 3h9l4 4v14H6zM14 3v5h5M9 17l1-3 5-5 2 2-5 5z",
    documents: "M6 3h9l4 4v14H6zM14 3v5h5M9 12h7M9 16h7",
    processes: "M3 6h6v5H3zM15 13h6v5h-6zM9 8.5h3v7h3",
    risks: "M12 3l10 18H2zM12 10v5M12 18v.5",
    objectives: "M4 20V10M10 20V4M16 20v-7M22 20H2",
    actions: "M4 12l5 5L20 6",
    deviations: "M12 3a9 9 0 100 18 9 9 0 000-18zM12 7v6M12 16v.5",
    audits: "M10 4a6 6 0 100 12 6 6 0 000-12zM14.5 14.5L21 21",
    managementReviews: "M4 5h16v11H8l-4 4zM8 9h8M8 12h5",
    requirements: "M5 4h14v16H5zM8 8h8M8 12h8M8 16h5",
    trail: "M7 4h10v4H7zM7 16h10v4H7zM12 8v8M4 12h16",
    admin: "M12 8a4 4 0 100 8 4 4 0 000-8zM12 2v3M12 19v3M2 12h3M19 12h3M5 5l2 2M17 17l2 2M5 19l2-2M17 7l2-2",
  };
  return (
    <svg aria-hidden="true" viewBox="0 0 24 24" width="20" height="20" className="nav-icon">
      <path
        d={paths[section]}
        fill="none"
        stroke="currentColor"
        strokeWidth="1.8"
        strokeLinejoin="round"
        strokeLinecap="round"
      />
    </svg>
  );
}

export function AppShell({ organisationName, user, nav, unread, canReport, children }: ShellProps) {
  const { t } = useTranslation();
  const location = useLocation();
  // The drawer belongs to the page it was opened on: choosing another page closes it.
  const [openOn, setOpenOn] = useState<string | null>(null);
  const menuOpen = openOn === location.pathname;

  return (
    <div className="shell">
      <a className="skip-link" href="#main">
        {t("app.skipToContent")}
      </a>
      <header className="topbar">
        <button
          type="button"
          className="menu-toggle"
          aria-expanded={menuOpen}
          aria-controls="main-nav"
          onClick={() => setOpenOn(menuOpen ? null : location.pathname)}
        >
          <span className="visually-hidden">{menuOpen ? t("app.closeMenu") : t("app.menu")}</span>
          <svg aria-hidden="true" viewBox="0 0 24 24" width="24" height="24">
            <path d="M4 6h16M4 12h16M4 18h16" stroke="currentColor" strokeWidth="2" strokeLinecap="round" />
          </svg>
        </button>
        <NavLink to="/start" className="brand">
          <span className="brand-mark" aria-hidden="true">
            L
          </span>
          <span className="brand-name">{t("app.name")}</span>
          <span className="brand-org">{organisationName}</span>
        </NavLink>
        <div className="user-menu">
          <NavLink to="/notiser" className="bell" aria-label={t("notifications.bell", { count: unread })}>
            <svg aria-hidden="true" viewBox="0 0 24 24" width="22" height="22">
              <path
                d="M6 16V11a6 6 0 1112 0v5l2 2H4zM10 20a2 2 0 004 0"
                fill="none"
                stroke="currentColor"
                strokeWidth="1.8"
                strokeLinejoin="round"
              />
            </svg>
            {unread > 0 ? (
              <span className="bell-count" aria-hidden="true">
                {unread > 99 ? "99+" : unread}
              </span>
            ) : null}
          </NavLink>
          <AccountActions user={user} />
        </div>
      </header>
      <div className="shell-body">
        <nav id="main-nav" className={`sidenav${menuOpen ? " is-open" : ""}`} aria-label={t("app.mainNavigation")}>
          {canReport ? (
            <NavLink to="/avvikelser/ny" className="button sidenav-report">
              {t("deviations.reportDeviation")}
            </NavLink>
          ) : null}
          <ul>
            {nav.map((item) => (
              <li key={item.section}>
                <NavLink to={item.path} className="sidenav-link">
                  <NavIcon section={item.section} />
                  <span>{t(`nav.${item.section}`)}</span>
                </NavLink>
              </li>
            ))}
          </ul>
          {/* On a phone the top bar has no room: the same actions live at the foot of the drawer. */}
          <div className="sidenav-account">
            <AccountActions user={user} />
          </div>
        </nav>
        <main id="main" className="content" tabIndex={-1}>
          {children}
        </main>
      </div>
    </div>
  );
}

function AccountActions({ user }: { user: ShellProps["user"] }) {
  const { t } = useTranslation();
  const location = useLocation();
  const submit = useSubmit();
  return (
    <>
      <NavLink to="/konto" className="user-link" title={t("app.signedInAs", { name: user.name })}>
        <span className="user-name">{user.name}</span>
        <span className="user-role">{t(`roles.${user.role}`)}</span>
      </NavLink>
      {/* A full load: the page in the other language needs that language's catalogue (entry.client.tsx). */}
      <Form method="post" action="/sprak" className="inline-form" reloadDocument>
        <input type="hidden" name="redirectTo" value={location.pathname + location.search} />
        <LanguageButton current={user.locale} />
      </Form>
      <Form
        method="post"
        action="/logga-ut"
        className="inline-form"
        onSubmit={(event) => {
          // The browser's copies of documents go with the session, before the next person sits down.
          event.preventDefault();
          const form = event.currentTarget;
          void forgetLocalCopies().finally(() => submit(form));
        }}
      >
        <button type="submit" className="button button-ghost">
          {t("nav.signOut")}
        </button>
      </Form>
    </>
  );
}
