import { actionSources } from "#app/domain/values.ts";
import {
  createAction,
  editableActionFields,
  getAction,
  updateActionDetails,
  type ActionInput,
  type ActionSummary,
} from "./actions.server.ts";
import { readChoice, readDay, readPerson, readText, readUnit, type RegisterSheet } from "./register-sheets.server.ts";

/**
 * The action plan as a sheet: what, why, who and when, and how the effect will be checked. Its
 * status and effect result go out but never come back in: an action moves, and closes, only
 * through its own page.
 */
export const actionSheet: RegisterSheet<ActionSummary, ActionInput> = {
  key: "atgarder",
  title: (t) => t("sections.actions.title"),
  idOf: (action) => action.id,
  find: (db, id) => getAction(db, id),
  columns: [
    { key: "number", header: () => "Nr", value: (a) => a.number, width: 6 },
    {
      key: "title",
      header: (t) => t("actions.what"),
      value: (a) => a.title,
      read: readText(200),
      required: true,
      width: 40,
    },
    {
      key: "reason",
      header: (t) => t("actions.why"),
      value: (a) => a.reason,
      read: readText(2000),
      required: true,
      width: 40,
    },
    {
      key: "source",
      header: (t) => t("actions.source"),
      value: (a, t) => t(`actionSources.${a.source}`),
      read: readChoice(actionSources, (t, v) => t(`actionSources.${v}`)),
      required: true,
    },
    { key: "owner", header: (t) => t("actions.owner"), value: (a) => a.ownerName, read: readPerson, required: true },
    { key: "unit", header: (t) => t("documents.unit"), value: (a) => a.unitName ?? "", read: readUnit },
    { key: "dueOn", header: (t) => t("actions.dueOn"), value: (a) => a.dueOn, read: readDay, required: true },
    { key: "status", header: (t) => t("actions.status"), value: (a, t) => t(`actionStatuses.${a.status}`) },
    {
      key: "effectPlan",
      header: (t) => t("actions.effectPlan"),
      value: (a) => a.effectPlan,
      read: readText(2000),
      required: true,
      width: 40,
    },
    {
      key: "effectMeasure",
      header: (t) => t("actions.effectMeasure"),
      value: (a) => a.effectMeasure,
      read: readText(500),
      required: true,
      width: 30,
    },
    {
      key: "effectCheckOn",
      header: (t) => t("actions.effectCheckOn"),
      value: (a) => a.effectCheckOn,
      read: readDay,
      required: true,
    },
    {
      key: "effectResult",
      header: (t) => t("actions.effectResult"),
      value: (a) => a.effectResult ?? "",
      width: 30,
    },
  ],
  toInput: (v, existing) => ({
    title: (v.title ?? existing?.title) as string,
    reason: (v.reason ?? existing?.reason) as string,
    source: (v.source ?? existing?.source) as ActionInput["source"],
    ownerId: (v.owner ?? existing?.ownerId) as string,
    unitId: (v.unit !== undefined ? v.unit : (existing?.unitId ?? null)) as string | null,
    dueOn: (v.dueOn ?? existing?.dueOn) as string,
    effectPlan: (v.effectPlan ?? existing?.effectPlan) as string,
    effectMeasure: (v.effectMeasure ?? existing?.effectMeasure) as string,
    effectCheckOn: (v.effectCheckOn ?? existing?.effectCheckOn) as string,
  }),
  same: (a, input) => editableActionFields.every((key) => a[key] === input[key]),
  create: (db, actor, input) => createAction(db, actor, input),
  update: (db, actor, id, input) => updateActionDetails(db, actor, id, input),
};
