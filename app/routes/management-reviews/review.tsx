import { useTranslation } from "react-i18next";
import { data, Form, Link } from "react-router";
import { LinkedPanel } from "#app/components/linked-panel.tsx";
import { TextAreaField } from "#app/components/ui/field.tsx";
import { Notice } from "#app/components/ui/notice.tsx";
import { PageHeader } from "#app/components/ui/page-header.tsx";
import { SubmitButton } from "#app/components/ui/submit-button.tsx";
import { requirePermission } from "#app/auth/guards.server.ts";
import { can } from "#app/auth/permissions.server.ts";
import { auditPeople } from "#app/models/audits.server.ts";
import { refusalAsFormError } from "#app/models/errors.ts";
import { linkedTo } from "#app/models/links.server.ts";
import { factText, reviewInputs } from "#app/models/management-review-rules.ts";
import {
  getManagementReview,
  recordAttendance,
  recordMissingReason,
  reviewCompleteness,
} from "#app/models/management-reviews.server.ts";
import { currentRelease, versionOf } from "#app/models/releases.server.ts";
import { linkFormIntent } from "#app/routes/links/link-form.server.ts";
import { formatDate } from "#app/utils/dates.ts";
import { formText, type FieldErrors } from "#app/utils/forms.ts";
import type { Route } from "./+types/review";

function reviewOr404(context: Route.LoaderArgs["context"], id: string) {
  const review = getManagementReview(context.db, id);
  if (!review) throw data({ reason: "notFound" }, { status: 404 });
  return review;
}

export function loader({ request, params, context }: Route.LoaderArgs) {
  const { user } = requirePermission(request, context, "view", { type: "managementReviews" });
  const review = reviewOr404(context, params.id);
  const { inputs, missing } = reviewCompleteness(context.db, review);
  const release = currentRelease(context.db, review.documentId);
  const canManage = can(user, "manage", { type: "managementReviews" }) && !release;
  const people = auditPeople(context.db);
  return {
    review: {
      id: review.id,
      title: review.title,
      heldOn: review.heldOn,
      periodFrom: review.periodFrom,
      periodTo: review.periodTo,
      documentId: review.documentId,
      attendees: review.attendees,
      attendeeNames: people.filter((p) => review.attendees.includes(p.id)).map((p) => p.name),
      otherAttendees: review.otherAttendees,
      missingReason: review.missingReason,
    },
    inputs: reviewInputs.map((key) => ({ key, ...inputs[key], missing: missing.includes(key) })),
    missingCount: missing.length,
    release: release ? { version: versionOf(release) } : null,
    linked: linkedTo(context.db, user, { kind: "management_review", id: review.id }),
    canLink: can(user, "edit", { type: "links" }),
    canManage,
    canAddAction: canManage && can(user, "create", { type: "actions" }),
    people: canManage ? people : [],
  };
}

export async function action({
  request,
  params,
  context,
}: Route.ActionArgs): Promise<{ intent: string; errors: FieldErrors; done?: boolean }> {
  const { user } = requirePermission(request, context, "view", { type: "managementReviews" });
  const review = reviewOr404(context, params.id);
  const form = await request.formData();
  const linking = linkFormIntent(context.db, user, { kind: "management_review", id: review.id }, form);
  if (linking) return { intent: "link", ...linking };
  const intent = String(form.get("intent"));
  try {
    if (intent === "attendance") {
      recordAttendance(
        context.db,
        user,
        review.id,
        form.getAll("attendees").map(String),
        formText(form, "otherAttendees", 2000),
      );
    } else {
      recordMissingReason(context.db, user, review.id, formText(form, "reason", 2000));
    }
  } catch (error) {
    return { intent, errors: refusalAsFormError(error) };
  }
  return { intent, errors: {}, done: true };
}

/** One management review: its record, every required input with the evidence behind it, attendance and decisions. */
export default function ManagementReviewPage({ loaderData, actionData }: Route.ComponentProps) {
  const { t, i18n } = useTranslation();
  const { review: r } = loaderData;
  const errorOf = (intent: string) => (actionData?.intent === intent ? actionData.errors : undefined);
  const linkErrors = errorOf("link");
  return (
    <>
      <PageHeader
        title={r.title}
        intro={t("managementReviews.period", {
          held: formatDate(r.heldOn, i18n.language),
          from: formatDate(r.periodFrom, i18n.language),
          to: formatDate(r.periodTo, i18n.language),
        })}
      >
        <Link to="/ledningens-genomgang" className="button button-ghost">
          {t("admin.back")}
        </Link>
      </PageHeader>
      <section className="card" aria-labelledby="record-heading">
        <h2 id="record-heading">{t("managementReviews.record")}</h2>
        {loaderData.release ? (
          <p>
            <span className="badge badge-current">
              {t("managementReviews.released", { version: loaderData.release.version })}
            </span>{" "}
            <Link to={`/gallande/${r.documentId}`}>{t("managementReviews.readRecord")}</Link>
          </p>
        ) : (
          <p>
            <Link to={`/dokument/${r.documentId}`} className="button button-secondary">
              {t("managementReviews.openRecord")}
            </Link>{" "}
            <span className="muted">{t("managementReviews.recordHint")}</span>
          </p>
        )}
      </section>
      <section className="card" aria-labelledby="inputs-heading">
        <h2 id="inputs-heading">{t("managementReviews.inputsHeading")}</h2>
        {loaderData.missingCount > 0 ? (
          <Notice tone="error">{t("managementReviews.missing", { count: loaderData.missingCount })}</Notice>
        ) : (
          <Notice tone="success">{t("managementReviews.complete")}</Notice>
        )}
        <ol className="review-inputs">
          {loaderData.inputs.map((input) => (
            <li key={input.key} className={input.missing ? "input-missing" : undefined}>
              <h3>
                {t(`managementReviews.inputs.${input.key}`)}{" "}
                <span className={`badge ${input.missing ? "badge-warning" : "badge-current"}`}>
                  {input.missing
                    ? t("managementReviews.inputMissing")
                    : input.hasData
                      ? t("managementReviews.fromData")
                      : t("managementReviews.written")}
                </span>
              </h3>
              {input.facts.length > 0 ? (
                <ul>
                  {input.facts.map((f, i) => (
                    <li key={i}>{factText(t, f)}</li>
                  ))}
                </ul>
              ) : input.missing ? (
                <p className="muted">
                  {t("managementReviews.writeUnder", { heading: t(`managementReviews.inputs.${input.key}`) })}
                </p>
              ) : null}
            </li>
          ))}
        </ol>
        {r.missingReason ? (
          <p>
            <strong>{t("managementReviews.missingReason")}:</strong> {r.missingReason}
          </p>
        ) : null}
        {loaderData.canManage && loaderData.missingCount > 0 ? (
          <Form method="post" className="form-grid" noValidate>
            {errorOf("reason")?.form ? (
              <Notice tone="error">{t(errorOf("reason")!.form!.key as "errors.unit.notFound")}</Notice>
            ) : null}
            <TextAreaField
              label={t("managementReviews.missingReason")}
              hint={t("managementReviews.missingReasonHint")}
              name="reason"
              maxLength={2000}
              defaultValue={r.missingReason ?? ""}
            />
            <div className="form-actions">
              <SubmitButton name="intent" value="reason" className="button button-secondary">
                {t("managementReviews.saveReason")}
              </SubmitButton>
            </div>
          </Form>
        ) : null}
      </section>
      <section className="card" aria-labelledby="attendance-heading">
        <h2 id="attendance-heading">{t("managementReviews.attendees")}</h2>
        <p>{[...r.attendeeNames, r.otherAttendees].filter(Boolean).join(", ") || t("managementReviews.noAttendees")}</p>
        {loaderData.canManage ? (
          <details className="details-panel">
            <summary>{t("managementReviews.editAttendance")}</summary>
            <Form method="post" className="form-grid" noValidate>
              <fieldset className="checkbox-group">
                <legend>{t("managementReviews.attendees")}</legend>
                {loaderData.people.map((p) => (
                  <label key={p.id}>
                    <input type="checkbox" name="attendees" value={p.id} defaultChecked={r.attendees.includes(p.id)} />{" "}
                    {p.name}
                  </label>
                ))}
              </fieldset>
              <TextAreaField
                label={t("managementReviews.otherAttendees")}
                name="otherAttendees"
                optional
                maxLength={2000}
                defaultValue={r.otherAttendees}
              />
              <div className="form-actions">
                <SubmitButton name="intent" value="attendance" className="button button-secondary">
                  {t("managementReviews.saveAttendance")}
                </SubmitButton>
              </div>
            </Form>
          </details>
        ) : null}
      </section>
      <LinkedPanel
        self={{ kind: "management_review", id: r.id }}
        items={loaderData.linked}
        canLink={loaderData.canLink}
        error={linkErrors?.form ?? linkErrors?.target}
      >
        <p className="muted">{t("managementReviews.decisionsHint")}</p>
        {loaderData.canAddAction ? (
          <p>
            <Link to={`/atgarder/ny?fran=management_review:${r.id}`} className="button button-secondary">
              {t("managementReviews.newDecision")}
            </Link>
          </p>
        ) : null}
      </LinkedPanel>
    </>
  );
}
