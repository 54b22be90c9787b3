import { useTranslation } from "react-i18next";
import { Form, Link } from "react-router";
import { z } from "zod";
import { TextAreaField, TextField } from "#app/components/ui/field.tsx";
import { FormRefusal } from "#app/components/ui/notice.tsx";
import { PageHeader } from "#app/components/ui/page-header.tsx";
import { SubmitButton } from "#app/components/ui/submit-button.tsx";
import { requirePermission } from "#app/auth/guards.server.ts";
import { can } from "#app/auth/permissions.server.ts";
import { refusalAsFormError } from "#app/models/errors.ts";
import { createObjective, listKpis, listObjectives } from "#app/models/kpis.server.ts";
import { formatDate } from "#app/utils/dates.ts";
import { parseForm, text, type FieldErrors } from "#app/utils/forms.ts";
import { SheetLinks } from "#app/components/sheet-links.tsx";
import type { Route } from "./+types/index";
import { once } from "#app/models/submissions.server.ts";

export function loader({ request, context }: Route.LoaderArgs) {
  const { user } = requirePermission(request, context, "view", { type: "kpis" });
  return {
    objectives: listObjectives(context.db),
    kpis: listKpis(context.db).map((k) => ({
      id: k.id,
      name: k.name,
      unit: k.unit,
      target: k.target,
      objectiveId: k.objectiveId,
      ownerName: k.ownerName,
      latest: k.latest,
    })),
    canCreate: can(user, "create", { type: "kpis" }),
  };
}

const objectiveSchema = z
  .object({
    title: text(200),
    description: z.string().trim().max(2000, "validation.tooLong"),
    periodStart: z.iso.date("validation.invalidDate"),
    periodEnd: z.iso.date("validation.invalidDate"),
  })
  .refine((o) => o.periodEnd >= o.periodStart, { path: ["periodEnd"], message: "validation.endBeforeStart" });

export async function action({ request, context }: Route.ActionArgs): Promise<{ errors: FieldErrors; done?: boolean }> {
  const { user } = requirePermission(request, context, "create", { type: "kpis" });
  const form = await request.formData();
  const parsed = parseForm(objectiveSchema, form);
  if (!parsed.ok) return { errors: parsed.errors };
  try {
    once(context.db, user.id, form, () => createObjective(context.db, user, { ...parsed.data, ownerId: user.id }));
  } catch (error) {
    return { errors: refusalAsFormError(error) };
  }
  return { errors: {}, done: true };
}

export default function Objectives({ loaderData, actionData }: Route.ComponentProps) {
  const { t, i18n } = useTranslation();
  const kpiRow = (k: (typeof loaderData.kpis)[number]) => (
    <li key={k.id}>
      <Link to={`/mal/nyckeltal/${k.id}`}>{k.name}</Link>{" "}
      {k.latest ? (
        <span className={`badge kpi-${k.latest.status}`}>
          {k.latest.value.toLocaleString(i18n.language)} {k.unit} · {t(`kpis.status.${k.latest.status}`)}
        </span>
      ) : (
        <span className="badge badge-neutral">{t("kpis.noMeasurements")}</span>
      )}{" "}
      <span className="muted">
        {t("kpis.targetShort", { target: k.target, unit: k.unit })} · {k.ownerName}
      </span>
    </li>
  );
  const unlinked = loaderData.kpis.filter((k) => !k.objectiveId);
  return (
    <>
      <PageHeader title={t("sections.objectives.title")} intro={t("sections.objectives.intro")}>
        {loaderData.canCreate ? (
          <Link to="/mal/nyckeltal/ny" className="button">
            {t("kpis.new")}
          </Link>
        ) : null}
        <SheetLinks register="nyckeltal" canImport={loaderData.canCreate} />
      </PageHeader>
      <FormRefusal errors={actionData?.errors} />
      {loaderData.objectives.map((o) => (
        <section key={o.id} className="card" aria-labelledby={`objective-${o.id}`}>
          <h2 id={`objective-${o.id}`}>{o.title}</h2>
          <p className="muted">
            {formatDate(o.periodStart, i18n.language)} – {formatDate(o.periodEnd, i18n.language)} · {o.ownerName}
          </p>
          {o.description ? <p>{o.description}</p> : null}
          <ul className="plain-list">{loaderData.kpis.filter((k) => k.objectiveId === o.id).map(kpiRow)}</ul>
        </section>
      ))}
      {unlinked.length > 0 ? (
        <section className="card" aria-labelledby="kpis-heading">
          <h2 id="kpis-heading">{t("kpis.withoutObjective")}</h2>
          <ul className="plain-list">{unlinked.map(kpiRow)}</ul>
        </section>
      ) : null}
      {loaderData.canCreate ? (
        <details className="card details-panel" open={Boolean(actionData && !actionData.done)}>
          <summary>{t("kpis.newObjective")}</summary>
          <Form method="post" className="form-grid" noValidate>
            <TextField label={t("kpis.objectiveTitle")} name="title" maxLength={200} error={actionData?.errors.title} />
            <TextAreaField label={t("kpis.objectiveDescription")} name="description" optional maxLength={2000} />
            <TextField
              label={t("kpis.periodStart")}
              name="periodStart"
              type="date"
              error={actionData?.errors.periodStart}
            />
            <TextField label={t("kpis.periodEnd")} name="periodEnd" type="date" error={actionData?.errors.periodEnd} />
            <div className="form-actions">
              <SubmitButton>{t("kpis.createObjective")}</SubmitButton>
            </div>
          </Form>
        </details>
      ) : null}
    </>
  );
}
