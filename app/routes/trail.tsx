import { useTranslation } from "react-i18next";
import { Form } from "react-router";
import { Notice } from "#app/components/ui/notice.tsx";
import { PageHeader } from "#app/components/ui/page-header.tsx";
import { SubmitButton } from "#app/components/ui/submit-button.tsx";
import { requirePermission } from "#app/auth/guards.server.ts";
import { verifyReleases } from "#app/models/releases.server.ts";
import { verifyTrail } from "#app/models/trail.server.ts";
import { trailStory } from "#app/models/trail-story.server.ts";
import { TrailSentence } from "#app/components/trail-sentence.tsx";
import { formatDateTime } from "#app/utils/dates.ts";
import type { Route } from "./+types/trail";

/** The trail for auditors: what happened, by whom, and a check that nothing was changed since. */
export function loader({ request, context }: Route.LoaderArgs) {
  const { user } = requirePermission(request, context, "view", { type: "trail" });
  return { events: trailStory(context.db, user) };
}

export function action({ request, context }: Route.ActionArgs) {
  requirePermission(request, context, "view", { type: "trail" });
  return { trail: verifyTrail(context.db), releases: verifyReleases(context.db) };
}

export default function Trail({ loaderData, actionData }: Route.ComponentProps) {
  const { t, i18n } = useTranslation();
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
              <th scope="col">{t("trail.when")}</th>
              <th scope="col">{t("trail.what")}</th>
              <th scope="col">{t("trail.details")}</th>
            </tr>
          </thead>
          <tbody>
            {loaderData.events.map((e) => (
              <tr key={e.seq}>
                <td className="trail-when">
                  <time dateTime={e.at}>{formatDateTime(e.at, i18n.language)}</time>
                </td>
                <td>
                  <TrailSentence event={e} />
                </td>
                <td className="trail-data">
                  {/* For those who verify: what the chain itself holds for this event. */}
                  <details>
                    <summary>{t("trail.showData")}</summary>
                    <dl>
                      <dt>{t("trail.seq", { seq: e.seq })}</dt>
                      <dd>
                        <code>{e.type}</code>
                      </dd>
                      {e.data === "{}" ? null : (
                        <>
                          <dt>{t("trail.data")}</dt>
                          <dd>
                            <code>{e.data}</code>
                          </dd>
                        </>
                      )}
                      <dt>{t("trail.hash")}</dt>
                      <dd>
                        <code className="hash">{e.hash}</code>
                      </dd>
                    </dl>
                  </details>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </>
  );
}
