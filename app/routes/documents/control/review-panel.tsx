import { useTranslation } from "react-i18next";
import { Form } from "react-router";
import { DiffView } from "#app/components/reading/diff-view.tsx";
import { TextAreaField } from "#app/components/ui/field.tsx";
import { FormRefusal, Notice } from "#app/components/ui/notice.tsx";
import { SubmitButton } from "#app/components/ui/submit-button.tsx";
import { formatDate } from "#app/utils/dates.ts";
import { ApprovalForms } from "./approval-forms.tsx";
import type { PanelProps } from "./panel-props.ts";

/** The review round: who was asked, what they said, the decision, the candidate and its redline. */
export function ReviewPanel({ data, errorsFor, last }: PanelProps) {
  const { t, i18n } = useTranslation();
  const { open } = data;
  const archived = data.document.status === "archived";
  return (
    <section className="card" aria-labelledby="review-heading" id="granskning">
      <h2 id="review-heading">{t("control.reviewTitle")}</h2>
      {open ? (
        <>
          <p>
            {t("control.openReview", {
              requester: open.requesterName,
              approver: open.approverName,
              date: formatDate(open.requestedAt, i18n.language),
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
                  hasPrevious={data.hasPrevious}
                  today={data.today}
                  units={data.units}
                  signing={data.signing!}
                  approveErrors={{ ...errorsFor("approveAtProvider"), ...errorsFor("approve") }}
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
      {data.canRequest && !archived ? <RequestReviewForm data={data} errorsFor={errorsFor} last={last} /> : null}
    </section>
  );
}

function RequestReviewForm({ data, errorsFor, last }: PanelProps) {
  const { t } = useTranslation();
  const errors = errorsFor("requestReview");
  return (
    <details className="details-panel" open={last?.intent === "requestReview" && !last.done}>
      <summary>{data.open ? t("control.requestAgain") : t("control.requestReview")}</summary>
      <Form method="post" className="form-grid" noValidate>
        <div className="field">
          <label htmlFor="approverId">{t("control.approver")}</label>
          <select id="approverId" name="approverId" required defaultValue="">
            <option value="" disabled>
              {t("control.chooseApprover")}
            </option>
            {data.approvers.map((p) => (
              <option key={p.id} value={p.id}>
                {p.name}
              </option>
            ))}
          </select>
          {errors.approverId ? (
            <p className="field-error">{t(errors.approverId.key as "validation.required")}</p>
          ) : null}
        </div>
        <fieldset className="checkbox-group">
          <legend>{t("control.reviewers")}</legend>
          {data.reviewerCandidates
            .filter((p) => p.id !== data.me)
            .map((p) => (
              <label key={p.id}>
                <input type="checkbox" name="reviewerIds" value={p.id} /> {p.name}{" "}
                <span className="muted">({t(`roles.${p.role}`)})</span>
              </label>
            ))}
        </fieldset>
        <TextAreaField label={t("control.message")} name="message" optional maxLength={2000} error={errors.message} />
        <p className="field-hint">{t("control.requestHint")}</p>
        <FormRefusal errors={errors} />
        <div className="form-actions">
          <SubmitButton name="intent" value="requestReview">
            {t("control.sendForReview")}
          </SubmitButton>
        </div>
      </Form>
    </details>
  );
}

/** Earlier review rounds and how they ended. */
export function ReviewHistory({ data }: Pick<PanelProps, "data">) {
  const { t, i18n } = useTranslation();
  if (data.history.length === 0) return null;
  return (
    <section className="card" aria-labelledby="history-heading">
      <h2 id="history-heading">{t("control.historyTitle")}</h2>
      <ul className="plain-list">
        {data.history.map((r) => (
          <li key={r.id}>
            <span className={`badge review-${r.status}`}>{t(`control.reviewStatuses.${r.status}`)}</span>{" "}
            {t("control.historyLine", {
              requester: r.requesterName,
              approver: r.approverName,
              date: formatDate(r.requestedAt, i18n.language),
            })}
            {r.decisionComment ? <span className="muted"> — “{r.decisionComment}”</span> : null}
          </li>
        ))}
      </ul>
    </section>
  );
}
