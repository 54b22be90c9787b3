/** The parts of the management system, in the order the navigation shows them. */
export const sections = [
  "start",
  "current",
  "myDrafts",
  "documents",
  "processes",
  "risks",
  "objectives",
  "actions",
  "deviations",
  "audits",
  "managementReviews",
  "requirements",
  "trail",
  "admin",
] as const;
export type Section = (typeof sections)[number];

/** Swedish, stable URLs (docs/ARCHITECTURE.md, contracts). */
export const sectionPaths: Record<Section, string> = {
  start: "/start",
  current: "/gallande",
  myDrafts: "/mina-utkast",
  documents: "/dokument",
  processes: "/processer",
  risks: "/risker",
  objectives: "/mal",
  actions: "/atgarder",
  deviations: "/avvikelser",
  audits: "/revision",
  managementReviews: "/ledningens-genomgang",
  requirements: "/krav",
  trail: "/sparbarhet",
  admin: "/admin",
};
