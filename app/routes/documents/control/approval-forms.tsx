import { useTranslation } from "react-i18next";
import { Form } from "react-router";
import { TextAreaField, TextField } from "#app/components/ui/field.tsx";
import { PasskeyButton } from "#app/components/passkey-button.tsx";
import { FormRefusal } from "#app/components/ui/notice.tsx";
import { SubmitButton } from "#app/components/ui/submit-button.tsx";
import { unitOptions } from "#app/components/unit-options.ts";
import { roles } from "#app/domain/values.ts";
import type { FieldErrors } from "#app/utils/forms.ts";

type ApprovalProps = {
  reviewId: string;
  candidateHash: string;
  hasPrevious: boolean;
  today: string;
  units: { id: string; name: string; depth: number }[];
  /** The ways this approver can sign (control.tsx). */
  signing: { password: boolean; passkey: boolean; atProvider: boolean };
  approveErrors: FieldErrors;
  rejectErrors: FieldErrors;
};

/** The approver's two ways out of a review round: approve with a signature, or reject with a reason. */
export function ApprovalForms({
  reviewId,
  candidateHash,
  hasPrevious,
  today,
  units,
  signing,
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
        {signing.password ? (
          <TextField
            label={t("control.password")}
            name="password"
            type="password"
            autoComplete="current-password"
            hint={t("control.passwordHint")}
            error={approveErrors.password}
          />
        ) : null}
        {signing.atProvider ? <p className="field-hint">{t("passkeys.providerHint")}</p> : null}
        <FormRefusal errors={approveErrors} />
        <div className="form-actions">
          {signing.password ? (
            <SubmitButton name="intent" value="approve">
              {t("control.approve")}
            </SubmitButton>
          ) : null}
          {signing.atProvider ? (
            <SubmitButton name="intent" value="approveAtProvider">
              {t("passkeys.approveAtProvider")}
            </SubmitButton>
          ) : null}
          {signing.passkey ? (
            <PasskeyButton
              mode="sign"
              request={{ purpose: "approve", reviewId }}
              intent="approve"
              label={t("passkeys.approve")}
            />
          ) : null}
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
