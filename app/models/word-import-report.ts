/**
 * The words of an import report, shared by the server that writes it and the pages that show it.
 */

/** What Word can hold that Lots cannot; each is counted in the report. */
export const lostKinds = [
  "textBoxes",
  "smartArt",
  "charts",
  "trackedChanges",
  "comments",
  "embeddedObjects",
  "equations",
  "imagesNotShown",
] as const;
export type LostKind = (typeof lostKinds)[number];

export const keptKinds = ["headings", "paragraphs", "lists", "tables", "images", "links", "footnotes"] as const;
export type KeptKind = (typeof keptKinds)[number];

export const detailKinds = ["reference", "version", "owner", "approvedBy", "validFrom"] as const;
export type DetailKind = (typeof detailKinds)[number];

export type ImportReport = {
  kept: Partial<Record<KeptKind, number>>;
  lost: Partial<Record<LostKind, number>>;
  /** The register details found in the file, as written there (dates as YYYY-MM-DD). */
  details: Partial<Record<DetailKind, string>>;
  /** Where the details were found: removed from the text, since the register now holds them. */
  detailsFrom: "table" | "header" | "lines" | null;
};
