import { useTranslation } from "react-i18next";
import { Form } from "react-router";
import { Notice } from "#app/components/ui/notice.tsx";
import { PageHeader } from "#app/components/ui/page-header.tsx";
import { SubmitButton } from "#app/components/ui/submit-button.tsx";
import { requirePermission } from "#app/auth/guards.server.ts";
import { verifyReleases } from "#app/models/releases.server.ts";
import { recentTrail, verifyTrail } from "#app/models/trail.server.ts";
import type { Route } from "./+types/trail";

/** The trail for auditors: what happened, by whom, and a check that nothing was changed since. */
export function loader({ request, context }: Route.LoaderArgs) {
  const { user } = requirePermission(request, context, "view", { type: "trail" });
  return {
    events: recentTrail(context.db, user).map((e) => ({ ...e, at: e.at.toISOString() })),
  };
}

export function action({ request, context }: Route.ActionArgs) {
  requirePermission(request, context, "view", { type: "trail" });
  return { trail: verifyTrail(context.db), releases: verifyReleases(context.db) };
}

export default function Trail({ loaderData, actionData }: Route.ComponentProps) {
  const { t, i18n } = useTranslation();
  const locale = i18n.language === "en" ? "en-GB" : "sv-SE";
  return (
    <>
      <PageHeader title={t("sections.trail.title")} intro={t("sections.trail.intro")}>
        <Form method="post">
          <SubmitButton>{t("trail.verify")}</SubmitButton>
        </Form>
      </PageHeader>
      {actionData ? (
        <div className="verdicts">
          {actionData.trail.ok ? (
            <Notice tone="success">{t("trail.chainIntact", { count: actionData.trail.checked })}</Notice>
          ) : (
            <Notice tone="error">
              {t("trail.chainBroken", { seq: actionData.trail.firstBadSeq, reason: actionData.trail.reason })}
            </Notice>
          )}
          {actionData.releases.ok ? (
            <Notice tone="success">{t("trail.releasesIntact", { count: actionData.releases.checked })}</Notice>
          ) : (
            <Notice tone="error">
              {t("trail.releaseBroken", {
                title: actionData.releases.documentTitle,
                version: actionData.releases.version,
                reason: actionData.releases.reason,
              })}
            </Notice>
          )}
        </div>
      ) : null}
      <div className="table-wrap">
        <table className="trail-table">
          <caption className="visually-hidden">{t("trail.caption")}</caption>
          <thead>
            <tr>
              <th scope="col">#</th>
              <th scope="col">{t("trail.when")}</th>
              <th scope="col">{t("trail.who")}</th>
              <th scope="col">{t("trail.what")}</th>
              <th scope="col">{t("trail.details")}</th>
              <th scope="col">{t("trail.hash")}</th>
            </tr>
          </thead>
          <tbody>
            {loaderData.events.map((e) => (
              <tr key={e.seq}>
                <td>{e.seq}</td>
                <td>
                  <time dateTime={e.at}>
                    {new Date(e.at).toLocaleString(locale, { dateStyle: "short", timeStyle: "medium" })}
                  </time>
                </td>
                <td>{e.actorName ?? t("trail.system")}</td>
                <td>{t(`trail.events.${e.type}` as "trail.verify", { defaultValue: e.type })}</td>
                <td className="trail-data">
                  <code>{e.data === "{}" ? "" : e.data}</code>
                </td>
                <td>
                  <code className="hash">{e.hash.slice(0, 12)}</code>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </>
  );
}
