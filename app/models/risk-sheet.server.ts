import { riskCategories, riskKinds, riskTreatments } from "#app/domain/values.ts";
import {
  readChoice,
  readDay,
  readInt,
  readPerson,
  readText,
  once,
  readUnit,
  type ReadContext,
  type RegisterSheet,
  type T,
} from "./register-sheets.server.ts";
import {
  createRisk,
  getRisk,
  reassessRisk,
  riskScale,
  updateRiskDetails,
  type RiskInput,
  type RiskSummary,
} from "./risks.server.ts";

/** The risk register as a sheet: what it is, who owns it, and both assessments on the scale. */

/** A step on the organisation's own scale (createRisk checks each axis against its own length). */
const score = (text: string, context: ReadContext) => {
  const scale = once(context, "scale", () => riskScale(context.db));
  return readInt(1, Math.max(scale.likelihood.length, scale.consequence.length))(text);
};

export const riskSheet: RegisterSheet<RiskSummary, RiskInput> = {
  key: "risker",
  title: (t) => t("sections.risks.title"),
  idOf: (risk) => risk.id,
  find: (db, id) => getRisk(db, id),
  columns: [
    { key: "number", header: () => "Nr", value: (r) => `R${r.number}`, width: 6 },
    {
      key: "kind",
      header: (t) => t("risks.kind"),
      value: (r, t) => t(`riskKinds.${r.kind}`),
      read: readChoice(riskKinds, (t, v) => t(`riskKinds.${v}`)),
      required: true,
      width: 12,
    },
    {
      key: "title",
      header: (t) => t("risks.title"),
      value: (r) => r.title,
      read: readText(200),
      required: true,
      width: 40,
    },
    {
      key: "category",
      header: (t) => t("risks.category"),
      value: (r, t) => t(`riskCategories.${r.category}`),
      read: readChoice(riskCategories, (t, v) => t(`riskCategories.${v}`)),
      required: true,
    },
    { key: "cause", header: (t) => t("risks.cause"), value: (r) => r.cause, read: readText(2000), width: 40 },
    {
      key: "consequenceText",
      header: (t) => t("risks.consequenceText"),
      value: (r) => r.consequenceText,
      read: readText(2000),
      width: 40,
    },
    { key: "owner", header: (t) => t("risks.owner"), value: (r) => r.ownerName, read: readPerson, required: true },
    { key: "unit", header: (t) => t("documents.unit"), value: (r) => r.unitName ?? "", read: readUnit },
    {
      key: "treatment",
      header: (t) => t("risks.treatment"),
      value: (r, t) => t(`riskTreatments.${r.treatment}`),
      read: readChoice(riskTreatments, (t, v) => t(`riskTreatments.${v}`)),
      required: true,
    },
    ...(
      [
        ["inherentLikelihood", "inherent", "likelihood"],
        ["inherentConsequence", "inherent", "consequence"],
        ["residualLikelihood", "residual", "likelihood"],
        ["residualConsequence", "residual", "consequence"],
      ] as const
    ).map(([key, which, axis]) => ({
      key,
      header: (t: T) => `${t(`risks.${which}`)}: ${t(`risks.${axis}`)}`,
      value: (r: RiskSummary) => r[which][axis],
      read: score,
      required: true,
      width: 14,
    })),
    {
      key: "nextReviewOn",
      header: (t) => t("risks.nextReview"),
      value: (r) => r.nextReviewOn,
      read: readDay,
      required: true,
    },
  ],
  toInput: (v, existing) => ({
    kind: (v.kind ?? existing?.kind) as RiskInput["kind"],
    title: (v.title ?? existing?.title) as string,
    category: (v.category ?? existing?.category) as RiskInput["category"],
    cause: (v.cause ?? existing?.cause ?? "") as string,
    consequenceText: (v.consequenceText ?? existing?.consequenceText ?? "") as string,
    ownerId: (v.owner ?? existing?.ownerId) as string,
    unitId: (v.unit !== undefined ? v.unit : (existing?.unitId ?? null)) as string | null,
    treatment: (v.treatment ?? existing?.treatment) as RiskInput["treatment"],
    nextReviewOn: (v.nextReviewOn ?? existing?.nextReviewOn) as string,
    inherent: {
      likelihood: (v.inherentLikelihood ?? existing?.inherent.likelihood) as number,
      consequence: (v.inherentConsequence ?? existing?.inherent.consequence) as number,
    },
    residual: {
      likelihood: (v.residualLikelihood ?? existing?.residual.likelihood) as number,
      consequence: (v.residualConsequence ?? existing?.residual.consequence) as number,
    },
  }),
  same: (r, i) => !detailsChanged(r, i) && !assessmentChanged(r, i),
  create: (db, actor, input) => createRisk(db, actor, input),
  update: (db, actor, id, input, existing) => {
    if (detailsChanged(existing, input)) {
      const { inherent: _i, residual: _r, nextReviewOn: _n, ...details } = input;
      updateRiskDetails(db, actor, id, details);
    }
    if (assessmentChanged(existing, input)) {
      reassessRisk(db, actor, id, {
        inherent: input.inherent,
        residual: input.residual,
        nextReviewOn: input.nextReviewOn,
        comment: "",
      });
    }
  },
};

const detailsChanged = (r: RiskSummary, i: RiskInput) =>
  r.kind !== i.kind ||
  r.title !== i.title ||
  r.category !== i.category ||
  r.cause !== i.cause ||
  r.consequenceText !== i.consequenceText ||
  r.ownerId !== i.ownerId ||
  r.unitId !== i.unitId ||
  r.treatment !== i.treatment;

const assessmentChanged = (r: RiskSummary, i: RiskInput) =>
  r.nextReviewOn !== i.nextReviewOn ||
  (["inherent", "residual"] as const).some(
    (w) => r[w].likelihood !== i[w].likelihood || r[w].consequence !== i[w].consequence,
  );
