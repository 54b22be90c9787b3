import { useTranslation } from "react-i18next";
import { data, Form, Link } from "react-router";
import { DocumentForms } from "#app/components/document-forms.tsx";
import { DiffView } from "#app/components/reading/diff-view.tsx";
import { Notice } from "#app/components/ui/notice.tsx";
import { SubmitButton } from "#app/components/ui/submit-button.tsx";
import { requirePermission } from "#app/auth/guards.server.ts";
import { acknowledge } from "#app/models/acknowledgements.server.ts";
import { refusalAsFormError } from "#app/models/errors.ts";
import { releaseFormsOf } from "#app/models/document-files.server.ts";
import { readingState } from "#app/models/reading.server.ts";
import { diffReleases } from "#app/models/release-diff.server.ts";
import { requireRelease } from "#app/models/releases.server.ts";
import { formatDate } from "#app/utils/dates.ts";
import type { Route } from "./+types/release";

/**
 * One release as staff read it: server-rendered, no editor and no socket (wall 7). Without a
 * version it is the release in effect today; an older version says plainly that it is
 * superseded, and links to the one that applies.
 */
export function loader({ request, params, context }: Route.LoaderArgs) {
  const { user } = requirePermission(request, context, "read", { type: "releases" });
  const state = readingState(context.db, user, params.id, params.version);
  if (!state) throw data({ reason: "notFound" }, { status: 404 });
  const { release } = state;
  return {
    ...state,
    release: {
      id: release.id,
      title: release.title,
      version: release.version,
      summary: release.summary,
      approverName: release.approverName,
      approvedAt: release.approvedAt.toISOString(),
      effectiveOn: release.effectiveOn,
    },
    html: state.showContent ? requireRelease(context.db, release.id).html : "",
    forms: state.showContent
      ? releaseFormsOf(context.db, release.id).map(({ id, fileName, size }) => ({ id, fileName, size }))
      : [],
    // What changed since the version this person last confirmed reading.
    sinceLastRead: state.lastReadVersion
      ? diffReleases(context.db, state.document.id, state.lastReadVersion, release.version)
      : null,
  };
}

export async function action({ request, params, context }: Route.ActionArgs) {
  const { user } = requirePermission(request, context, "acknowledge", { type: "releases" });
  const form = await request.formData();
  const releaseId = String(form.get("releaseId") ?? "");
  const release = (() => {
    try {
      return requireRelease(context.db, releaseId);
    } catch {
      throw data({ reason: "notFound" }, { status: 404 });
    }
  })();
  if (release.documentId !== params.id) throw data({ reason: "notFound" }, { status: 404 });
  try {
    acknowledge(context.db, user, release.id);
    return { errorKey: null };
  } catch (error) {
    return { errorKey: refusalAsFormError(error).form.key };
  }
}

export function meta({ data: loaded }: Route.MetaArgs) {
  return loaded ? [{ title: `${loaded.release.title} ${loaded.release.version} – Lots` }] : [];
}

export default function ReleasePage({ loaderData, actionData }: Route.ComponentProps) {
  const { t, i18n } = useTranslation();
  const { release, document: doc, currentVersion } = loaderData;
  const date = (value: string) => formatDate(value, i18n.language);
  const base = `/gallande/${doc.id}`;
  return (
    <article className="release" aria-labelledby="release-title">
      <header className="release-header">
        <p className="release-kicker">
          <span className="badge badge-neutral">{t(`documentTypes.${doc.type}`)}</span>{" "}
          {doc.unitName ?? t("documents.wholeOrganisation")}
        </p>
        <h1 id="release-title">{release.title}</h1>
        <dl className="release-meta">
          <div>
            <dt>{t("reading.version")}</dt>
            <dd>{release.version}</dd>
          </div>
          <div>
            <dt>{t("reading.approvedBy")}</dt>
            <dd>
              {release.approverName}, {date(release.approvedAt)}
            </dd>
          </div>
          <div>
            <dt>{t("reading.effective")}</dt>
            <dd>{date(release.effectiveOn)}</dd>
          </div>
          <div>
            <dt>{t("reading.nextReview")}</dt>
            <dd>{doc.nextReviewOn ? date(doc.nextReviewOn) : "–"}</dd>
          </div>
        </dl>
        <p className="release-actions no-print" hidden={!loaderData.showContent}>
          <a href={`${base}/${release.version}/pdf`} className="button button-secondary" download>
            {t("reading.downloadPdf")}
          </a>
          <a href={`${base}/${release.version}/docx`} className="button button-secondary" download>
            {t("reading.downloadWord")}
          </a>
          {loaderData.canManage ? (
            <Link to={`/dokument/${doc.id}/granskning`} className="button button-ghost">
              {t("reading.manage")}
            </Link>
          ) : null}
        </p>
      </header>
      {doc.status === "archived" ? (
        <section className="notice notice-error withdrawn" role="alert" aria-labelledby="withdrawn-heading">
          <h2 id="withdrawn-heading">{t("reading.withdrawnTitle")}</h2>
          <p>
            {t("reading.withdrawnOn", { date: doc.withdrawnAt ? date(doc.withdrawnAt) : "–" })}{" "}
            {t("reading.withdrawnReason", { reason: doc.withdrawnReason ?? "–" })}
          </p>
          <p>
            {doc.replacement ? (
              <Link to={`/gallande/${doc.replacement.id}`}>
                {t("reading.replacedBy", { title: doc.replacement.title })}
              </Link>
            ) : (
              t("reading.notReplaced")
            )}
          </p>
        </section>
      ) : !loaderData.isCurrent ? (
        <div className="notice notice-error superseded" role="alert">
          <strong>{t("reading.superseded")}</strong>{" "}
          {currentVersion ? (
            <Link to={base}>{t("reading.goToCurrent", { version: currentVersion })}</Link>
          ) : (
            t("reading.notYetInEffect")
          )}
        </div>
      ) : null}
      {actionData?.errorKey ? <Notice tone="error">{t(actionData.errorKey as "errors.unit.notFound")}</Notice> : null}
      {loaderData.mustRead ? (
        <section className="card acknowledge no-print" aria-labelledby="ack-heading">
          <h2 id="ack-heading">{t("reading.mustRead")}</h2>
          <p>{t("reading.changeSummary", { summary: release.summary })}</p>
          {loaderData.sinceLastRead ? (
            <details open>
              <summary>{t("reading.changedSince", { version: loaderData.sinceLastRead.from })}</summary>
              <DiffView html={loaderData.sinceLastRead.html} changed={loaderData.sinceLastRead.changed} />
            </details>
          ) : null}
          <Form method="post">
            <input type="hidden" name="releaseId" value={release.id} />
            <SubmitButton>{t("reading.acknowledge")}</SubmitButton>
          </Form>
        </section>
      ) : loaderData.acknowledgedAt ? (
        <p className="acknowledged no-print" role="status">
          {t("reading.acknowledgedOn", { date: date(loaderData.acknowledgedAt) })}
        </p>
      ) : null}
      {loaderData.showContent ? (
        <>
          <div className="document-body prose release-body" dangerouslySetInnerHTML={{ __html: loaderData.html }} />
          <DocumentForms documentId={doc.id} forms={loaderData.forms} canEdit={false} />
          <footer className="release-footer">
            <p>{t("reading.changeSummary", { summary: release.summary })}</p>
          </footer>
        </>
      ) : null}
    </article>
  );
}
