/**
 * The fixed vocabularies of the schema, without Drizzle: browser code imports them from here,
 * so table definitions (and drizzle-orm) never reach the client bundle.
 */
export const roles = ["admin", "quality_manager", "process_owner", "auditor", "staff", "external_auditor"] as const;
export type Role = (typeof roles)[number];

export const locales = ["sv", "en"] as const;
export type Locale = (typeof locales)[number];

export const documentTypes = ["policy", "routine", "instruction", "plan", "audit_report"] as const;
export type DocumentType = (typeof documentTypes)[number];

export const documentAreas = ["quality", "environment", "work_environment", "information_security"] as const;
export type DocumentArea = (typeof documentAreas)[number];

/** Where a controlled document is in its life; review and release states arrive with document control. */
export const documentStatuses = ["draft", "archived"] as const;
export type DocumentStatus = (typeof documentStatuses)[number];

/** A document's register entry, as forms edit it and the model stores it. */
export type DocumentDetails = {
  title: string;
  type: DocumentType;
  ownerId: string;
  unitId: string | null;
  areas: DocumentArea[];
  tags: string[];
};
