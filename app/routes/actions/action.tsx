import type { ParseKeys, TFunction } from "i18next";
import { useTranslation } from "react-i18next";
import { data, Form, Link } from "react-router";
import { z } from "zod";
import { TextAreaField, TextField } from "#app/components/ui/field.tsx";
import { LinkedPanel } from "#app/components/linked-panel.tsx";
import { FormRefusal, Notice } from "#app/components/ui/notice.tsx";
import { PageHeader } from "#app/components/ui/page-header.tsx";
import { SubmitButton } from "#app/components/ui/submit-button.tsx";
import { requirePermission } from "#app/auth/guards.server.ts";
import { can } from "#app/auth/permissions.server.ts";
import { overdue, type ActionMove } from "#app/models/action-states.ts";
import {
  actionHistory,
  actionResource,
  getAction,
  moveAction,
  movesFor,
  postponeAction,
  updateActionDetails,
} from "#app/models/actions.server.ts";
import { isOpen } from "#app/models/action-states.ts";
import { unitTree } from "#app/models/units.server.ts";
import { listPeople } from "#app/models/users.server.ts";
import { ActionFields, actionSchema } from "#app/components/action-fields.tsx";
import { refusalAsFormError } from "#app/models/errors.ts";
import { linkedTo } from "#app/models/links.server.ts";
import { linkFormIntent } from "#app/routes/links/link-form.server.ts";
import { dayOf } from "#app/models/releases.server.ts";
import { formatDate } from "#app/utils/dates.ts";
import { parseForm, text, type FieldErrors } from "#app/utils/forms.ts";
import type { Route } from "./+types/action";

function load(context: Route.LoaderArgs["context"], id: string) {
  const action = getAction(context.db, id);
  if (!action) throw data({ reason: "notFound" }, { status: 404 });
  return action;
}

export function loader({ request, params, context }: Route.LoaderArgs) {
  const action = load(context, params.id);
  const { user } = requirePermission(request, context, "read", actionResource(action));
  const resource = actionResource(action);
  const canEdit = can(user, "edit", resource);
  const canLink = can(user, "edit", { type: "links" });
  return {
    action: { ...action, overdue: overdue(action, dayOf(new Date())) },
    moves: movesFor(user, action).map((m) => m.move),
    canEdit,
    // An open action can be corrected and handed to someone else; a closed one stays as it closed.
    correction:
      canEdit && isOpen(action.status) ? { people: listPeople(context.db), units: unitTree(context.db) } : null,
    canLink,
    history: actionHistory(context.db, action.id).map((e) => ({ ...e, at: e.at.toISOString() })),
    linked: linkedTo(context.db, user, { kind: "action", id: action.id }),
  };
}

const moveSchema = z.object({
  move: z.enum(["start", "complete", "verifyEffect", "markNotEffective", "reopen"]),
  result: z.string().trim().max(2000, "validation.tooLong").optional(),
  comment: z.string().trim().max(2000, "validation.tooLong").optional(),
});
const postponeSchema = z.object({ dueOn: z.iso.date("validation.invalidDate"), reason: text(1000) });

type ActionResult = { intent: string; errors: FieldErrors; done?: boolean };

export async function action({ request, params, context }: Route.ActionArgs): Promise<ActionResult> {
  const current = load(context, params.id);
  const { user } = requirePermission(request, context, "read", actionResource(current));
  const form = await request.formData();
  const intent = String(form.get("intent"));
  const linking = linkFormIntent(context.db, user, { kind: "action", id: current.id }, form);
  if (linking) return { intent: "link", ...linking, done: !linking.errors.form };
  try {
    if (intent === "move") {
      const parsed = parseForm(moveSchema, form);
      if (!parsed.ok) return { intent, errors: parsed.errors };
      moveAction(context.db, user, current.id, parsed.data.move as ActionMove, parsed.data);
    } else if (intent === "edit") {
      const parsed = parseForm(actionSchema, form);
      if (!parsed.ok) return { intent, errors: parsed.errors };
      updateActionDetails(context.db, user, current.id, parsed.data);
    } else if (intent === "postpone") {
      const parsed = parseForm(postponeSchema, form);
      if (!parsed.ok) return { intent, errors: parsed.errors };
      postponeAction(context.db, user, current.id, parsed.data);
    } else {
      throw data({ reason: "badRequest" }, { status: 400 });
    }
  } catch (error) {
    if (error instanceof Error) return { intent, errors: refusalAsFormError(error) };
    throw error;
  }
  return { intent, errors: {}, done: true };
}

export default function ActionPage({ loaderData, actionData }: Route.ComponentProps) {
  const { t, i18n } = useTranslation();
  const { action: a } = loaderData;
  const date = (value: string) => formatDate(value, i18n.language);
  const errorsFor = (intent: string) => (actionData?.intent === intent ? actionData.errors : {});
  const judging = loaderData.moves.filter((m) => m === "verifyEffect" || m === "markNotEffective");
  const plain = loaderData.moves.filter((m) => m !== "verifyEffect" && m !== "markNotEffective");
  return (
    <>
      <PageHeader title={t("actions.title", { number: a.number, title: a.title })}>
        <Link to="/atgarder" className="button button-ghost">
          {t("admin.back")}
        </Link>
      </PageHeader>
      <p className="document-meta">
        <span className={`badge action-${a.status}`}>{t(`actionStatuses.${a.status}`)}</span>{" "}
        {a.overdue ? <span className="badge badge-inactive">{t("actions.overdue")}</span> : null}{" "}
        {t(`actionSources.${a.source}`)} · {a.ownerName} · {a.unitName ?? t("documents.wholeOrganisation")}
      </p>
      <FormRefusal errors={actionData?.errors} />
      {actionData?.done ? <Notice tone="success">{t("admin.saved")}</Notice> : null}
      {a.status === "not_effective" && loaderData.canEdit ? (
        <Notice>
          {t("actions.notEffectiveNext")} <Link to={`/atgarder/ny?foljer=${a.id}`}>{t("actions.createFollowUp")}</Link>
        </Notice>
      ) : null}
      <section className="card">
        <dl className="facts">
          <dt>{t("actions.why")}</dt>
          <dd>{a.reason}</dd>
          <dt>{t("actions.dueOn")}</dt>
          <dd>{date(a.dueOn)}</dd>
          <dt>{t("actions.effectPlan")}</dt>
          <dd>{a.effectPlan}</dd>
          <dt>{t("actions.effectMeasure")}</dt>
          <dd>{a.effectMeasure}</dd>
          <dt>{t("actions.effectCheckOn")}</dt>
          <dd>{date(a.effectCheckOn)}</dd>
          {a.effectResult ? (
            <>
              <dt>{t("actions.effectResult")}</dt>
              <dd>{a.effectResult}</dd>
            </>
          ) : null}
        </dl>
      </section>
      {plain.length > 0 ? (
        <section className="card" aria-labelledby="progress-heading">
          <h2 id="progress-heading">{t("actions.progressTitle")}</h2>
          <Form method="post" className="form-grid" noValidate>
            <input type="hidden" name="intent" value="move" />
            <TextField label={t("actions.comment")} name="comment" optional maxLength={2000} />
            <div className="form-actions">
              {plain.map((move) => (
                <SubmitButton key={move} name="move" value={move} className="button button-secondary">
                  {t(`actions.moves.${move}`)}
                </SubmitButton>
              ))}
            </div>
          </Form>
        </section>
      ) : null}
      {judging.length > 0 ? (
        <section className="card" aria-labelledby="effect-heading" id="effekt">
          <h2 id="effect-heading">{t("actions.effectTitle")}</h2>
          <Form method="post" className="form-grid" noValidate>
            <input type="hidden" name="intent" value="move" />
            <TextAreaField
              label={t("actions.effectResult")}
              name="result"
              maxLength={2000}
              hint={t("actions.effectResultHint", { measure: a.effectMeasure })}
              error={errorsFor("move").result}
            />
            <div className="form-actions">
              {judging.map((move) => (
                <SubmitButton key={move} name="move" value={move} className="button">
                  {t(`actions.moves.${move}`)}
                </SubmitButton>
              ))}
            </div>
          </Form>
        </section>
      ) : null}
      {loaderData.canEdit && (a.status === "planned" || a.status === "in_progress") ? (
        <details className="card details-panel" open={actionData?.intent === "postpone" && !actionData.done}>
          <summary>{t("actions.postpone")}</summary>
          <Form method="post" className="form-grid" noValidate>
            <TextField label={t("actions.newDueOn")} name="dueOn" type="date" error={errorsFor("postpone").dueOn} />
            <TextField
              label={t("actions.postponeReason")}
              name="reason"
              maxLength={1000}
              error={errorsFor("postpone").reason}
            />
            <div className="form-actions">
              <SubmitButton name="intent" value="postpone" className="button button-secondary">
                {t("actions.postpone")}
              </SubmitButton>
            </div>
          </Form>
        </details>
      ) : null}
      {loaderData.correction ? (
        <details className="card details-panel" open={actionData?.intent === "edit" && !actionData.done}>
          <summary>{t("actions.edit")}</summary>
          <Form method="post" className="form-grid" noValidate>
            <ActionFields
              people={loaderData.correction.people}
              units={loaderData.correction.units}
              defaults={a}
              errors={errorsFor("edit")}
            />
            <FormRefusal errors={errorsFor("edit")} />
            <div className="form-actions">
              <SubmitButton name="intent" value="edit">
                {t("actions.saveEdit")}
              </SubmitButton>
            </div>
          </Form>
        </details>
      ) : null}
      <LinkedPanel
        self={{ kind: "action", id: a.id }}
        items={loaderData.linked}
        canLink={loaderData.canLink}
        error={errorsFor("link").form ?? errorsFor("link").target}
      />
      <section className="card" aria-labelledby="history-heading">
        <h2 id="history-heading">{t("actions.historyTitle")}</h2>
        <ol className="plain-list history">
          {loaderData.history.map((e) => (
            <li key={e.id}>
              <time dateTime={e.at}>{formatDate(e.at, i18n.language)}</time> · {e.actorName}:{" "}
              {e.kind === "postponed"
                ? t("actions.history.postponed", { from: date(e.oldDueOn!), to: date(e.newDueOn!) })
                : e.kind === "moved"
                  ? t(`actionStatuses.${e.toStatus!}`)
                  : e.kind === "edited"
                    ? t("actions.history.edited", { fields: changedFields(e.comment, t) })
                    : t(`actions.history.${e.kind}`)}
              {e.comment && e.kind !== "followUp" && e.kind !== "edited" ? (
                <span className="muted"> — “{e.comment}”</span>
              ) : null}
            </li>
          ))}
        </ol>
      </section>
    </>
  );
}

const fieldLabels: Record<string, ParseKeys> = {
  title: "actions.what",
  reason: "actions.why",
  source: "actions.source",
  ownerId: "actions.owner",
  unitId: "documents.unit",
  dueOn: "actions.dueOn",
  effectPlan: "actions.effectPlan",
  effectMeasure: "actions.effectMeasure",
  effectCheckOn: "actions.effectCheckOn",
};

/** An edit's history names the fields it changed (stored by their keys), in the reader's language. */
function changedFields(keys: string | null, t: TFunction): string {
  return (keys ?? "")
    .split(",")
    .filter((key) => key in fieldLabels)
    .map((key) => t(fieldLabels[key]!).toLocaleLowerCase())
    .join(", ");
}
