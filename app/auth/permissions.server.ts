/**
 * Every permission rule of Lots lives here, behind one function: `can(user, action, resource)`.
 * Loaders, actions, the collab endpoint and the reading view all ask it; none keeps a copy.
 */
import type { Role } from "#db/schema/index.ts";
import type { Section } from "#app/navigation.ts";

export type Actor = { id: string; role: Role };

export type Resource =
  | { type: "section"; section: Section }
  | { type: "user"; id: string; role: Role }
  | { type: "users" }
  | { type: "units" }
  | { type: "organisation" };

export type Action = "view" | "manage" | "invite" | "changeRole" | "deactivate";

const everyone: readonly Role[] = ["admin", "quality_manager", "process_owner", "auditor", "staff", "external_auditor"];
const allButStaff = everyone.filter((r) => r !== "staff");

/** Who may open each part of the system. Writing inside a section is decided per resource. */
export const sectionAccess: Record<Section, readonly Role[]> = {
  start: everyone,
  current: everyone,
  documents: allButStaff,
  processes: everyone,
  risks: everyone,
  objectives: everyone,
  actions: everyone,
  deviations: everyone,
  audits: allButStaff,
  reviews: allButStaff,
  requirements: allButStaff,
  admin: ["admin", "quality_manager"],
};

const isAdmin = (user: Actor) => user.role === "admin";

export function can(user: Actor | null | undefined, action: Action, resource: Resource): boolean {
  if (!user) return false;
  switch (resource.type) {
    case "section":
      return action === "view" && sectionAccess[resource.section].includes(user.role);
    case "users":
      // The quality manager sees who is in the system; only an admin changes it.
      if (action === "view") return isAdmin(user) || user.role === "quality_manager";
      return action === "invite" && isAdmin(user);
    case "user":
      // Nobody changes their own role or deactivates themselves: no accidental lock-out.
      if (action === "changeRole" || action === "deactivate") {
        return isAdmin(user) && resource.id !== user.id;
      }
      return action === "view" && (isAdmin(user) || user.role === "quality_manager");
    case "units":
      if (action === "view") return sectionAccess.admin.includes(user.role);
      return action === "manage" && (isAdmin(user) || user.role === "quality_manager");
    case "organisation":
      if (action === "view") return sectionAccess.admin.includes(user.role);
      return action === "manage" && isAdmin(user);
  }
}
