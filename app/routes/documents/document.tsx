import { lazy, Suspense } from "react";
import { useTranslation } from "react-i18next";
import { data, Form, Link, redirect } from "react-router";
import { DocumentFields, documentDetailsInput, documentDetailsSchema } from "#app/components/document-fields.tsx";
import { Notice } from "#app/components/ui/notice.tsx";
import { useHydrated } from "#app/components/use-hydrated.ts";
import { PageHeader } from "#app/components/ui/page-header.tsx";
import { SubmitButton } from "#app/components/ui/submit-button.tsx";
import { requireAuth, requirePermission } from "#app/auth/guards.server.ts";
import { can } from "#app/auth/permissions.server.ts";
import { renderStoredDocument } from "#app/models/document-content.server.ts";
import { updateDocumentDetails } from "#app/models/documents.server.ts";
import { listReviewRounds } from "#app/models/review-rounds.server.ts";
import { currentRelease, versionOf } from "#app/models/releases.server.ts";
import { refusalAsFormError } from "#app/models/errors.ts";
import { unitTree } from "#app/models/units.server.ts";
import { listPeople } from "#app/models/users.server.ts";
import { linkedTo } from "#app/models/links.server.ts";
import { processOfMap } from "#app/models/processes.server.ts";
import { linkFormIntent } from "#app/routes/links/link-form.server.ts";
import { LinkedPanel } from "#app/components/linked-panel.tsx";
import { documentFileHref } from "#app/content/document-image.ts";
import { formatDate } from "#app/utils/dates.ts";
import { formText, parseForm, parseFormObject, type FieldErrors } from "#app/utils/forms.ts";
import { ParticipantsPanel, participantSchema } from "#app/components/participants-panel.tsx";
import {
  addParticipant,
  listParticipants,
  participantCandidates,
  removeParticipant,
} from "#app/models/participants.server.ts";
import { documentOr404 } from "./document-or-404.server.ts";
import { DocumentForms } from "#app/components/document-forms.tsx";
import { ImportReportView } from "#app/components/import-report.tsx";
import { formsOf } from "#app/models/document-files.server.ts";
import { importOf } from "#app/models/document-import.server.ts";
import type { Route } from "./+types/document";
import { once } from "#app/models/submissions.server.ts";

/** Where an imported draft came from, with its report and the original file. */
function importedFrom(db: Parameters<typeof importOf>[0], documentId: string) {
  const row = importOf(db, documentId);
  return row
    ? { fileName: row.fileName, at: row.importedAt.toISOString(), report: row.report, sourceFileId: row.sourceFileId }
    : null;
}

// The editor and its socket load in the browser only; the first paint is the server's HTML.
const CollabEditor = lazy(() => import("#app/components/editor/collab-editor.tsx"));

export function loader({ request, params, context }: Route.LoaderArgs) {
  const { document, resource } = documentOr404(context, params.id);
  const { user } = requireAuth(request, context);
  // The working draft: for those who keep documents and the people it names; others are
  // shown the way to the release in effect instead.
  if (!can(user, "readDraft", resource)) {
    const current = can(user, "read", resource) ? currentRelease(context.db, document.id) : undefined;
    throw data({ reason: "draftNotYours", release: current ? `/gallande/${document.id}` : null }, { status: 403 });
  }
  // A process map is drawn, not written: its editor is on the process.
  const process = document.type === "process_map" ? processOfMap(context.db, document.id) : undefined;
  if (process) throw redirect(`/processer/${process.id}/karta`);
  const canManage = can(user, "manage", resource);
  const current = currentRelease(context.db, document.id);
  const [open] = listReviewRounds(context.db, document.id, { status: "open" });
  return {
    control: {
      current: current ? { version: versionOf(current), effectiveOn: current.effectiveOn } : null,
      openReview: open ? { approverName: open.approverName } : null,
      nextReviewOn: document.nextReviewOn,
    },
    // Staff read releases in Gällande dokument; the control page is for the people who keep documents.
    canSeeControl: can(user, "view", { type: "documents" }),
    document: { ...document, updatedAt: document.updatedAt.toISOString() },
    html: renderStoredDocument(context.db, document.id).html,
    canEdit: can(user, "edit", resource),
    canComment: can(user, "comment", resource),
    canManage,
    participants: canManage ? listParticipants(context.db, document.id) : [],
    candidates: canManage ? participantCandidates(context.db) : [],
    me: { id: user.id, name: user.name },
    people: listPeople(context.db),
    units: canManage ? unitTree(context.db) : [],
    linked: linkedTo(context.db, user, { kind: "document", id: document.id }),
    canLink: can(user, "edit", { type: "links" }),
    canAct: can(user, "create", { type: "actions" }) && can(user, "edit", { type: "links" }),
    forms: formsOf(context.db, document.id).map(({ id, fileName, size }) => ({ id, fileName, size })),
    imported: importedFrom(context.db, document.id),
  };
}

type ActionResult = { intent: string; errors: FieldErrors; done?: boolean };

export async function action({ request, params, context }: Route.ActionArgs): Promise<ActionResult> {
  const { document, resource } = documentOr404(context, params.id);
  const { user } = requirePermission(request, context, "readDraft", resource);
  const form = await request.formData();
  const linking = linkFormIntent(context.db, user, { kind: "document", id: document.id }, form);
  if (linking) return { intent: "link", ...linking };
  if (!can(user, "manage", resource)) throw data({ reason: "forbidden" }, { status: 403 });
  const intent = String(form.get("intent"));
  try {
    if (intent === "details") {
      const parsed = parseFormObject(documentDetailsSchema, documentDetailsInput(form));
      if (!parsed.ok) return { intent, errors: parsed.errors };
      updateDocumentDetails(context.db, user, document.id, parsed.data);
    } else if (intent === "addParticipant") {
      const parsed = parseForm(participantSchema, form);
      if (!parsed.ok) return { intent, errors: parsed.errors };
      once(context.db, user.id, form, () => addParticipant(context.db, user, document.id, parsed.data));
      context.logger.info({ doc: document.id }, "participant named");
    } else if (intent === "removeParticipant") {
      removeParticipant(context.db, user, document.id, formText(form, "userId", 64));
      context.logger.info({ doc: document.id }, "participant removed");
    } else {
      throw data({ reason: "badRequest" }, { status: 400 });
    }
  } catch (error) {
    if (error instanceof Error) return { intent, errors: refusalAsFormError(error) };
    throw error;
  }
  context.collab.accessChanged({ documentId: document.id });
  return { intent, errors: {}, done: true };
}

export default function DocumentPage({ loaderData, actionData }: Route.ComponentProps) {
  const { t, i18n } = useTranslation();
  const hydrated = useHydrated();
  const { document: doc } = loaderData;
  const archived = doc.status === "archived";
  const participantIntent = actionData?.intent === "addParticipant" || actionData?.intent === "removeParticipant";
  const staticBody = <div className="document-body prose" dangerouslySetInnerHTML={{ __html: loaderData.html }} />;
  return (
    <>
      <PageHeader title={doc.title}>
        {loaderData.canSeeControl ? (
          <Link to={`/dokument/${doc.id}/granskning`} className="button button-secondary">
            {t("control.open")}
          </Link>
        ) : null}
      </PageHeader>
      <p className="document-meta">
        <span className="badge badge-neutral">{t(`documentTypes.${doc.type}`)}</span>{" "}
        <span className={`badge ${archived ? "badge-inactive" : "badge-draft"}`}>
          {t(`documentStatuses.${doc.status}`)}
        </span>{" "}
        {t("documents.ownedBy", { name: doc.ownerName })} · {doc.unitName ?? t("documents.wholeOrganisation")}
        {doc.areas.length > 0 ? ` · ${doc.areas.map((a) => t(`areas.${a}`)).join(", ")}` : ""} ·{" "}
        {t("documents.updatedOn", { date: formatDate(doc.updatedAt, i18n.language) })}
        {doc.tags.length > 0 ? (
          <span className="tags">
            {doc.tags.map((tag) => (
              <span key={tag} className="tag">
                #{tag}
              </span>
            ))}
          </span>
        ) : null}
      </p>
      {loaderData.canSeeControl ? <ControlStatus {...loaderData.control} documentId={doc.id} /> : null}
      {actionData?.intent === "details" && actionData.errors.form ? (
        <Notice tone="error">{t(actionData.errors.form.key as "errors.unit.notFound")}</Notice>
      ) : null}
      {actionData?.intent === "details" && actionData.done ? <Notice tone="success">{t("admin.saved")}</Notice> : null}
      {loaderData.canManage && !archived ? (
        <details className="card details-panel" open={actionData?.intent === "details" && !actionData.done}>
          <summary>{t("documents.details")}</summary>
          <Form method="post" className="form-grid" noValidate>
            <DocumentFields
              people={loaderData.people}
              units={loaderData.units}
              defaults={doc}
              errors={actionData?.errors}
            />
            <div className="form-actions">
              <SubmitButton name="intent" value="details">
                {t("admin.save")}
              </SubmitButton>
            </div>
          </Form>
        </details>
      ) : null}
      {loaderData.canManage && !archived ? (
        <ParticipantsPanel
          participants={loaderData.participants}
          candidates={loaderData.candidates}
          errors={participantIntent ? actionData?.errors : undefined}
          done={
            participantIntent && actionData?.done
              ? actionData.intent === "addParticipant"
                ? "added"
                : "removed"
              : undefined
          }
        />
      ) : null}
      {loaderData.imported ? (
        <details className="card details-panel import-origin">
          <summary>
            {t("documents.importedFrom", {
              file: loaderData.imported.fileName,
              date: formatDate(loaderData.imported.at, i18n.language),
            })}
          </summary>
          <ImportReportView report={loaderData.imported.report} />
          <p>
            <a href={documentFileHref(loaderData.imported.sourceFileId)} download>
              {loaderData.imported.fileName}
            </a>
          </p>
        </details>
      ) : null}
      {archived ? <Notice>{t("documents.archivedNotice")}</Notice> : null}
      {hydrated ? (
        <Suspense fallback={staticBody}>
          <CollabEditor
            key={`${doc.id}-${loaderData.canEdit}`}
            documentId={doc.id}
            canEdit={loaderData.canEdit}
            canComment={loaderData.canComment}
            me={loaderData.me}
            people={loaderData.people}
            initialHtml={loaderData.html}
          />
        </Suspense>
      ) : (
        staticBody
      )}
      <DocumentForms documentId={doc.id} forms={loaderData.forms} canEdit={loaderData.canEdit} />
      <LinkedPanel
        self={{ kind: "document", id: doc.id }}
        items={loaderData.linked}
        canLink={loaderData.canLink}
        error={actionData?.intent === "link" ? (actionData.errors.form ?? actionData.errors.target) : undefined}
      >
        {loaderData.canAct ? (
          <p>
            <Link to={`/atgarder/ny?fran=document:${doc.id}`} className="button button-secondary">
              {t("documents.newAction")}
            </Link>
          </p>
        ) : null}
      </LinkedPanel>
    </>
  );
}

type ControlStatusProps = {
  documentId: string;
  current: { version: string; effectiveOn: string } | null;
  openReview: { approverName: string } | null;
  nextReviewOn: string | null;
};

/** Where the document stands in document control, in one line above the draft. */
function ControlStatus({ documentId, current, openReview, nextReviewOn }: ControlStatusProps) {
  const { t, i18n } = useTranslation();
  return (
    <p className="control-status">
      {current ? (
        <Link to={`/gallande/${documentId}`}>{t("control.currentVersion", { version: current.version })}</Link>
      ) : (
        <span>{t("control.neverReleased")}</span>
      )}
      {openReview ? (
        <>
          {" · "}
          <Link to={`/dokument/${documentId}/granskning`}>
            {t("control.inReview", { approver: openReview.approverName })}
          </Link>
        </>
      ) : null}
      {nextReviewOn ? <> · {t("control.nextReviewShort", { date: formatDate(nextReviewOn, i18n.language) })}</> : null}
    </p>
  );
}
