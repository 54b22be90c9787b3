import { useTranslation } from "react-i18next";
import { data, Form, Link } from "react-router";
import { z } from "zod";
import { SelectField, TextAreaField, TextField } from "#app/components/ui/field.tsx";
import { Notice } from "#app/components/ui/notice.tsx";
import { PageHeader } from "#app/components/ui/page-header.tsx";
import { SubmitButton } from "#app/components/ui/submit-button.tsx";
import { unitOptions } from "#app/components/unit-options.ts";
import { requirePermission } from "#app/auth/guards.server.ts";
import { can } from "#app/auth/permissions.server.ts";
import { acknowledgementProgress, readerGroupsOf, remindReaders } from "#app/models/acknowledgements.server.ts";
import { freezeDocument } from "#app/models/document-content.server.ts";
import { listDocuments, restoreDocument, withdrawDocument } from "#app/models/documents.server.ts";
import { WITHDRAWAL_REASON_MIN } from "#app/models/document-rules.ts";
import { refusalAsFormError } from "#app/models/errors.ts";
import { currentRelease, dayOf, listReleases, versionOf } from "#app/models/releases.server.ts";
import { completeReviewWithoutChange } from "#app/models/review-dates.server.ts";
import {
  approveReview,
  candidateOf,
  giveOpinion,
  listReviews,
  rejectReview,
  requestReview,
  reviewResource,
} from "#app/models/reviews.server.ts";
import { unitTree } from "#app/models/units.server.ts";
import { listUsers } from "#app/models/users.server.ts";
import { translator } from "#app/i18n/index.ts";
import { formatDate } from "#app/utils/dates.ts";
import { parseFormObject, text, type FieldErrors } from "#app/utils/forms.ts";
import { roles } from "#app/domain/values.ts";
import { documentOr404 } from "./document-or-404.server.ts";
import type { Route } from "./+types/control";
import { once } from "#app/models/submissions.server.ts";
import { diffCandidateAgainstCurrent } from "#app/models/release-diff.server.ts";
import { DiffView } from "#app/components/reading/diff-view.tsx";

/**
 * Document control for one document: the review round and its candidate, the approver's
 * decision with signature, the releases, who has read them, and the periodic review.
 */

export function loader({ request, params, context }: Route.LoaderArgs) {
  const { document, resource } = documentOr404(context, params.id);
  const { user } = requirePermission(request, context, "view", { type: "documents" });
  if (!can(user, "read", resource)) throw data({ reason: "forbidden" }, { status: 403 });
  const canManage = can(user, "manage", resource);
  const reviews = listReviews(context.db, document.id);
  const open = reviews.find((r) => r.status === "open");
  const candidate = open && candidateOf(context.db, open.id);
  const releases = listReleases(context.db, document.id);
  const current = currentRelease(context.db, document.id);
  const people = listUsers(context.db).filter((u) => u.active);
  const unitNames = new Map(unitTree(context.db).map((u) => [u.id, u.name]));
  return {
    document,
    today: dayOf(new Date()),
    me: user.id,
    canManage,
    canRequest: can(user, "requestReview", resource),
    approvers: people.filter((p) => can(p, "approve", { type: "releases" })).map((p) => ({ id: p.id, name: p.name })),
    reviewerCandidates: people
      .filter((p) => can(p, "view", { type: "documents" }))
      .map((p) => ({ id: p.id, name: p.name, role: p.role })),
    units: unitTree(context.db),
    open:
      open && candidate
        ? {
            ...open,
            candidateHtml: candidate.html,
            // The redline against the release in effect, which reviewers read first.
            candidateDiff: diffCandidateAgainstCurrent(context.db, document.id, candidate.json),
            isApprover: can(user, "approve", reviewResource(open, [])),
            isReviewer: can(
              user,
              "giveOpinion",
              reviewResource(
                open,
                open.reviewers.map((r) => r.userId),
              ),
            ),
            // The approval applies to the candidate; say so plainly when the draft has moved on.
            draftChanged: freezeDocument(context.db, document.id).hash !== open.candidateHash,
          }
        : null,
    history: reviews.filter((r) => r.status !== "open"),
    releases: releases.map((r) => ({
      ...r,
      version: versionOf(r),
      // A withdrawn document's last release in effect says so, not "Gällande".
      isCurrent: r.id === current?.id && document.status !== "archived",
      withdrawn: r.id === current?.id && document.status === "archived",
      progress: canManage ? acknowledgementProgress(context.db, r.id) : null,
      // Who must acknowledge it, for everyone; how far they have come, for those who keep it.
      readerGroups: readerGroupsOf(context.db, r.id).map((g) =>
        g.kind === "role" ? { kind: g.kind, value: g.value } : { kind: g.kind, value: unitNames.get(g.value) ?? "–" },
      ),
    })),
    hasPrevious: releases.length > 0,
    // What may take a withdrawn document's place: another document in use.
    replacements: canManage
      ? listDocuments(context.db, { status: "draft" })
          .filter((d) => d.id !== document.id && currentRelease(context.db, d.id))
          .map((d) => ({ id: d.id, title: d.title }))
      : [],
    replacement: document.replacedBy
      ? (listDocuments(context.db).find((d) => d.id === document.replacedBy) ?? null)
      : null,
  };
}

const requestSchema = z.object({
  approverId: z.string().min(1, "validation.required").max(40),
  reviewerIds: z.array(z.string().max(40)).max(20),
  message: z.string().trim().max(2000, "validation.tooLong"),
});
const opinionSchema = z.object({
  reviewId: z.string().max(40),
  verdict: z.enum(["accepted", "commented"]),
  comment: z.string().trim().max(2000, "validation.tooLong"),
});
const decisionBase = { reviewId: z.string().max(40), candidateHash: z.string().max(64) };
const rejectSchema = z.object({ ...decisionBase, comment: text(2000) });
const approveSchema = z.object({
  ...decisionBase,
  step: z.enum(["major", "minor"]).catch("major"),
  effectiveOn: z.iso.date("validation.invalidDate"),
  summary: text(2000),
  password: z.string().min(1, "validation.required").max(256),
  readerRoles: z.array(z.enum(roles)).max(roles.length),
  readerUnits: z.array(z.string().max(40)).max(100),
});
const withdrawSchema = z.object({
  reason: z
    .string({ error: "validation.required" })
    .trim()
    .min(WITHDRAWAL_REASON_MIN, "validation.reasonTooShort")
    .max(1000, "validation.tooLong"),
  replacedBy: z
    .string()
    .max(40)
    .optional()
    .transform((v) => v || null),
  password: z.string().min(1, "validation.required").max(256),
  confirm: z.literal("on", "validation.confirmWithdrawal"),
});
const noChangeSchema = z.object({ comment: z.string().trim().max(1000, "validation.tooLong") });

type ActionResult = { intent: string; errors: FieldErrors; done?: string };

export async function action({ request, params, context }: Route.ActionArgs): Promise<ActionResult> {
  const { document, resource } = documentOr404(context, params.id);
  const { user } = requirePermission(request, context, "view", { type: "documents" });
  const form = await request.formData();
  const intent = String(form.get("intent"));
  const input = { ...Object.fromEntries(form), reviewerIds: form.getAll("reviewerIds").map(String) };
  const fail = (errors: FieldErrors): ActionResult => ({ intent, errors });
  try {
    switch (intent) {
      case "requestReview": {
        const parsed = parseFormObject(requestSchema, input);
        if (!parsed.ok) return fail(parsed.errors);
        once(context.db, user.id, form, () => requestReview(context.db, user, document.id, parsed.data));
        return { intent, errors: {}, done: "control.reviewRequested" };
      }
      case "opinion": {
        const parsed = parseFormObject(opinionSchema, input);
        if (!parsed.ok) return fail(parsed.errors);
        giveOpinion(context.db, user, parsed.data.reviewId, parsed.data);
        return { intent, errors: {}, done: "control.opinionSaved" };
      }
      case "reject": {
        const parsed = parseFormObject(rejectSchema, input);
        if (!parsed.ok) return fail(parsed.errors);
        rejectReview(context.db, user, parsed.data.reviewId, parsed.data);
        return { intent, errors: {}, done: "control.rejected" };
      }
      case "approve": {
        const parsed = parseFormObject(approveSchema, {
          ...input,
          readerRoles: form.getAll("readerRoles").map(String),
          readerUnits: form.getAll("readerUnits").map(String),
        });
        if (!parsed.ok) return fail(parsed.errors);
        const { readerRoles, readerUnits, ...approval } = parsed.data;
        const release = await approveReview(context.db, user, approval.reviewId, {
          ...approval,
          ip: context.clientIp,
          readers: [
            ...readerRoles.map((value) => ({ kind: "role" as const, value })),
            ...readerUnits.map((value) => ({ kind: "unit" as const, value })),
          ],
        });
        // Participation "until release" has just ended: those editors close now.
        context.collab.accessChanged({ documentId: document.id });
        return { intent, errors: {}, done: `control.approved:${versionOf(release)}` };
      }
      case "withdraw":
      case "restore": {
        if (!can(user, "manage", resource)) throw data({ reason: "forbidden" }, { status: 403 });
        if (intent === "restore") {
          restoreDocument(context.db, user, document.id);
        } else {
          const parsed = parseFormObject(withdrawSchema, input);
          if (!parsed.ok) return fail(parsed.errors);
          await withdrawDocument(context.db, user, document.id, { ...parsed.data, ip: context.clientIp });
          context.logger.info({ doc: document.id }, "document withdrawn");
        }
        context.collab.accessChanged({ documentId: document.id });
        return { intent, errors: {}, done: intent === "restore" ? "control.restored" : "control.withdrawn" };
      }
      case "noChange": {
        const parsed = parseFormObject(noChangeSchema, input);
        if (!parsed.ok) return fail(parsed.errors);
        once(context.db, user.id, form, () =>
          completeReviewWithoutChange(context.db, user, document.id, parsed.data.comment),
        );
        return { intent, errors: {}, done: "control.reviewedNoChangeDone" };
      }
      case "remind": {
        if (!can(user, "manage", resource)) throw data({ reason: "forbidden" }, { status: 403 });
        const releaseId = String(form.get("releaseId") ?? "");
        if (!listReleases(context.db, document.id).some((r) => r.id === releaseId)) {
          throw data({ reason: "notFound" }, { status: 404 });
        }
        const t = translator(user.locale);
        const count = await remindReaders(context.db, context.mailer, user.id, releaseId, {
          subject: t("control.reminderSubject", { title: document.title }),
          text: (name) => t("control.reminderText", { name, title: document.title }),
          origin: context.origin,
        });
        return { intent, errors: {}, done: `control.reminded:${count}` };
      }
      default:
        throw data({ reason: "badRequest" }, { status: 400 });
    }
  } catch (error) {
    if (error instanceof Error) return fail(refusalAsFormError(error));
    throw error;
  }
}

/** Forms that show their own refusal beside their button, where the person is looking. */
const ownFormIntents = new Set(["approve", "reject", "withdraw", "opinion", "requestReview"]);

function FormRefusal({ errors }: { errors: FieldErrors }) {
  const { t } = useTranslation();
  return errors.form ? <Notice tone="error">{t(errors.form.key as "errors.unit.notFound")}</Notice> : null;
}

function Done({ done }: { done: string }) {
  const { t } = useTranslation();
  const [key, value] = done.split(":");
  return <Notice tone="success">{t(key as "control.reviewRequested", { value })}</Notice>;
}

export default function DocumentControl({ loaderData, actionData }: Route.ComponentProps) {
  const { t, i18n } = useTranslation();
  const { document: doc, open } = loaderData;
  const errors = actionData?.errors ?? {};
  const errorsFor = (intent: string) => (actionData?.intent === intent ? errors : {});
  const date = (value: Date | string) => formatDate(value, i18n.language);
  const archived = doc.status === "archived";
  const versions = loaderData.releases.map((r) => ({ value: r.version, label: r.version }));
  return (
    <>
      <PageHeader title={t("control.title", { title: doc.title })} intro={t("control.intro")}>
        <Link to={`/dokument/${doc.id}`} className="button button-secondary">
          {t("control.backToDraft")}
        </Link>
      </PageHeader>
      {errors.form && !ownFormIntents.has(actionData?.intent ?? "") ? <FormRefusal errors={errors} /> : null}
      {actionData?.done ? <Done done={actionData.done} /> : null}
      {archived ? (
        <Notice>
          {t("control.withdrawnNotice", {
            date: doc.withdrawnAt ? date(doc.withdrawnAt) : "–",
            reason: doc.withdrawnReason ?? "–",
          })}{" "}
          {loaderData.replacement ? (
            <Link to={`/gallande/${loaderData.replacement.id}`}>
              {t("reading.replacedBy", { title: loaderData.replacement.title })}
            </Link>
          ) : null}
        </Notice>
      ) : null}

      <section className="card" aria-labelledby="review-heading" id="granskning">
        <h2 id="review-heading">{t("control.reviewTitle")}</h2>
        {open ? (
          <>
            <p>
              {t("control.openReview", {
                requester: open.requesterName,
                approver: open.approverName,
                date: date(open.requestedAt),
              })}
            </p>
            {open.message ? <blockquote className="review-message">{open.message}</blockquote> : null}
            <p className="muted">
              {t("control.candidateHash")} <code className="hash">{open.candidateHash.slice(0, 16)}</code>
            </p>
            {open.draftChanged ? <Notice>{t("control.draftChanged")}</Notice> : null}
            {open.reviewers.length > 0 ? (
              <ul className="reviewer-list">
                {open.reviewers.map((r) => (
                  <li key={r.userId}>
                    <strong>{r.name}</strong>:{" "}
                    <span className={`badge verdict-${r.verdict}`}>{t(`control.verdicts.${r.verdict}`)}</span>
                    {r.comment ? <span className="muted"> — “{r.comment}”</span> : null}
                  </li>
                ))}
              </ul>
            ) : null}
            {open.isReviewer || open.isApprover ? (
              <section className="decision" aria-labelledby="decision-heading">
                <h3 id="decision-heading">{t("control.yourDecision")}</h3>
                {open.isReviewer ? (
                  <Form method="post" className="form-grid" noValidate>
                    <input type="hidden" name="reviewId" value={open.id} />
                    <TextAreaField
                      label={t("control.opinionComment")}
                      name="comment"
                      optional
                      maxLength={2000}
                      error={errorsFor("opinion").comment}
                    />
                    <input type="hidden" name="intent" value="opinion" />
                    <FormRefusal errors={errorsFor("opinion")} />
                    <div className="form-actions">
                      <SubmitButton name="verdict" value="accepted">
                        {t("control.accept")}
                      </SubmitButton>
                      <SubmitButton name="verdict" value="commented" className="button button-secondary">
                        {t("control.comment")}
                      </SubmitButton>
                    </div>
                  </Form>
                ) : null}
                {open.isApprover ? (
                  <ApprovalForms
                    reviewId={open.id}
                    candidateHash={open.candidateHash}
                    hasPrevious={loaderData.hasPrevious}
                    today={loaderData.today}
                    units={loaderData.units}
                    approveErrors={errorsFor("approve")}
                    rejectErrors={errorsFor("reject")}
                  />
                ) : null}
              </section>
            ) : null}
            {open.candidateDiff ? (
              <section className="candidate-diff" aria-labelledby="candidate-diff-heading">
                <h3 id="candidate-diff-heading">{t("control.changesAgainst", { version: open.candidateDiff.from })}</h3>
                <DiffView html={open.candidateDiff.html} changed={open.candidateDiff.changed} />
              </section>
            ) : null}
            <details className="candidate" open={!open.candidateDiff && (open.isApprover || open.isReviewer)}>
              <summary>{t("control.showCandidate")}</summary>
              <div className="document-body prose" dangerouslySetInnerHTML={{ __html: open.candidateHtml }} />
            </details>
          </>
        ) : (
          <p className="muted">{t("control.noOpenReview")}</p>
        )}
        {loaderData.canRequest && !archived ? (
          <details className="details-panel" open={actionData?.intent === "requestReview" && !actionData.done}>
            <summary>{open ? t("control.requestAgain") : t("control.requestReview")}</summary>
            <Form method="post" className="form-grid" noValidate>
              <div className="field">
                <label htmlFor="approverId">{t("control.approver")}</label>
                <select id="approverId" name="approverId" required defaultValue="">
                  <option value="" disabled>
                    {t("control.chooseApprover")}
                  </option>
                  {loaderData.approvers.map((p) => (
                    <option key={p.id} value={p.id}>
                      {p.name}
                    </option>
                  ))}
                </select>
                {errorsFor("requestReview").approverId ? (
                  <p className="field-error">
                    {t(errorsFor("requestReview").approverId!.key as "validation.required")}
                  </p>
                ) : null}
              </div>
              <fieldset className="checkbox-group">
                <legend>{t("control.reviewers")}</legend>
                {loaderData.reviewerCandidates
                  .filter((p) => p.id !== loaderData.me)
                  .map((p) => (
                    <label key={p.id}>
                      <input type="checkbox" name="reviewerIds" value={p.id} /> {p.name}{" "}
                      <span className="muted">({t(`roles.${p.role}`)})</span>
                    </label>
                  ))}
              </fieldset>
              <TextAreaField
                label={t("control.message")}
                name="message"
                optional
                maxLength={2000}
                error={errorsFor("requestReview").message}
              />
              <p className="field-hint">{t("control.requestHint")}</p>
              <FormRefusal errors={errorsFor("requestReview")} />
              <div className="form-actions">
                <SubmitButton name="intent" value="requestReview">
                  {t("control.sendForReview")}
                </SubmitButton>
              </div>
            </Form>
          </details>
        ) : null}
      </section>

      <section className="card" aria-labelledby="releases-heading">
        <h2 id="releases-heading">{t("control.releasesTitle")}</h2>
        {loaderData.releases.length === 0 ? (
          <p className="muted">{t("control.noReleases")}</p>
        ) : (
          <>
            <div className="table-wrap">
              <table>
                <thead>
                  <tr>
                    <th scope="col">{t("control.version")}</th>
                    <th scope="col">{t("control.effectiveOn")}</th>
                    <th scope="col">{t("control.approvedBy")}</th>
                    <th scope="col">{t("control.summary")}</th>
                    <th scope="col">{t("control.acknowledged")}</th>
                  </tr>
                </thead>
                <tbody>
                  {loaderData.releases.map((r) => (
                    <tr key={r.id}>
                      <td>
                        <Link to={`/gallande/${doc.id}/${r.version}`}>{r.version}</Link>{" "}
                        {r.isCurrent ? <span className="badge badge-current">{t("control.current")}</span> : null}
                        {r.withdrawn ? (
                          <span className="badge badge-inactive">{t("control.withdrawnBadge")}</span>
                        ) : null}
                        {r.effectiveOn > loaderData.today ? (
                          <span className="badge badge-neutral">{t("control.upcoming")}</span>
                        ) : null}
                      </td>
                      <td>{date(r.effectiveOn)}</td>
                      <td>
                        {r.approverName}, {date(r.approvedAt)}
                      </td>
                      <td>{r.summary}</td>
                      <td>
                        {r.progress && r.progress.groups.length > 0 ? (
                          <details>
                            <summary>
                              {t("control.progress", { done: r.progress.done, total: r.progress.readers.length })}
                            </summary>
                            <ul className="plain-list">
                              {r.progress.readers.map((reader) => (
                                <li key={reader.id}>
                                  {reader.name}: {reader.at ? date(reader.at) : <strong>{t("control.notYet")}</strong>}
                                </li>
                              ))}
                            </ul>
                            {r.isCurrent && r.progress.done < r.progress.readers.length ? (
                              <Form method="post">
                                <input type="hidden" name="releaseId" value={r.id} />
                                <SubmitButton name="intent" value="remind" className="button button-secondary">
                                  {t("control.remind")}
                                </SubmitButton>
                              </Form>
                            ) : null}
                          </details>
                        ) : r.readerGroups.length > 0 ? (
                          <span>
                            {t("control.acknowledgementBy", {
                              groups: r.readerGroups
                                .map((g) => (g.kind === "role" ? t(`roles.${g.value as "staff"}`) : g.value))
                                .join(", "),
                            })}
                          </span>
                        ) : (
                          <span className="muted">{t("control.noAcknowledgement")}</span>
                        )}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
            {loaderData.releases.length > 1 ? (
              <Form method="get" action={`/gallande/${doc.id}/jamfor`} className="filter-bar">
                <SelectField
                  label={t("control.compareFrom")}
                  name="fran"
                  defaultValue={loaderData.releases[1]!.version}
                  options={versions}
                />
                <SelectField
                  label={t("control.compareTo")}
                  name="till"
                  defaultValue={loaderData.releases[0]!.version}
                  options={versions}
                />
                <button type="submit" className="button button-secondary">
                  {t("control.compare")}
                </button>
              </Form>
            ) : null}
          </>
        )}
        {loaderData.releases.length > 0 ? (
          <p>
            <Link to={`/dokument/${doc.id}/jamfor`}>{t("control.compareDraft")}</Link>
          </p>
        ) : null}
      </section>

      {loaderData.canManage ? (
        <section className="card" aria-labelledby="periodic-heading">
          <h2 id="periodic-heading">{t("control.periodicTitle")}</h2>
          <p>
            {doc.nextReviewOn
              ? t("control.nextReview", { date: date(doc.nextReviewOn), months: doc.reviewIntervalMonths })
              : t("control.nextReviewAfterRelease", { months: doc.reviewIntervalMonths })}
          </p>
          {doc.nextReviewOn && !archived ? (
            <Form method="post" className="form-grid" noValidate>
              <TextField
                label={t("control.noChangeComment")}
                name="comment"
                optional
                maxLength={1000}
                error={errorsFor("noChange").comment}
              />
              <div className="form-actions">
                <SubmitButton name="intent" value="noChange" className="button button-secondary">
                  {t("control.reviewedNoChange")}
                </SubmitButton>
              </div>
            </Form>
          ) : null}
          <h3>{archived ? t("control.restoreTitle") : t("control.withdrawTitle")}</h3>
          {archived ? (
            <Form method="post" className="form-grid" noValidate>
              <div className="form-actions">
                <SubmitButton name="intent" value="restore" className="button button-ghost">
                  {t("control.restore")}
                </SubmitButton>
              </div>
            </Form>
          ) : (
            <details className="withdrawal" open={actionData?.intent === "withdraw"}>
              <summary>{t("control.withdrawOpen")}</summary>
              <p>{t("control.withdrawIntro")}</p>
              <Form method="post" className="stack" noValidate>
                <TextAreaField
                  label={t("control.withdrawReason")}
                  name="reason"
                  rows={3}
                  maxLength={1000}
                  hint={t("control.withdrawReasonHint", { min: WITHDRAWAL_REASON_MIN })}
                  error={errorsFor("withdraw").reason}
                />
                <SelectField
                  label={t("control.replacedBy")}
                  name="replacedBy"
                  options={[
                    { value: "", label: t("control.noReplacement") },
                    ...loaderData.replacements.map((d) => ({ value: d.id, label: d.title })),
                  ]}
                  error={errorsFor("withdraw").replacedBy}
                />
                <TextField
                  label={t("control.withdrawPassword")}
                  name="password"
                  type="password"
                  autoComplete="current-password"
                  maxLength={256}
                  error={errorsFor("withdraw").password}
                />
                <label className="checkbox">
                  <input type="checkbox" name="confirm" /> {t("control.withdrawConfirm")}
                </label>
                {errorsFor("withdraw").confirm ? (
                  <p className="field-error">{t("validation.confirmWithdrawal")}</p>
                ) : null}
                <FormRefusal errors={errorsFor("withdraw")} />
                <div className="form-actions">
                  <SubmitButton name="intent" value="withdraw" className="button button-danger">
                    {t("control.withdraw")}
                  </SubmitButton>
                </div>
              </Form>
            </details>
          )}
        </section>
      ) : null}

      {loaderData.history.length > 0 ? (
        <section className="card" aria-labelledby="history-heading">
          <h2 id="history-heading">{t("control.historyTitle")}</h2>
          <ul className="plain-list">
            {loaderData.history.map((r) => (
              <li key={r.id}>
                <span className={`badge review-${r.status}`}>{t(`control.reviewStatuses.${r.status}`)}</span>{" "}
                {t("control.historyLine", {
                  requester: r.requesterName,
                  approver: r.approverName,
                  date: date(r.requestedAt),
                })}
                {r.decisionComment ? <span className="muted"> — “{r.decisionComment}”</span> : null}
              </li>
            ))}
          </ul>
        </section>
      ) : null}
    </>
  );
}

type ApprovalProps = {
  reviewId: string;
  candidateHash: string;
  hasPrevious: boolean;
  today: string;
  units: { id: string; name: string; depth: number }[];
  approveErrors: FieldErrors;
  rejectErrors: FieldErrors;
};

function ApprovalForms({
  reviewId,
  candidateHash,
  hasPrevious,
  today,
  units,
  approveErrors,
  rejectErrors,
}: ApprovalProps) {
  const { t } = useTranslation();
  const hidden = (
    <>
      <input type="hidden" name="reviewId" value={reviewId} />
      <input type="hidden" name="candidateHash" value={candidateHash} />
    </>
  );
  return (
    <div className="approval">
      <Form method="post" className="form-grid" noValidate aria-labelledby="approve-heading">
        <h4 id="approve-heading">{t("control.approveTitle")}</h4>
        {hidden}
        {hasPrevious ? (
          <fieldset className="checkbox-group">
            <legend>{t("control.step")}</legend>
            <label>
              <input type="radio" name="step" value="minor" defaultChecked /> {t("control.minor")}
            </label>
            <label>
              <input type="radio" name="step" value="major" /> {t("control.major")}
            </label>
          </fieldset>
        ) : (
          <p className="muted">{t("control.firstVersion")}</p>
        )}
        <TextField
          label={t("control.effectiveOn")}
          name="effectiveOn"
          type="date"
          defaultValue={today}
          error={approveErrors.effectiveOn}
        />
        <TextAreaField
          label={t("control.summary")}
          name="summary"
          maxLength={2000}
          hint={t("control.summaryHint")}
          error={approveErrors.summary}
        />
        <fieldset className="reader-groups">
          <legend>{t("control.readers")}</legend>
          <p className="field-hint">{t("control.readersHint")}</p>
          <fieldset className="checkbox-group">
            <legend>{t("control.readerRoles")}</legend>
            {roles.map((role) => (
              <label key={role}>
                <input type="checkbox" name="readerRoles" value={role} /> {t(`roles.${role}`)}
              </label>
            ))}
          </fieldset>
          {units.length > 0 ? (
            <fieldset className="checkbox-group">
              <legend>{t("control.readerUnits")}</legend>
              {unitOptions(units).map((unit) => (
                <label key={unit.value}>
                  <input type="checkbox" name="readerUnits" value={unit.value} /> {unit.label}
                </label>
              ))}
            </fieldset>
          ) : null}
        </fieldset>
        <TextField
          label={t("control.password")}
          name="password"
          type="password"
          autoComplete="current-password"
          hint={t("control.passwordHint")}
          error={approveErrors.password}
        />
        <FormRefusal errors={approveErrors} />
        <div className="form-actions">
          <SubmitButton name="intent" value="approve">
            {t("control.approve")}
          </SubmitButton>
        </div>
      </Form>
      {/* Rejecting is the other way out, kept apart and folded so that it is never mistaken
          for part of the approval. */}
      <details className="details-panel reject-panel" open={Object.keys(rejectErrors).length > 0}>
        <summary id="reject-heading">{t("control.rejectInstead")}</summary>
        <Form method="post" className="form-grid" noValidate aria-labelledby="reject-heading">
          {hidden}
          <TextAreaField
            label={t("control.rejectComment")}
            name="comment"
            maxLength={2000}
            error={rejectErrors.comment}
          />
          <FormRefusal errors={rejectErrors} />
          <div className="form-actions">
            <SubmitButton name="intent" value="reject" className="button button-secondary">
              {t("control.reject")}
            </SubmitButton>
          </div>
        </Form>
      </details>
    </div>
  );
}
