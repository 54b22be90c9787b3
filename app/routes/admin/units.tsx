import { useTranslation } from "react-i18next";
import { Form, Link } from "react-router";
import { z } from "zod";
import { SelectField, TextField } from "#app/components/ui/field.tsx";
import { FormRefusal, Notice } from "#app/components/ui/notice.tsx";
import { PageHeader } from "#app/components/ui/page-header.tsx";
import { SubmitButton } from "#app/components/ui/submit-button.tsx";
import { requirePermission } from "#app/auth/guards.server.ts";
import { can } from "#app/auth/permissions.server.ts";
import { refusalAsFormError } from "#app/models/errors.ts";
import { createUnit, unitTree, updateUnit, type UnitNode } from "#app/models/units.server.ts";
import { parseForm, text, type FieldErrors } from "#app/utils/forms.ts";
import type { Route } from "./+types/units";
import { unitOptions } from "#app/components/unit-options.ts";
import { once } from "#app/models/submissions.server.ts";

const unitSchema = z.object({
  unitId: z.string().max(40).optional(),
  name: text(120),
  parentId: z
    .string()
    .max(40)
    .optional()
    .transform((v) => v || null),
});

export function loader({ request, context }: Route.LoaderArgs) {
  const { user } = requirePermission(request, context, "view", { type: "units" });
  return { units: unitTree(context.db), canManage: can(user, "manage", { type: "units" }) };
}

type ActionResult = { unitId: string | null; errors: FieldErrors; done?: boolean };

export async function action({ request, context }: Route.ActionArgs): Promise<ActionResult> {
  const { user } = requirePermission(request, context, "manage", { type: "units" });
  const form = await request.formData();
  const parsed = parseForm(unitSchema, form);
  if (!parsed.ok) return { unitId: null, errors: parsed.errors };
  const { unitId, ...input } = parsed.data;
  try {
    if (unitId) updateUnit(context.db, user, unitId, input);
    else once(context.db, user.id, form, () => createUnit(context.db, user, input));
    return { unitId: unitId ?? null, errors: {}, done: true };
  } catch (error) {
    return { unitId: unitId ?? null, errors: refusalAsFormError(error) };
  }
}

function ParentSelect({
  units,
  self,
  value,
  error,
}: {
  units: UnitNode[];
  self?: string;
  value: string | null;
  error?: FieldErrors[string];
}) {
  const { t } = useTranslation();
  return (
    <SelectField
      label={t("admin.parentUnit")}
      name="parentId"
      defaultValue={value ?? ""}
      error={error}
      options={[{ value: "", label: t("admin.topLevel") }, ...unitOptions(units.filter((u) => u.id !== self))]}
    />
  );
}

export default function Units({ loaderData, actionData }: Route.ComponentProps) {
  const { t } = useTranslation();
  const { units, canManage } = loaderData;
  const forNew = actionData && actionData.unitId === null ? actionData : undefined;
  return (
    <>
      <PageHeader title={t("admin.units")} intro={t("admin.unitsIntro")}>
        <Link to="/admin" className="button button-ghost">
          {t("admin.back")}
        </Link>
      </PageHeader>
      <ul className="unit-tree" aria-label={t("admin.units")}>
        {units.map((unit) => {
          const result = actionData?.unitId === unit.id ? actionData : undefined;
          return (
            <li key={unit.id} style={{ "--depth": unit.depth } as React.CSSProperties} className="unit-row">
              <div className="unit-line">
                <strong>{unit.name}</strong>
                <span className="muted">{t("admin.members", { count: unit.memberCount })}</span>
              </div>
              {result?.done ? <Notice tone="success">{t("admin.unitSaved")}</Notice> : null}
              <FormRefusal errors={result?.errors} />
              {canManage ? (
                <details open={Boolean(result && !result.done)}>
                  <summary>
                    {t("admin.edit")} <span className="visually-hidden">{unit.name}</span>
                  </summary>
                  <Form method="post" className="form-grid" noValidate>
                    <input type="hidden" name="unitId" value={unit.id} />
                    <TextField
                      label={t("admin.unitName")}
                      name="name"
                      defaultValue={unit.name}
                      maxLength={120}
                      error={result?.errors.name}
                    />
                    <ParentSelect units={units} self={unit.id} value={unit.parentId} error={result?.errors.parentId} />
                    <div className="form-actions">
                      <SubmitButton>{t("admin.save")}</SubmitButton>
                    </div>
                  </Form>
                </details>
              ) : null}
            </li>
          );
        })}
      </ul>
      {canManage ? (
        <section className="card" aria-labelledby="add-unit-heading">
          <h2 id="add-unit-heading">{t("admin.addUnit")}</h2>
          {forNew?.done ? <Notice tone="success">{t("admin.unitAdded")}</Notice> : null}
          <FormRefusal errors={forNew?.errors} />
          <Form method="post" className="form-grid" noValidate key={forNew?.done ? units.length : "new"}>
            <TextField label={t("admin.unitName")} name="name" maxLength={120} error={forNew?.errors.name} />
            <ParentSelect units={units} value={null} error={forNew?.errors.parentId} />
            <div className="form-actions">
              <SubmitButton>{t("admin.addUnit")}</SubmitButton>
            </div>
          </Form>
        </section>
      ) : null}
    </>
  );
}
