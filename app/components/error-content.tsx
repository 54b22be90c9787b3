import { useTranslation } from "react-i18next";
import { isRouteErrorResponse, Link } from "react-router";

/** What a person sees when a page cannot be shown: the reason in their language, never internals. */
export function ErrorContent({ error }: { error: unknown }) {
  const { t } = useTranslation();
  const status = isRouteErrorResponse(error) ? error.status : 500;
  const draft = isRouteErrorResponse(error) ? draftRefusal(error.data) : null;
  const [title, message] = draft
    ? [t("errorPage.draftTitle"), t("errorPage.draft")]
    : status === 404
      ? [t("errorPage.notFoundTitle"), t("errorPage.notFound")]
      : status === 403
        ? [t("errorPage.forbiddenTitle"), t("errorPage.forbidden")]
        : status === 400 || status === 413
          ? [t("errorPage.badRequestTitle"), t("errorPage.badRequest")]
          : [t("errorPage.errorTitle"), t("errorPage.error")];
  return (
    <div className="error-content">
      <title>{`${title} – Lots`}</title>
      <p className="error-status">{status}</p>
      <h1>{title}</h1>
      <p>{message}</p>
      {draft?.release ? (
        <Link className="button" to={draft.release}>
          {t("errorPage.readRelease")}
        </Link>
      ) : (
        <Link className="button" to="/start">
          {t("errorPage.home")}
        </Link>
      )}
      {import.meta.env.DEV && error instanceof Error ? <pre className="error-stack">{error.stack}</pre> : null}
    </div>
  );
}

/** A working draft refused to someone who reads releases: where the release in effect is, if any. */
function draftRefusal(data: unknown): { release: string | null } | null {
  if (typeof data !== "object" || data === null || (data as { reason?: unknown }).reason !== "draftNotYours")
    return null;
  const release = (data as { release?: unknown }).release;
  return { release: typeof release === "string" && release.startsWith("/gallande/") ? release : null };
}
