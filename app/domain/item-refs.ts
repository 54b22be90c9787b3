import type { LinkableKind } from "#app/domain/values.ts";

/**
 * Where an item of the management system lives. Shared by the server (Linked panels, released
 * HTML) and the browser (editor chips), so a link to an item looks the same wherever it is made.
 */
export function itemHref(kind: LinkableKind, rawId: string): string {
  // Ids come from documents people write; in a path they stay one segment, whatever they hold.
  const id = encodeURIComponent(rawId);
  switch (kind) {
    case "document":
      return `/gallande/${id}`;
    case "risk":
      return `/risker/${id}`;
    case "kpi":
      return `/mal/nyckeltal/${id}`;
    case "objective":
      return `/mal#objective-${id}`;
    case "action":
      return `/atgarder/${id}`;
    case "process":
      return `/processer/${id}`;
    case "deviation":
      return `/avvikelser/${id}`;
    case "change_analysis":
      return `/risker/andringar/${id}`;
    case "meeting":
      return `/krav/delaktighet#meeting-${id}`;
    case "requirement":
      return `/krav/krav/${id}`;
    case "management_review":
      return `/ledningens-genomgang/${id}`;
    case "finding":
      return `/revision/fynd/${id}`;
    case "sam_follow_up":
      return `/avvikelser/sam/${id}`;
    default:
      return "/start";
  }
}

/** The kinds a `#` chip in a document can point at. */
export const chipKinds = ["risk", "kpi", "action"] as const satisfies readonly LinkableKind[];
export type ChipKind = (typeof chipKinds)[number];
