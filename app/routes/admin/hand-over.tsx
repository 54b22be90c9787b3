import { useTranslation } from "react-i18next";
import { data, Form, Link } from "react-router";
import { personOptions } from "#app/components/person-options.ts";
import { SelectField } from "#app/components/ui/field.tsx";
import { FormRefusal, Notice } from "#app/components/ui/notice.tsx";
import { PageHeader } from "#app/components/ui/page-header.tsx";
import { SubmitButton } from "#app/components/ui/submit-button.tsx";
import { requirePermission } from "#app/auth/guards.server.ts";
import { refusalAsFormError } from "#app/models/errors.ts";
import {
  handOver,
  itemKey,
  mayHold,
  responsibilitiesOf,
  responsibilityKinds,
  type ResponsibilityKind,
} from "#app/models/hand-over.server.ts";
import { getUser, listUsers } from "#app/models/users.server.ts";
import type { FieldErrors } from "#app/utils/forms.ts";
import type { Route } from "./+types/hand-over";

const ITEM_FIELD = "to.";

function guard(request: Request, context: Route.LoaderArgs["context"], userId: string) {
  const target = getUser(context.db, userId);
  if (!target) throw data({ reason: "notFound" }, { status: 404 });
  const { user } = requirePermission(request, context, "handOver", { type: "user", id: target.id, role: target.role });
  return { user, target };
}

export function loader({ request, params, context }: Route.LoaderArgs) {
  const { target } = guard(request, context, params.userId);
  const held = responsibilitiesOf(context.db, target.id);
  const people = listUsers(context.db).filter((p) => p.active && p.id !== target.id);
  return {
    target: { id: target.id, name: target.name },
    groups: responsibilityKinds
      .map((kind) => ({
        kind,
        items: held.filter((r) => r.kind === kind).map((r) => ({ key: itemKey(r), title: r.title, href: r.href })),
        // Only those whose role may hold it are offered.
        successors: people.filter((p) => mayHold(kind, p)).map((p) => ({ id: p.id, name: p.name })),
      }))
      .filter((g) => g.items.length > 0),
    everyone: people.map((p) => ({ id: p.id, name: p.name })),
  };
}

type Result = { errors: FieldErrors; passed?: number };

/** One successor for everything, and one per item where chosen; all of it passes or none. */
export async function action({ request, params, context }: Route.ActionArgs): Promise<Result> {
  const { user, target } = guard(request, context, params.userId);
  const form = await request.formData();
  const items: Record<string, string> = {};
  for (const [name, value] of form) {
    if (name.startsWith(ITEM_FIELD) && typeof value === "string" && value) items[name.slice(ITEM_FIELD.length)] = value;
  }
  try {
    const everything = String(form.get("everything") ?? "") || null;
    const result = handOver(context.db, user, target.id, { everything, items });
    if (!result.ok) {
      const errors: FieldErrors = { form: { key: "handOver.problems" } };
      for (const [key, problem] of Object.entries(result.problems)) errors[key] = { key: `errors.${problem}` };
      return { errors };
    }
    return { errors: {}, passed: result.passed };
  } catch (error) {
    return { errors: refusalAsFormError(error) };
  }
}

/** Everything a person answers for, passed to successors when they leave or change job. */
export default function HandOver({ loaderData, actionData }: Route.ComponentProps) {
  const { t } = useTranslation();
  const { target, groups } = loaderData;
  const errors = actionData?.errors ?? {};
  return (
    <>
      <PageHeader title={t("handOver.title", { name: target.name })} intro={t("handOver.intro")}>
        <Link to={`/admin/anvandare/${target.id}`} className="button button-ghost">
          {t("handOver.back")}
        </Link>
      </PageHeader>
      {actionData?.passed ? <Notice tone="success">{t("handOver.done", { count: actionData.passed })}</Notice> : null}
      <FormRefusal errors={errors} />
      {groups.length === 0 ? (
        <p className="muted">{t("handOver.nothing", { name: target.name })}</p>
      ) : (
        <Form method="post" className="stack" noValidate>
          <p>{t("handOver.count", { name: target.name, count: groups.reduce((n, g) => n + g.items.length, 0) })}</p>
          <SelectField
            label={t("handOver.everything")}
            hint={t("handOver.everythingHint")}
            name="everything"
            options={personOptions(loaderData.everyone, "—")}
            defaultValue=""
          />
          {groups.map((group) => (
            <fieldset key={group.kind} className="card hand-over-group">
              <legend>{t(`handOver.kinds.${group.kind as ResponsibilityKind}`)}</legend>
              {group.items.map((item) => (
                <div key={item.key} className="hand-over-item">
                  <Link to={item.href}>{item.title}</Link>
                  <SelectField
                    label={t("handOver.successorShort")}
                    // The item beside it names what the successor takes over; a screen reader hears both.
                    aria-label={t("handOver.successor", { title: item.title })}
                    name={`${ITEM_FIELD}${item.key}`}
                    options={personOptions(group.successors, t("handOver.sameAsAll"))}
                    defaultValue=""
                    error={errors[item.key]}
                  />
                </div>
              ))}
            </fieldset>
          ))}
          <SubmitButton>{t("handOver.submit")}</SubmitButton>
        </Form>
      )}
    </>
  );
}
