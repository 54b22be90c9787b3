import type { Db } from "#db/client.ts";
import { can, type Actor } from "#app/auth/permissions.server.ts";
import { sectionPaths, sections } from "#app/navigation.ts";
import type { Locale } from "#db/schema/index.ts";
import { unreadCount } from "./notifications.server.ts";
import { draftsNaming } from "./participants.server.ts";
import { getOrganisation } from "./organisation.server.ts";

/** What the application's frame shows a signed-in person: organisation, who they are, their menu. */
export function appShell(db: Db, user: Actor & { name: string; locale: Locale }) {
  return {
    organisationName: getOrganisation(db)?.name ?? "Lots",
    user: { name: user.name, role: user.role, locale: user.locale },
    unread: unreadCount(db, user.id),
    // Reporting a deviation is the one thing everyone who works here must find at once.
    canReport: can(user, "create", { type: "deviations" }),
    nav: sections
      .filter((section) => can(user, "view", { type: "section", section }))
      .filter((section) => section !== "myDrafts" || draftsNaming(db, user.id).length > 0)
      .map((section) => ({ section, path: sectionPaths[section] })),
  };
}
