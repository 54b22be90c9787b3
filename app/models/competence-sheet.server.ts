import { eq, or } from "drizzle-orm";
import { roles, verificationMethods } from "#app/domain/values.ts";
import { competences, documents } from "#db/schema/index.ts";
import {
  CompetenceError,
  createCompetence,
  getCompetence,
  getCompetenceRecord,
  recordCompetence,
  updateCompetence,
  type CompetenceInput,
  type CompetenceRecordSummary,
  type CompetenceSummary,
} from "./competence.server.ts";
import {
  norm,
  orNone,
  readChoice,
  readChoices,
  readDay,
  readInt,
  readPerson,
  readText,
  theOnly,
  type ReadContext,
  type RegisterSheet,
} from "./register-sheets.server.ts";

/**
 * Competence as two sheets: the requirements (what each role and routine needs, and how long a
 * verification holds), and the trainings and verifications people have. Records are appended,
 * never changed: a record brought back changed is refused, a new row is a new record.
 */

/** A routine by its title or document number, when exactly one document has it. */
const readRoutine = (text: string, { db }: ReadContext) => {
  const found = db
    .select({ id: documents.id })
    .from(documents)
    .where(or(eq(documents.title, text.trim()), eq(documents.reference, text.trim())))
    .all();
  return theOnly(found, "unknownItem");
};

/** A competence requirement by its name. */
const readCompetence = (text: string, { db }: ReadContext) => {
  const found = db
    .select({ id: competences.id, name: competences.name })
    .from(competences)
    .all()
    .filter((c) => norm(c.name) === norm(text));
  return theOnly(found, "unknownItem");
};

export const competenceSheet: RegisterSheet<CompetenceSummary, CompetenceInput> = {
  key: "kompetenskrav",
  title: (t) => t("sheets.registers.competences"),
  idOf: (c) => c.id,
  find: (db, id) => getCompetence(db, id),
  columns: [
    {
      key: "name",
      header: (t) => t("competence.name"),
      value: (c) => c.name,
      read: readText(200),
      required: true,
      width: 30,
    },
    {
      key: "description",
      header: (t) => t("competence.description"),
      value: (c) => c.description,
      read: readText(2000),
      width: 40,
    },
    {
      key: "roles",
      header: (t) => t("competence.requiredOf"),
      value: (c, t) => c.roles.map((r) => t(`roles.${r}`)).join(", "),
      read: readChoices(roles, (t, v) => t(`roles.${v}`)),
      width: 30,
    },
    {
      key: "routine",
      header: (t) => t("competence.routine"),
      value: (c) => c.documentTitle ?? "",
      read: orNone(readRoutine),
      width: 30,
    },
    {
      key: "validMonths",
      header: (t) => t("competence.validMonths"),
      value: (c) => c.validMonths ?? "",
      read: orNone(readInt(1, 120)),
    },
  ],
  toInput: (v, existing) => ({
    name: (v.name ?? existing?.name) as string,
    description: (v.description ?? existing?.description ?? "") as string,
    roles: (v.roles ?? existing?.roles ?? []) as CompetenceInput["roles"],
    documentId: (v.routine !== undefined ? v.routine : (existing?.documentId ?? null)) as string | null,
    validMonths: (v.validMonths !== undefined ? v.validMonths : (existing?.validMonths ?? null)) as number | null,
  }),
  same: (c, i) =>
    c.name === i.name &&
    c.description === i.description &&
    c.roles.length === i.roles.length &&
    c.roles.every((r) => i.roles.includes(r)) &&
    c.documentId === i.documentId &&
    c.validMonths === i.validMonths,
  create: (db, actor, input) => createCompetence(db, actor, input),
  update: (db, actor, id, input) => updateCompetence(db, actor, id, input),
};

const recordKinds = ["training", ...verificationMethods] as const;
type RecordInput = Parameters<typeof recordCompetence>[2];

export const competenceRecordSheet: RegisterSheet<CompetenceRecordSummary, RecordInput> = {
  key: "kompetens",
  title: (t) => t("sheets.registers.competenceRecords"),
  idOf: (r) => r.id,
  find: (db, id) => getCompetenceRecord(db, id),
  columns: [
    {
      key: "competence",
      header: (t) => t("competence.competence"),
      value: (r) => r.competenceName,
      read: readCompetence,
      required: true,
      width: 30,
    },
    {
      key: "person",
      header: (t) => t("competence.person"),
      value: (r) => r.personName,
      read: readPerson,
      required: true,
    },
    {
      key: "kind",
      header: (t) => t("competence.kind"),
      value: (r, t) => t(`competence.kinds.${r.kind}`),
      read: readChoice(recordKinds, (t, v) => t(`competence.kinds.${v}`)),
      required: true,
      width: 30,
    },
    { key: "on", header: (t) => t("competence.on"), value: (r) => r.on, read: readDay, required: true },
    { key: "note", header: (t) => t("competence.note"), value: (r) => r.note, read: readText(2000), width: 40 },
  ],
  toInput: (v, existing) => ({
    competenceId: (v.competence ?? existing?.competenceId) as string,
    userId: (v.person ?? existing?.userId) as string,
    kind: (v.kind ?? existing?.kind) as RecordInput["kind"],
    on: (v.on ?? existing?.on) as string,
    note: (v.note ?? existing?.note ?? "") as string,
  }),
  same: (r, i) =>
    r.competenceId === i.competenceId &&
    r.userId === i.userId &&
    r.kind === i.kind &&
    r.on === i.on &&
    r.note === i.note,
  create: (db, actor, input) => recordCompetence(db, actor, input),
  update: () => {
    throw new CompetenceError("competence.recordFixed");
  },
};
