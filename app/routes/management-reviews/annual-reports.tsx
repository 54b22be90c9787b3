import { useTranslation } from "react-i18next";
import { Form, Link, redirect } from "react-router";
import { z } from "zod";
import { SelectField } from "#app/components/ui/field.tsx";
import { FormRefusal } from "#app/components/ui/notice.tsx";
import { PageHeader } from "#app/components/ui/page-header.tsx";
import { SubmitButton } from "#app/components/ui/submit-button.tsx";
import { requirePermission } from "#app/auth/guards.server.ts";
import { can } from "#app/auth/permissions.server.ts";
import { annualReportSections } from "#app/models/annual-report-rules.ts";
import { annualReportsOwed, createAnnualReport, listAnnualReports } from "#app/models/annual-reports.server.ts";
import { refusalAsFormError } from "#app/models/errors.ts";
import { factText } from "#app/models/management-review-rules.ts";
import { translator } from "#app/i18n/translator.server.ts";
import { formatDate } from "#app/utils/dates.ts";
import { parseForm, type FieldErrors } from "#app/utils/forms.ts";
import { annualReportKinds } from "#app/domain/values.ts";
import type { Route } from "./+types/annual-reports";
import { onceTo } from "#app/models/submissions.server.ts";

export function loader({ request, context }: Route.LoaderArgs) {
  const { user } = requirePermission(request, context, "view", { type: "managementReviews" });
  return {
    reports: listAnnualReports(context.db).map((r) => ({
      documentId: r.documentId,
      kind: r.kind,
      year: r.year,
      dueOn: r.dueOn,
      released: r.released,
    })),
    canManage: can(user, "manage", { type: "managementReviews" }),
    owed: annualReportsOwed(context.db),
    // A report looks back on a year that has ended, or on this one as it closes.
    years: [new Date().getFullYear() - 1, new Date().getFullYear()],
  };
}

const createSchema = z.object({
  kind: z.enum(annualReportKinds, "validation.invalidChoice"),
  year: z.coerce.number("validation.required").int("validation.invalidChoice"),
});

export async function action({ request, context }: Route.ActionArgs): Promise<{ errors: FieldErrors }> {
  const { user } = requirePermission(request, context, "manage", { type: "managementReviews" });
  const form = await request.formData();
  const parsed = parseForm(createSchema, form);
  if (!parsed.ok) return { errors: parsed.errors };
  const { kind, year } = parsed.data;
  const t = translator(user.locale);
  const words: Parameters<typeof createAnnualReport>[4] = {
    title: t("annualReports.titleOf", { kind: t(`annualReports.kinds.${kind}`), year }),
    headings: Object.fromEntries(
      annualReportSections[kind].map((s) => [s, t(`annualReports.sections.${s}`)]),
    ) as Parameters<typeof createAnnualReport>[4]["headings"],
    fact: (f) => factText(t, f),
  };
  let location: string;
  try {
    location = onceTo(
      context.db,
      user.id,
      form,
      () => `/dokument/${createAnnualReport(context.db, user, kind, year, words)}`,
    );
  } catch (error) {
    return { errors: refusalAsFormError(error) };
  }
  throw redirect(location);
}

/** The year's reports: written from the year's data, completed together, then released. */
export default function AnnualReports({ loaderData, actionData }: Route.ComponentProps) {
  const { t, i18n } = useTranslation();
  const errors = actionData?.errors;
  return (
    <>
      <PageHeader title={t("annualReports.title")} intro={t("annualReports.intro")}>
        <Link to="/ledningens-genomgang" className="button button-ghost">
          {t("admin.back")}
        </Link>
      </PageHeader>
      <section className="card" aria-labelledby="reports-heading">
        <h2 id="reports-heading">{t("annualReports.list")}</h2>
        {loaderData.reports.length === 0 ? <p className="muted">{t("annualReports.none")}</p> : null}
        <ul className="plain-list">
          {loaderData.reports.map((r) => (
            <li key={r.documentId}>
              <Link to={r.released ? `/gallande/${r.documentId}` : `/dokument/${r.documentId}`}>
                {t("annualReports.titleOf", { kind: t(`annualReports.kinds.${r.kind}`), year: r.year })}
              </Link>{" "}
              <span className={`badge ${r.released ? "badge-current" : "badge-draft"}`}>
                {t(r.released ? "links.status.released" : "links.status.draft")}
              </span>{" "}
              <span className="muted">{t("annualReports.due", { date: formatDate(r.dueOn, i18n.language) })}</span>
            </li>
          ))}
        </ul>
      </section>
      {loaderData.canManage ? (
        <section className="card" aria-labelledby="create-heading">
          <h2 id="create-heading">{t("annualReports.create")}</h2>
          <p className="muted">{t("annualReports.createHint")}</p>
          {loaderData.owed.includes("patient_safety") ? null : (
            <p className="muted">
              {t("annualReports.careOnly")} <Link to="/krav">{t("annualReports.careOnlyLink")}</Link>
            </p>
          )}
          <FormRefusal errors={errors} />
          <Form method="post" className="form-grid" noValidate>
            <SelectField
              label={t("annualReports.kind")}
              name="kind"
              options={loaderData.owed.map((k) => ({ value: k, label: t(`annualReports.kinds.${k}`) }))}
            />
            <SelectField
              label={t("annualReports.year")}
              name="year"
              defaultValue={String(loaderData.years[0])}
              options={loaderData.years.map((y) => ({ value: String(y), label: String(y) }))}
            />
            <div className="form-actions">
              <SubmitButton>{t("annualReports.createSubmit")}</SubmitButton>
            </div>
          </Form>
        </section>
      ) : null}
    </>
  );
}
