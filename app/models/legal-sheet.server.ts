import { contextKinds, documentAreas, type ContextKind, type DocumentArea } from "#app/domain/values.ts";
import { type contextItems } from "#db/schema/index.ts";
import {
  addContextItem,
  addLegalRequirement,
  currentContext,
  legalRegister,
  updateContextItem,
  updateLegalRequirement,
} from "./context.server.ts";
import { readChoice, readChoices, readPerson, readText, type RegisterSheet } from "./register-sheets.server.ts";

/** The legal register and the organisation's context as sheets (ISO 4.1, 4.2 and 6.1.3). */

type Law = ReturnType<typeof legalRegister>[number];
type LawInput = {
  title: string;
  reference: string;
  areas: DocumentArea[];
  howItApplies: string;
  responsibleId: string;
};

export const legalSheet: RegisterSheet<Law, LawInput> = {
  key: "lagregister",
  title: (t) => t("sheets.registers.legal"),
  idOf: (law) => law.id,
  find: (db, id) => legalRegister(db, id)[0],
  columns: [
    {
      key: "title",
      header: (t) => t("legal.lawTitle"),
      value: (l) => l.title,
      read: readText(300),
      required: true,
      width: 40,
    },
    {
      key: "reference",
      header: (t) => t("legal.reference"),
      value: (l) => l.reference,
      read: readText(500),
      width: 30,
    },
    {
      key: "areas",
      header: (t) => t("sheets.columns.areas"),
      value: (l, t) => l.areas.map((a) => t(`areas.${a}`)).join(", "),
      read: readChoices(documentAreas, (t, v) => t(`areas.${v}`)),
      width: 24,
    },
    {
      key: "howItApplies",
      header: (t) => t("legal.howItApplies"),
      value: (l) => l.howItApplies,
      read: readText(4000),
      required: true,
      width: 50,
    },
    {
      key: "responsible",
      header: (t) => t("legal.responsible"),
      value: (l) => l.responsibleName,
      read: readPerson,
      required: true,
    },
    {
      key: "latestEvaluation",
      header: (t) => t("sheets.columns.latestEvaluation"),
      value: (l, t) => {
        const latest = l.evaluations[0];
        return latest ? `${latest.evaluatedOn} ${t(`legal.results.${latest.result}`)}` : "";
      },
      width: 24,
    },
  ],
  toInput: (v, existing) => ({
    title: (v.title ?? existing?.title) as string,
    reference: (v.reference ?? existing?.reference ?? "") as string,
    areas: (v.areas ?? existing?.areas ?? []) as DocumentArea[],
    howItApplies: (v.howItApplies ?? existing?.howItApplies) as string,
    responsibleId: (v.responsible ?? existing?.responsibleId) as string,
  }),
  same: (l, i) =>
    l.title === i.title &&
    l.reference === i.reference &&
    l.areas.join() === i.areas.join() &&
    l.howItApplies === i.howItApplies &&
    l.responsibleId === i.responsibleId,
  create: (db, actor, input) => addLegalRequirement(db, actor, input),
  update: (db, actor, id, input) => updateLegalRequirement(db, actor, id, input),
};

type ContextItem = typeof contextItems.$inferSelect;
type ContextInput = { kind: ContextKind; title: string; detail: string };

export const contextSheet: RegisterSheet<ContextItem, ContextInput> = {
  key: "sammanhang",
  title: (t) => t("sheets.registers.context"),
  idOf: (item) => item.id,
  find: (db, id) => currentContext(db).find((item) => item.id === id),
  columns: [
    {
      key: "kind",
      header: (t) => t("context.kind"),
      value: (c, t) => t(`context.kinds.${c.kind}`),
      read: readChoice(contextKinds, (t, v) => t(`context.kinds.${v}`)),
      required: true,
      width: 28,
    },
    {
      key: "title",
      header: (t) => t("context.itemTitle"),
      value: (c) => c.title,
      read: readText(300),
      required: true,
      width: 40,
    },
    { key: "detail", header: (t) => t("context.detail"), value: (c) => c.detail, read: readText(2000), width: 50 },
  ],
  toInput: (v, existing) => ({
    kind: (v.kind ?? existing?.kind) as ContextKind,
    title: (v.title ?? existing?.title) as string,
    detail: (v.detail ?? existing?.detail ?? "") as string,
  }),
  same: (c, i) => c.kind === i.kind && c.title === i.title && c.detail === i.detail,
  create: (db, actor, input) => addContextItem(db, actor, input),
  update: (db, actor, id, input) => updateContextItem(db, actor, id, input),
};
