import { useTranslation } from "react-i18next";
import { Form, Link } from "react-router";
import { z } from "zod";
import { SelectField, TextAreaField, TextField } from "#app/components/ui/field.tsx";
import { FormRefusal, Notice } from "#app/components/ui/notice.tsx";
import { PageHeader } from "#app/components/ui/page-header.tsx";
import { SubmitButton } from "#app/components/ui/submit-button.tsx";
import { unitOptions } from "#app/components/unit-options.ts";
import { requirePermission } from "#app/auth/guards.server.ts";
import { can } from "#app/auth/permissions.server.ts";
import { listMeetings, recordMeeting } from "#app/models/context.server.ts";
import { refusalAsFormError } from "#app/models/errors.ts";
import { dayOf } from "#app/models/releases.server.ts";
import { unitTree } from "#app/models/units.server.ts";
import { formatDate } from "#app/utils/dates.ts";
import { parseForm, text, type FieldErrors } from "#app/utils/forms.ts";
import { meetingKinds } from "#app/domain/values.ts";
import type { Route } from "./+types/participation";
import { once } from "#app/models/submissions.server.ts";

export function loader({ request, context }: Route.LoaderArgs) {
  const { user } = requirePermission(request, context, "view", { type: "requirements" });
  const canRecord = can(user, "edit", { type: "links" });
  return {
    meetings: listMeetings(context.db),
    canRecord,
    canAddAction: canRecord && can(user, "create", { type: "actions" }),
    units: canRecord ? unitTree(context.db) : [],
    today: dayOf(new Date()),
  };
}

const meetingSchema = z.object({
  kind: z.enum(meetingKinds, "validation.invalidChoice"),
  heldOn: z.iso.date("validation.invalidDate"),
  unitId: z
    .string()
    .max(40)
    .optional()
    .transform((v) => v || null),
  participants: text(2000),
  raised: text(4000),
  decisions: z.string().trim().max(4000, "validation.tooLong").default(""),
});

export async function action({ request, context }: Route.ActionArgs): Promise<{ errors: FieldErrors; done?: boolean }> {
  const { user } = requirePermission(request, context, "view", { type: "requirements" });
  const form = await request.formData();
  const parsed = parseForm(meetingSchema, form);
  if (!parsed.ok) return { errors: parsed.errors };
  try {
    once(context.db, user.id, form, () => recordMeeting(context.db, user, parsed.data));
  } catch (error) {
    return { errors: refusalAsFormError(error) };
  }
  return { errors: {}, done: true };
}

/** How staff and safety representatives take part: the log of meetings, as evidence. */
export default function Participation({ loaderData, actionData }: Route.ComponentProps) {
  const { t, i18n } = useTranslation();
  const errors = actionData?.errors;
  return (
    <>
      <PageHeader title={t("participation.title")} intro={t("participation.intro")}>
        <Link to="/krav" className="button button-ghost">
          {t("admin.back")}
        </Link>
      </PageHeader>
      {loaderData.canRecord ? (
        <details className="card details-panel" open={Boolean(errors && !actionData?.done)}>
          <summary>{t("participation.record")}</summary>
          <FormRefusal errors={errors} />
          {actionData?.done ? <Notice tone="success">{t("admin.saved")}</Notice> : null}
          <Form method="post" className="form-grid" noValidate>
            <SelectField
              label={t("participation.kind")}
              name="kind"
              options={meetingKinds.map((k) => ({ value: k, label: t(`participation.kinds.${k}`) }))}
            />
            <TextField
              label={t("participation.heldOn")}
              name="heldOn"
              type="date"
              max={loaderData.today}
              defaultValue={loaderData.today}
              error={errors?.heldOn}
            />
            <SelectField
              label={t("participation.unit")}
              name="unitId"
              options={[{ value: "", label: t("documents.wholeOrganisation") }, ...unitOptions(loaderData.units)]}
            />
            <TextAreaField
              label={t("participation.participants")}
              name="participants"
              maxLength={2000}
              error={errors?.participants}
            />
            <TextAreaField label={t("participation.raised")} name="raised" maxLength={4000} error={errors?.raised} />
            <TextAreaField label={t("participation.decisions")} name="decisions" optional maxLength={4000} />
            <div className="form-actions">
              <SubmitButton>{t("participation.save")}</SubmitButton>
            </div>
          </Form>
        </details>
      ) : null}
      <section className="card" aria-labelledby="meetings-heading">
        <h2 id="meetings-heading">{t("participation.log")}</h2>
        {loaderData.meetings.length === 0 ? <p className="muted">{t("participation.none")}</p> : null}
        {loaderData.meetings.map((m) => (
          <article key={m.id} id={`meeting-${m.id}`} className="finding" aria-labelledby={`meeting-${m.id}-title`}>
            <h3 id={`meeting-${m.id}-title`}>
              {t(`participation.kinds.${m.kind}`)} {formatDate(m.heldOn, i18n.language)}
              {m.unitName ? ` · ${m.unitName}` : ""}
            </h3>
            <dl className="facts">
              <dt>{t("participation.participants")}</dt>
              <dd className="pre-line">{m.participants}</dd>
              <dt>{t("participation.raised")}</dt>
              <dd className="pre-line">{m.raised}</dd>
              {m.decisions ? (
                <>
                  <dt>{t("participation.decisions")}</dt>
                  <dd className="pre-line">{m.decisions}</dd>
                </>
              ) : null}
            </dl>
            {loaderData.canAddAction ? (
              <Link to={`/atgarder/ny?fran=meeting:${m.id}`} className="button button-ghost">
                {t("participation.newAction")}
              </Link>
            ) : null}
          </article>
        ))}
      </section>
    </>
  );
}
