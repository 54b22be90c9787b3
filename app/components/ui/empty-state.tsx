import type { ReactNode } from "react";
import { Link } from "react-router";

/** An empty list says so, and where there is a next step, offers it as a button. */
export function EmptyState({
  title,
  next,
  children,
}: {
  title: string;
  next?: { to: string; label: string } | null;
  children?: ReactNode;
}) {
  return (
    <section className="empty-state" aria-label={title}>
      <svg aria-hidden="true" viewBox="0 0 48 48" width="48" height="48" className="empty-state-icon">
        <rect x="8" y="6" width="32" height="36" rx="4" fill="none" stroke="currentColor" strokeWidth="2.5" />
        <path d="M16 16h16M16 24h16M16 32h10" stroke="currentColor" strokeWidth="2.5" strokeLinecap="round" />
      </svg>
      <h2>{title}</h2>
      {children}
      {next ? (
        <p>
          <Link to={next.to} className="button">
            {next.label}
          </Link>
        </p>
      ) : null}
    </section>
  );
}
