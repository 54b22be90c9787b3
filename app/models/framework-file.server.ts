import { FrameworkImportError } from "./requirements.server.ts";
import { readSheet } from "./spreadsheet.server.ts";

/** Larger files are refused before they are read. */
export const MAX_FRAMEWORK_FILE_BYTES = 2 * 1024 * 1024;

/**
 * Requirement rows from an uploaded file: JSON (a list of {code, title, parent}, or an object
 * holding one under "requirements") or a CSV/Excel sheet with those columns, header optional.
 */
export async function requirementRowsOf(file: File): Promise<unknown[]> {
  const bytes = new Uint8Array(await file.arrayBuffer());
  if (/\.json$/i.test(file.name)) {
    try {
      const parsed: unknown = JSON.parse(new TextDecoder().decode(bytes));
      const list = Array.isArray(parsed) ? parsed : (parsed as { requirements?: unknown }).requirements;
      return Array.isArray(list) ? list : [];
    } catch {
      throw new FrameworkImportError([{ key: "frameworks.import.unreadable" }]);
    }
  }
  const sheet = await readSheet(bytes, file.name);
  const header = (sheet[0] ?? []).map((h) => h.trim().toLowerCase());
  const hasHeader = header.includes("code") || header.includes("kod");
  return sheet.slice(hasHeader ? 1 : 0).map(([code, title, parent]) => ({ code, title, parent }));
}

/** The uploaded file of a form, or why it cannot be read: missing or too large. */
export function uploadedFile(form: FormData, name = "file"): File | { key: string } {
  const file = form.get(name);
  if (!(file instanceof File) || file.size === 0) return { key: "validation.required" };
  if (file.size > MAX_FRAMEWORK_FILE_BYTES) return { key: "frameworks.import.tooLarge" };
  return file;
}
