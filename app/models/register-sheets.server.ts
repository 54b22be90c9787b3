import { isValid, parse } from "date-fns";
import { eq } from "drizzle-orm";
import type { Actor } from "#app/auth/permissions.server.ts";
import { locales, type Locale } from "#app/domain/values.ts";
import { translator } from "#app/i18n/translator.server.ts";
import { type Db, writeTransaction } from "#db/client.ts";
import { units, users } from "#db/schema/index.ts";
import { DomainError } from "./errors.ts";
import { writeSheet, type Cell, type SheetFormat } from "./spreadsheet.server.ts";

/**
 * Registers as Excel, both ways. A register describes its columns once; export writes what the
 * list shows, headed in the reader's language, with each item's Lots id first; import reads a
 * sheet in either language, names every problem by row and column, and saves all rows or none.
 * A row with a Lots id updates that item; a row without one creates a new item, so a sheet
 * exported, edited in Excel and imported again changes the same items instead of copying them.
 */

export type T = ReturnType<typeof translator>;

export type ProblemCode =
  | "required"
  | "tooLong"
  | "notANumber"
  | "outOfRange"
  | "unknownChoice"
  | "unknownPerson"
  | "unknownUnit"
  | "unknownItem"
  | "notADate"
  | "formula"
  | "merged"
  | "unknownId"
  | "repeatedId"
  | "unknownColumn"
  | "repeatedColumn"
  | "missingColumn"
  | "noRows"
  | "tooManyRows"
  | "refused";

/** Where a problem is: the sheet's own row number (1 is the header) and column header. */
export type Problem = { row: number; column: string; code: ProblemCode; value?: string; message?: string };

type Read<V> = { ok: true; value: V } | { ok: false; code: ProblemCode };
const ok = <V>(value: V): Read<V> => ({ ok: true, value });
const no = (code: ProblemCode): Read<never> => ({ ok: false, code });

/** The one item a cell names; none or several found is the problem given. */
export const theOnly = (found: { id: string }[], code: ProblemCode): Read<string> =>
  found.length === 1 ? ok(found[0]!.id) : no(code);

/** What a reader may look up, once per sheet rather than once per cell. */
export type ReadContext = { db: Db; memo: Map<string, unknown> };

export function once<V>(context: ReadContext, key: string, load: () => V): V {
  if (!context.memo.has(key)) context.memo.set(key, load());
  return context.memo.get(key) as V;
}

export type Column<Item> = {
  key: string;
  header: (t: T) => string;
  value: (item: Item, t: T) => string | number;
  /** How an import reads the cell; a column without one is shown but not imported (a number Lots gives). */
  read?: (text: string, context: ReadContext) => Read<unknown>;
  required?: boolean;
  width?: number;
};

/** A register that goes out to Excel only (deviations: their reports stay in Lots). */
export type ExportSheet<Item> = {
  title: (t: T) => string;
  columns: Column<Item>[];
  idOf: (item: Item) => string;
};

export type RegisterSheet<Item, Input> = {
  /** The register's name in addresses (/register/risker/…). */
  key: string;
  title: (t: T) => string;
  columns: Column<Item>[];
  idOf: (item: Item) => string;
  find: (db: Db, id: string) => Item | undefined;
  toInput: (values: Record<string, unknown>, existing: Item | undefined) => Input;
  /** Whether the row would change nothing, so an unchanged row is left alone. */
  same: (item: Item, input: Input) => boolean;
  create: (db: Db, actor: Actor, input: Input) => string;
  update: (db: Db, actor: Actor, id: string, input: Input, existing: Item) => void;
};

export const ID_COLUMN = "id";
const idHeader = (t: T) => t("sheets.id");
const MAX_ROWS = 2000;

// ---- Cell readers, shared by every register ----

export const readText =
  (max: number) =>
  (text: string): Read<string> =>
    text.length > max ? no("tooLong") : ok(text);

export const readInt =
  (min: number, max: number) =>
  (text: string): Read<number> => {
    const n = Number(text.replace(",", "."));
    if (!Number.isFinite(n) || !Number.isInteger(n)) return no("notANumber");
    return n < min || n > max ? no("outOfRange") : ok(n);
  };

export const readNumber = (text: string): Read<number> => {
  const n = Number(text.replace(/\s/g, "").replace(",", "."));
  return Number.isFinite(n) ? ok(n) : no("notANumber");
};

/** A day as Excel or a person writes it (2026-03-01, 1/3/2026, 1.3.2026), as YYYY-MM-DD. */
export const readDay = (text: string): Read<string> => {
  for (const pattern of ["yyyy-MM-dd", "d/M/yyyy", "d.M.yyyy", "yyyyMMdd"]) {
    const date = parse(text.slice(0, 10), pattern, new Date(2000, 0, 1));
    if (isValid(date) && date.getFullYear() > 1950 && date.getFullYear() < 2200) {
      return ok(
        `${date.getFullYear()}-${String(date.getMonth() + 1).padStart(2, "0")}-${String(date.getDate()).padStart(2, "0")}`,
      );
    }
  }
  return no("notADate");
};

/** How a cell and a name are compared: trimmed, case aside. */
export const norm = (text: string) => text.trim().toLocaleLowerCase("sv");

/** One of a fixed list, written as its code or as its name in Swedish or English. */
export const readChoice =
  <V extends string>(values: readonly V[], label: (t: T, value: V) => string) =>
  (text: string): Read<V> => {
    const wanted = norm(text);
    const found = values.find(
      (v) => norm(v) === wanted || locales.some((locale) => norm(label(translator(locale), v)) === wanted),
    );
    return found ? ok(found) : no("unknownChoice");
  };

/** Several of a fixed list, separated by commas or semicolons; an empty cell is none. */
export const readChoices =
  <V extends string>(values: readonly V[], label: (t: T, value: V) => string) =>
  (text: string): Read<V[]> => {
    const one = readChoice(values, label);
    const chosen: V[] = [];
    for (const part of text
      .split(/[,;]/)
      .map((p) => p.trim())
      .filter(Boolean)) {
      const read = one(part);
      if (!read.ok) return read;
      if (!chosen.includes(read.value)) chosen.push(read.value);
    }
    return ok(chosen);
  };

/** Yes or no, in either language (Ja/Nej, Yes/No) or as 1/0. */
export const readYesNo = (text: string): Read<boolean> => {
  const wanted = norm(text);
  const said = (answer: "yes" | "no") =>
    wanted === (answer === "yes" ? "1" : "0") ||
    locales.some((locale) => norm(translator(locale)(`common.${answer}`)) === wanted);
  if (said("yes")) return ok(true);
  return said("no") ? ok(false) : no("unknownChoice");
};

/** A cell that may be left empty (read as null) and is otherwise read as `read` reads it. */
export const orNone =
  <V>(read: (text: string, context: ReadContext) => Read<V>) =>
  (text: string, context: ReadContext): Read<V | null> =>
    text ? read(text, context) : ok(null);

/** An active person, by name or e-mail, who is the only one with it. */
export const readPerson = (text: string, context: ReadContext): Read<string> => {
  const wanted = norm(text);
  const people = once(context, "people", () =>
    context.db
      .select({ id: users.id, name: users.name, email: users.email })
      .from(users)
      .where(eq(users.active, true))
      .all(),
  );
  return theOnly(
    people.filter((u) => norm(u.name) === wanted || norm(u.email) === wanted),
    "unknownPerson",
  );
};

/** A unit by its name; an empty cell is the whole organisation. */
export const readUnit = (text: string, { db }: ReadContext): Read<string | null> => {
  if (!text) return ok(null);
  const found = db
    .select({ id: units.id, name: units.name })
    .from(units)
    .all()
    .filter((u) => norm(u.name) === norm(text));
  return theOnly(found, "unknownUnit");
};

// ---- Export ----

export function writeRegister<Item>(
  sheet: ExportSheet<Item>,
  items: Item[],
  locale: Locale,
  format: SheetFormat = "xlsx",
): Promise<Buffer> {
  const t = translator(locale);
  return writeSheet(
    sheet.title(t).slice(0, 31),
    [idHeader(t), ...sheet.columns.map((c) => c.header(t))],
    items.map((item) => [sheet.idOf(item), ...sheet.columns.map((c) => c.value(item, t))]),
    format,
    (i) => (i === 0 ? 18 : (sheet.columns[i - 1]?.width ?? 18)),
  );
}

// ---- Import ----

export type PreviewRow = { row: number; id: string | null; action: "create" | "update" | "unchanged"; label: string };
export type SheetPreview = { rows: PreviewRow[]; problems: Problem[] };

type ReadRow<Input> = PreviewRow & { input: Input };

/** Which column of the sheet is which of the register's, by its header in either language. */
function mapHeaders<Item>(sheet: Pick<RegisterSheet<Item, unknown>, "columns">, header: Cell[], problems: Problem[]) {
  const known = new Map<string, string>();
  for (const locale of locales) {
    const t = translator(locale);
    known.set(norm(idHeader(t)), ID_COLUMN);
    for (const column of sheet.columns) known.set(norm(column.header(t)), column.key);
  }
  known.set(ID_COLUMN, ID_COLUMN);
  const at = new Map<string, number>();
  header.forEach((cell, i) => {
    if (!cell.text && !cell.merged) return;
    const key = known.get(norm(cell.text));
    const column = cell.text || `#${i + 1}`;
    if (cell.merged) problems.push({ row: 1, column, code: "merged" });
    else if (!key) problems.push({ row: 1, column, code: "unknownColumn" });
    else if (at.has(key)) problems.push({ row: 1, column, code: "repeatedColumn" });
    else at.set(key, i);
  });
  return at;
}

function readRows<Item, Input>(
  db: Db,
  sheet: RegisterSheet<Item, Input>,
  cells: Cell[][],
  locale: Locale,
): { rows: ReadRow<Input>[]; problems: Problem[] } {
  const t = translator(locale);
  const problems: Problem[] = [];
  const [header = [], ...body] = cells;
  const at = mapHeaders(sheet, header, problems);
  const headerOf = (key: string) =>
    key === ID_COLUMN ? idHeader(t) : (sheet.columns.find((c) => c.key === key)?.header(t) ?? key);
  for (const column of sheet.columns) {
    if (column.required && column.read && !at.has(column.key)) {
      problems.push({ row: 1, column: column.header(t), code: "missingColumn" });
    }
  }
  const filled = body.map((row, i) => ({ row, number: i + 2 })).filter(({ row }) => row.some((c) => c.text));
  if (filled.length === 0) problems.push({ row: 2, column: "", code: "noRows" });
  if (filled.length > MAX_ROWS) problems.push({ row: MAX_ROWS + 2, column: "", code: "tooManyRows" });
  if (problems.length > 0) return { rows: [], problems };

  const seen = new Set<string>();
  const rows: ReadRow<Input>[] = [];
  const context: ReadContext = { db, memo: new Map() };
  for (const { row, number } of filled) {
    const before = problems.length;
    const cellOf = (key: string) => {
      const index = at.get(key);
      return index === undefined ? undefined : row[index];
    };
    for (const [key, index] of at) {
      const cell = row[index];
      if (cell?.formula) problems.push({ row: number, column: headerOf(key), code: "formula", value: cell.text });
      else if (cell?.merged) problems.push({ row: number, column: headerOf(key), code: "merged" });
    }
    const id = cellOf(ID_COLUMN)?.text || null;
    const existing = id ? sheet.find(db, id) : undefined;
    if (id && !existing) {
      // Its other cells would only repeat that the row is not a new item: one problem says it.
      problems.push({ row: number, column: idHeader(t), code: "unknownId", value: id });
      continue;
    }
    if (id && seen.has(id)) problems.push({ row: number, column: idHeader(t), code: "repeatedId", value: id });
    if (id) seen.add(id);
    const values: Record<string, unknown> = {};
    for (const column of sheet.columns) {
      if (!column.read) continue;
      const cell = cellOf(column.key);
      // A column left out of the sheet keeps the item's value; a new item needs every required one.
      if (cell === undefined && existing) continue;
      const text = cell?.text ?? "";
      if (!text && column.required) {
        problems.push({ row: number, column: column.header(t), code: "required" });
        continue;
      }
      const read = column.read(text, context);
      if (read.ok) values[column.key] = read.value;
      else problems.push({ row: number, column: column.header(t), code: read.code, value: text.slice(0, 80) });
    }
    if (problems.length > before) continue;
    const input = sheet.toInput(values, existing);
    rows.push({
      row: number,
      id,
      action: !existing ? "create" : sheet.same(existing, input) ? "unchanged" : "update",
      label: String(values.title ?? values.name ?? (existing ? sheet.columns[1]?.value(existing, t) : "") ?? ""),
      input,
    });
  }
  return { rows, problems };
}

/** What importing the sheet would do, row by row, and every problem by row and column. */
export function previewRegister<Item, Input>(
  db: Db,
  sheet: RegisterSheet<Item, Input>,
  cells: Cell[][],
  locale: Locale,
): SheetPreview {
  const { rows, problems } = readRows(db, sheet, cells, locale);
  return { rows: rows.map(({ input: _input, ...row }) => row), problems };
}

export class SheetImportError extends Error {
  constructor(public readonly problems: Problem[]) {
    super("sheet import refused");
  }
}

/**
 * Saves every row, or none: the sheet is read again (never trusting the preview), and a rule
 * that refuses any one row (a scale, a permission) rolls back the whole import.
 */
export function saveRegister<Item, Input>(
  db: Db,
  actor: Actor,
  sheet: RegisterSheet<Item, Input>,
  cells: Cell[][],
  locale: Locale,
): { created: number; updated: number; unchanged: number } {
  const { rows, problems } = readRows(db, sheet, cells, locale);
  if (problems.length > 0) throw new SheetImportError(problems);
  const t = translator(locale);
  return writeTransaction(db, (tx) => {
    const counts = { created: 0, updated: 0, unchanged: 0 };
    for (const row of rows) {
      try {
        if (row.action === "create") {
          sheet.create(tx, actor, row.input);
          counts.created++;
        } else if (row.action === "update") {
          sheet.update(tx, actor, row.id!, row.input, sheet.find(tx, row.id!)!);
          counts.updated++;
        } else counts.unchanged++;
      } catch (error) {
        if (!(error instanceof DomainError)) throw error;
        throw new SheetImportError([
          { row: row.row, column: "", code: "refused", message: t(error.messageKey as "errors.risk.notFound") },
        ]);
      }
    }
    return counts;
  });
}
