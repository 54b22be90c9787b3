import { useTranslation } from "react-i18next";
import { Form, Link, redirect } from "react-router";
import { subMonths } from "date-fns";
import { z } from "zod";
import { TextAreaField, TextField } from "#app/components/ui/field.tsx";
import { FormRefusal } from "#app/components/ui/notice.tsx";
import { PageHeader } from "#app/components/ui/page-header.tsx";
import { SubmitButton } from "#app/components/ui/submit-button.tsx";
import { requirePermission } from "#app/auth/guards.server.ts";
import { can } from "#app/auth/permissions.server.ts";
import { auditPeople } from "#app/models/audits.server.ts";
import { refusalAsFormError } from "#app/models/errors.ts";
import { factText, reviewInputs } from "#app/models/management-review-rules.ts";
import { listManagementReviews, startManagementReview } from "#app/models/management-reviews.server.ts";
import { currentRelease, dayOf } from "#app/models/releases.server.ts";
import { translator } from "#app/i18n/translator.server.ts";
import { formatDate } from "#app/utils/dates.ts";
import { parseFormObject, text, type FieldErrors } from "#app/utils/forms.ts";
import type { Route } from "./+types/index";
import { onceTo } from "#app/models/submissions.server.ts";

export function loader({ request, context }: Route.LoaderArgs) {
  const { user } = requirePermission(request, context, "view", { type: "managementReviews" });
  const canManage = can(user, "manage", { type: "managementReviews" });
  const now = new Date();
  return {
    reviews: listManagementReviews(context.db).map((r) => ({
      id: r.id,
      number: r.number,
      title: r.title,
      heldOn: r.heldOn,
      released: currentRelease(context.db, r.documentId, now) !== undefined,
    })),
    canManage,
    people: canManage ? auditPeople(context.db) : [],
    defaults: {
      heldOn: dayOf(now),
      periodFrom: dayOf(subMonths(now, 12)),
      periodTo: dayOf(now),
      year: now.getFullYear(),
    },
  };
}

const startSchema = z
  .object({
    title: text(200),
    heldOn: z.iso.date("validation.invalidDate"),
    periodFrom: z.iso.date("validation.invalidDate"),
    periodTo: z.iso.date("validation.invalidDate"),
    attendees: z.array(z.string().max(40)).max(100),
    otherAttendees: z.string().trim().max(2000, "validation.tooLong"),
  })
  .refine((r) => r.periodFrom <= r.periodTo, { path: ["periodTo"], message: "validation.periodOrder" });

export async function action({ request, context }: Route.ActionArgs): Promise<{ errors: FieldErrors }> {
  const { user } = requirePermission(request, context, "manage", { type: "managementReviews" });
  const form = await request.formData();
  const parsed = parseFormObject(startSchema, {
    title: form.get("title"),
    heldOn: form.get("heldOn"),
    periodFrom: form.get("periodFrom"),
    periodTo: form.get("periodTo"),
    attendees: form.getAll("attendees").map(String),
    otherAttendees: form.get("otherAttendees") ?? "",
  });
  if (!parsed.ok) return { errors: parsed.errors };
  const t = translator(user.locale);
  const words = {
    headings: Object.fromEntries(reviewInputs.map((k) => [k, t(`managementReviews.inputs.${k}`)])) as Record<
      (typeof reviewInputs)[number],
      string
    >,
    fact: (f: Parameters<typeof factText>[1]) => factText(t, f),
  };
  let location: string;
  try {
    location = onceTo(
      context.db,
      user.id,
      form,
      () => `/ledningens-genomgang/${startManagementReview(context.db, user, parsed.data, words)}`,
    );
  } catch (error) {
    return { errors: refusalAsFormError(error) };
  }
  throw redirect(location);
}

/** Leadership's reviews of the management system: each with its record, inputs and decisions. */
export default function ManagementReviews({ loaderData, actionData }: Route.ComponentProps) {
  const { t, i18n } = useTranslation();
  const errors = actionData?.errors;
  const d = loaderData.defaults;
  return (
    <>
      <PageHeader title={t("sections.managementReviews.title")} intro={t("managementReviews.intro")}>
        <Link to="/ledningens-genomgang/arshjul" className="button button-secondary">
          {t("cycle.link")}
        </Link>
        <Link to="/ledningens-genomgang/arsrapporter" className="button button-secondary">
          {t("annualReports.title")}
        </Link>
      </PageHeader>
      <section className="card" aria-labelledby="list-heading">
        <h2 id="list-heading">{t("managementReviews.list")}</h2>
        {loaderData.reviews.length === 0 ? <p className="muted">{t("managementReviews.none")}</p> : null}
        <ul className="plain-list">
          {loaderData.reviews.map((r) => (
            <li key={r.id}>
              <Link to={`/ledningens-genomgang/${r.id}`}>{r.title}</Link>{" "}
              <span className="muted">{formatDate(r.heldOn, i18n.language)}</span>{" "}
              <span className={`badge ${r.released ? "badge-current" : "badge-draft"}`}>
                {t(r.released ? "links.status.released" : "links.status.draft")}
              </span>
            </li>
          ))}
        </ul>
      </section>
      {loaderData.canManage ? (
        <details className="card details-panel" open={Boolean(errors) || loaderData.reviews.length === 0}>
          <summary>{t("managementReviews.start")}</summary>
          <FormRefusal errors={errors} />
          <p className="muted">{t("managementReviews.startHint")}</p>
          <Form method="post" className="form-grid" noValidate>
            <TextField
              label={t("managementReviews.title")}
              name="title"
              maxLength={200}
              defaultValue={t("managementReviews.defaultTitle", { year: d.year })}
              error={errors?.title}
            />
            <TextField
              label={t("managementReviews.heldOn")}
              name="heldOn"
              type="date"
              defaultValue={d.heldOn}
              error={errors?.heldOn}
            />
            <TextField
              label={t("managementReviews.periodFrom")}
              name="periodFrom"
              type="date"
              defaultValue={d.periodFrom}
              error={errors?.periodFrom}
            />
            <TextField
              label={t("managementReviews.periodTo")}
              name="periodTo"
              type="date"
              defaultValue={d.periodTo}
              error={errors?.periodTo}
            />
            <fieldset className="checkbox-group">
              <legend>{t("managementReviews.attendees")}</legend>
              {loaderData.people.map((p) => (
                <label key={p.id}>
                  <input type="checkbox" name="attendees" value={p.id} /> {p.name}
                </label>
              ))}
            </fieldset>
            <TextAreaField
              label={t("managementReviews.otherAttendees")}
              hint={t("managementReviews.otherAttendeesHint")}
              name="otherAttendees"
              optional
              maxLength={2000}
            />
            <div className="form-actions">
              <SubmitButton>{t("managementReviews.startSubmit")}</SubmitButton>
            </div>
          </Form>
        </details>
      ) : null}
    </>
  );
}
