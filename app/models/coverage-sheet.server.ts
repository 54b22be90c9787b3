import { soaStatuses, type SoaStatus } from "#app/domain/values.ts";
import type { Actor } from "#app/auth/permissions.server.ts";
import type { Db } from "#db/client.ts";
import { requirementTitle, type Coverage } from "./requirement-rules.ts";
import {
  addRequirement,
  frameworkCoverage,
  getRequirement,
  listFrameworks,
  nameRequirements,
  RequirementError,
  setApplicability,
} from "./requirements.server.ts";
import {
  norm,
  orNone,
  readChoice,
  readText,
  readYesNo,
  theOnly,
  type ReadContext,
  type RegisterSheet,
} from "./register-sheets.server.ts";

/**
 * Requirements coverage as a sheet: every requirement of a framework, whether it applies here
 * (and why not), how far it is implemented, and what covers it. Coming back, a row updates
 * the requirement's applicability and the organisation's own title; a new row adds a
 * requirement to the framework it names. Coverage and evidence go out only: they follow from
 * what is linked in Lots.
 */
export type RequirementRow = {
  id: string;
  frameworkId: string;
  frameworkName: string;
  code: string;
  title: string | null;
  titleKey: string | null;
  parentCode: string | null;
  applicable: boolean;
  justification: string;
  implementation: SoaStatus | null;
  coverage: Coverage | null;
  evidence: string[];
};

export type RequirementRowInput = Pick<
  RequirementRow,
  "frameworkId" | "code" | "title" | "parentCode" | "applicable" | "justification" | "implementation"
>;

/** The rows of one framework (or of all, in their order), headings of a catalogue left out. */
export function coverageRows(db: Db, actor: Actor, frameworkId?: string): RequirementRow[] {
  return listFrameworks(db)
    .filter((f) => !frameworkId || f.id === frameworkId)
    .flatMap((framework) =>
      frameworkCoverage(db, actor, framework.id)
        .requirements.filter((r) => !r.isHeading)
        .map((r) => ({
          id: r.id,
          frameworkId: framework.id,
          frameworkName: framework.name,
          code: r.code,
          title: r.title,
          titleKey: r.titleKey,
          parentCode: r.parentCode,
          applicable: r.applicable,
          justification: r.justification,
          implementation: r.implementation,
          coverage: r.coverage,
          evidence: r.evidence.map((e) => e.title),
        })),
    );
}

function findRow(db: Db, id: string): RequirementRow | undefined {
  const r = getRequirement(db, id);
  if (!r) return undefined;
  return { ...r, frameworkName: r.framework.name, coverage: null, evidence: [] };
}

const readFramework = (text: string, { db }: ReadContext) =>
  theOnly(
    listFrameworks(db).filter((f) => norm(f.name) === norm(text)),
    "unknownItem",
  );

const fixedPlace = (r: RequirementRow, i: RequirementRowInput) =>
  r.frameworkId === i.frameworkId && r.code === i.code && r.parentCode === i.parentCode;

const sameApplicability = (r: RequirementRow, i: RequirementRowInput) =>
  r.applicable === i.applicable && r.justification === i.justification && r.implementation === i.implementation;

export const coverageSheet: RegisterSheet<RequirementRow, RequirementRowInput> = {
  key: "kravtackning",
  title: (t) => t("sheets.registers.coverage"),
  idOf: (r) => r.id,
  find: findRow,
  columns: [
    {
      key: "framework",
      header: (t) => t("sheets.columns.framework"),
      value: (r) => r.frameworkName,
      read: readFramework,
      required: true,
      width: 24,
    },
    { key: "code", header: (t) => t("sheets.columns.code"), value: (r) => r.code, read: readText(40), required: true },
    {
      key: "title",
      header: (t) => t("frameworks.requirement"),
      value: (r, t) => requirementTitle(r, (key) => t(key as "clauses.4_1")),
      read: readText(500),
      width: 40,
    },
    {
      key: "parentCode",
      header: (t) => t("sheets.columns.parentCode"),
      value: (r) => r.parentCode ?? "",
      read: orNone(readText(40)),
    },
    {
      key: "applicable",
      header: (t) => t("frameworks.soa.applies"),
      value: (r, t) => t(r.applicable ? "common.yes" : "common.no"),
      read: orNone(readYesNo),
    },
    {
      key: "justification",
      header: (t) => t("frameworks.justification"),
      value: (r) => r.justification,
      read: readText(2000),
      width: 40,
    },
    {
      key: "implementation",
      header: (t) => t("frameworks.soa.implementation"),
      value: (r, t) => (r.implementation ? t(`soa.${r.implementation}`) : ""),
      read: orNone(readChoice(soaStatuses, (t, v) => t(`soa.${v}`))),
    },
    {
      key: "coverage",
      header: (t) => t("frameworks.coverage"),
      value: (r, t) => (r.coverage ? t(`coverage.${r.coverage}`) : ""),
    },
    {
      key: "evidence",
      header: (t) => t("frameworks.evidence"),
      value: (r) => r.evidence.join("; "),
      width: 40,
    },
  ],
  toInput: (v, existing) => ({
    frameworkId: (v.framework ?? existing?.frameworkId) as string,
    code: (v.code ?? existing?.code) as string,
    // A catalogue's own title is not the organisation's to change: the sheet shows it, in the reader's language.
    title: existing?.titleKey ? existing.title : ((v.title ?? existing?.title ?? null) as string | null) || null,
    parentCode: (v.parentCode !== undefined ? v.parentCode : (existing?.parentCode ?? null)) as string | null,
    applicable: (v.applicable ?? existing?.applicable ?? true) as boolean,
    justification: (v.justification ?? existing?.justification ?? "") as string,
    implementation: (v.implementation !== undefined
      ? v.implementation
      : (existing?.implementation ?? null)) as SoaStatus | null,
  }),
  same: (r, i) => fixedPlace(r, i) && r.title === i.title && sameApplicability(r, i),
  create: (db, actor, input) => {
    const id = addRequirement(db, actor, input.frameworkId, {
      code: input.code,
      title: input.title ?? "",
      parentCode: input.parentCode,
    });
    if (!input.applicable || input.justification || input.implementation) setApplicability(db, actor, id, input);
    return id;
  },
  update: (db, actor, id, input, existing) => {
    // Where a requirement sits is its framework's: it moves only there.
    if (!fixedPlace(existing, input)) throw new RequirementError("requirement.placeFixed");
    if (existing.title !== input.title && input.title) {
      nameRequirements(db, actor, input.frameworkId, [{ code: input.code, title: input.title }]);
    }
    if (!sameApplicability(existing, input)) setApplicability(db, actor, id, input);
  },
};
