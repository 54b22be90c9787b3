/**
 * Every permission rule of Lots lives here, behind one function: `can(user, action, resource)`.
 * Loaders, actions, the collab endpoint and the reading view all ask it; none keeps a copy.
 */
import type { DocumentStatus, ParticipantRole, Role } from "#db/schema/index.ts";
import type { Section } from "#app/navigation.ts";

/** Who acts. The unit is known for signed-in people; rules that depend on it deny when it is not. */
export type Actor = { id: string; role: Role; unitId?: string | null };

export type Resource =
  | { type: "section"; section: Section }
  | { type: "user"; id: string; role: Role }
  | { type: "users" }
  | { type: "units" }
  | { type: "organisation" }
  | { type: "documents" }
  | {
      type: "document";
      status: DocumentStatus;
      ownerId: string;
      /** What the draft names the acting person as, if anything (documentResource reads it). */
      participation?: ParticipantRole | null;
    }
  | { type: "releases" }
  | { type: "reviewRound"; approverId: string; reviewerIds: readonly string[] }
  | { type: "trail" }
  /** One event of the trail, about a record of this kind. */
  | { type: "trailEvent"; subjectType: string }
  | { type: "actions" }
  | { type: "action"; ownerId: string; createdBy: string }
  | { type: "links" }
  | { type: "risks" }
  | { type: "risk"; ownerId: string; createdBy: string }
  | { type: "kpis" }
  | { type: "kpi"; ownerId: string }
  | { type: "overview" }
  | { type: "processes" }
  | { type: "deviations" }
  | { type: "checklists" }
  /** A checklist as one subject answers it: a role's list for one person, a unit's for one unit. */
  | { type: "checklist"; role: Role | null; unitId: string | null; subject: string }
  | { type: "checklist_round"; answeredBy: string; subject: string }
  | { type: "sam" }
  | { type: "audits" }
  | { type: "managementReviews" }
  | { type: "requirements" }
  | { type: "evidencePack" }
  | { type: "delegations" }
  | { type: "audit"; leadAuditorId: string; team: readonly string[] }
  | { type: "finding"; responsibleId: string }
  | { type: "sam_response"; unitId: string }
  | { type: "deviation"; reporterId: string; responsibleId: string | null }
  | { type: "process"; ownerId: string };

export type Action =
  | "view"
  | "manage"
  | "invite"
  | "changeRole"
  | "deactivate"
  | "handOver"
  | "create"
  | "read"
  | "readDraft"
  | "comment"
  | "edit"
  | "requestReview"
  | "approve"
  | "giveOpinion"
  | "acknowledge"
  | "verifyEffect"
  | "handle"
  | "answer";

const everyone: readonly Role[] = ["admin", "quality_manager", "process_owner", "auditor", "staff", "external_auditor"];
const allButStaff = everyone.filter((r) => r !== "staff");
/**
 * The external auditor's view is the evidence pack's material: what applies, processes, risks,
 * KPIs, actions, audits, reviews and requirements, never the register of drafts or of reports.
 */
const staffAndTeam = everyone.filter((r) => r !== "external_auditor");
const team = allButStaff.filter((r) => r !== "external_auditor");

/** Who may open each part of the system. Writing inside a section is decided per resource. */
export const sectionAccess: Record<Section, readonly Role[]> = {
  start: everyone,
  current: everyone,
  // The drafts a person is named on: the menu shows it to those who have any.
  myDrafts: staffAndTeam,
  documents: team,
  processes: everyone,
  risks: everyone,
  objectives: everyone,
  actions: everyone,
  deviations: staffAndTeam,
  audits: allButStaff,
  managementReviews: allButStaff,
  requirements: allButStaff,
  trail: ["admin", "quality_manager", "auditor", "external_auditor"],
  admin: ["admin", "quality_manager"],
};

const isAdmin = (user: Actor) => user.role === "admin";

/**
 * What an external auditor may send at all: they read, and change nothing but their own
 * session, language, password and notifications, acknowledgements of what they read, and a
 * fresh check of the trail (and what anyone may send before signing in). Every other state change is refused before any route runs.
 */
const guestWrites = [
  // The pages open to anyone: signing in (as someone else), resetting a password, an invitation.
  /^\/login$/,
  /^\/login\/kod$/,
  /^\/glomt-losenord$/,
  /^\/aterstall-losenord\//,
  /^\/inbjudan\//,
  /^\/logga-ut$/,
  /^\/sprak$/,
  /^\/konto$/,
  // A guest's own second factor, which the organisation may require of every role.
  /^\/konto\/tvastegs$/,
  /^\/konto\/nycklar\/alternativ$/,
  /^\/notiser$/,
  /^\/gallande\//,
  /^\/sparbarhet$/,
];

export function guestMaySend(role: Role, pathname: string): boolean {
  if (role !== "external_auditor") return true;
  // React Router's data requests carry a ".data" suffix on the page's path.
  const path = pathname.replace(/\.data$/, "").replace(/\/$/, "") || "/";
  return guestWrites.some((pattern) => pattern.test(path));
}

/** Who writes documents' content: the people who keep the system, not staff or guests. */
const authors: readonly Role[] = ["admin", "quality_manager", "process_owner", "auditor"];
/** Who keeps a document's register entry (title, owner, archiving) besides its owner. */
const documentKeepers: readonly Role[] = ["admin", "quality_manager"];
/** Who may be named to approve a release: people accountable for the system, never a reviewer alone. */
const approvers: readonly Role[] = ["admin", "quality_manager", "process_owner"];
/** Who triages, investigates and closes what staff report (besides the person made responsible). */
const reportHandlers = approvers;

/** What a person must be able to open to read the trail's events about a kind of record. */
const section = (s: Section): { action: Action; resource: Resource } => ({
  action: "view",
  resource: { type: "section", section: s },
});
const trailSubjects: Record<string, { action: Action; resource: Resource }> = {
  user: { action: "view", resource: { type: "users" } },
  invitation: { action: "view", resource: { type: "users" } },
  unit: { action: "view", resource: { type: "units" } },
  organisation: { action: "view", resource: { type: "organisation" } },
  // Drafts and their review rounds are the document keepers'; releases are everyone's.
  document: { action: "view", resource: { type: "documents" } },
  review: { action: "view", resource: { type: "documents" } },
  release: { action: "read", resource: { type: "releases" } },
  process: section("processes"),
  activity: section("processes"),
  risk: section("risks"),
  change_analysis: section("risks"),
  objective: section("objectives"),
  kpi: section("objectives"),
  action: section("actions"),
  report: { action: "read", resource: { type: "deviations" } },
  deviation: { action: "read", resource: { type: "deviations" } },
  checklist: { action: "read", resource: { type: "deviations" } },
  sam_follow_up: { action: "read", resource: { type: "sam" } },
  audit: section("audits"),
  audit_programme: section("audits"),
  finding: section("audits"),
  management_review: section("managementReviews"),
  meeting: section("requirements"),
  framework: section("requirements"),
  requirement: section("requirements"),
  context: section("requirements"),
  legal_requirement: section("requirements"),
  delegation: section("requirements"),
  competence: section("requirements"),
};

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
      // Passing someone's responsibilities on: those who keep the system, for anyone but themselves.
      if (action === "handOver") return (isAdmin(user) || user.role === "quality_manager") && resource.id !== user.id;
      return action === "view" && (isAdmin(user) || user.role === "quality_manager");
    case "units":
      if (action === "view") return sectionAccess.admin.includes(user.role);
      return action === "manage" && (isAdmin(user) || user.role === "quality_manager");
    case "organisation":
      if (action === "view") return sectionAccess.admin.includes(user.role);
      return action === "manage" && isAdmin(user);
    case "documents":
      if (action === "view") return sectionAccess.documents.includes(user.role);
      // Keeping the whole register (every document's periodic review) besides each owner their own.
      if (action === "manage") return documentKeepers.includes(user.role);
      return action === "create" && authors.includes(user.role);
    case "document": {
      const archived = resource.status === "archived";
      const named = !archived && resource.participation ? resource.participation : null;
      // Its releases: staff read what applies; an archived document is kept away from their use.
      if (action === "read") return !archived || user.role !== "staff";
      // The working draft belongs to those who keep documents and to the people it names.
      if (action === "readDraft") return authors.includes(user.role) || named !== null;
      if (action === "edit") return !archived && (authors.includes(user.role) || named === "editor");
      if (action === "comment") return !archived && (authors.includes(user.role) || named !== null);
      if (action === "manage") return documentKeepers.includes(user.role) || resource.ownerId === user.id;
      if (action === "requestReview") return !archived && authors.includes(user.role);
      return false;
    }
    case "releases":
      // Reading what applies and acknowledging it is for everyone; approving for approvers.
      if (action === "read" || action === "acknowledge") return sectionAccess.current.includes(user.role);
      return action === "approve" && approvers.includes(user.role);
    case "reviewRound":
      if (action === "approve") return resource.approverId === user.id && approvers.includes(user.role);
      return action === "giveOpinion" && resource.reviewerIds.includes(user.id);
    case "trail":
      return action === "view" && sectionAccess.trail.includes(user.role);
    case "trailEvent": {
      // Each reader of the trail sees the events about what they may open themselves.
      if (action !== "read" || !sectionAccess.trail.includes(user.role)) return false;
      const opens = trailSubjects[resource.subjectType];
      return opens !== undefined && can(user, opens.action, opens.resource);
    }
    case "actions":
      // Anyone working here may propose an action; a guest only reads the plan.
      if (action === "view") return sectionAccess.actions.includes(user.role);
      return action === "create" && user.role !== "external_auditor";
    case "action": {
      const keeps = documentKeepers.includes(user.role);
      if (action === "read") return sectionAccess.actions.includes(user.role);
      if (action === "edit") return keeps || resource.ownerId === user.id || resource.createdBy === user.id;
      // Whether it worked is judged by the owner or the quality manager, never by a guest.
      if (action === "verifyEffect") return keeps || resource.ownerId === user.id;
      return false;
    }
    case "risks":
      if (action === "view") return sectionAccess.risks.includes(user.role);
      // Risks are assessed by the people who keep the system; staff report what they see as deviations.
      // The scale every risk is scored on is the quality manager's to set.
      if (action === "manage") return documentKeepers.includes(user.role);
      return action === "create" && authors.includes(user.role);
    case "risk": {
      if (action === "read") return sectionAccess.risks.includes(user.role);
      const keeps = documentKeepers.includes(user.role);
      return action === "edit" && (keeps || resource.ownerId === user.id || resource.createdBy === user.id);
    }
    case "kpis":
      if (action === "view") return sectionAccess.objectives.includes(user.role);
      // Objectives and KPIs are set by those who steer: the quality manager, owners, admins.
      return action === "create" && approvers.includes(user.role);
    case "kpi":
      if (action === "read") return sectionAccess.objectives.includes(user.role);
      return action === "edit" && (documentKeepers.includes(user.role) || resource.ownerId === user.id);
    case "links":
      return action === "edit" && user.role !== "external_auditor" && user.role !== "staff";
    case "processes":
      if (action === "view") return sectionAccess.processes.includes(user.role);
      // Processes are set up by those who own and steer them.
      return action === "create" && approvers.includes(user.role);
    case "process":
      if (action === "read") return sectionAccess.processes.includes(user.role);
      return action === "edit" && (documentKeepers.includes(user.role) || resource.ownerId === user.id);
    case "deviations":
      if (action === "view") return sectionAccess.deviations.includes(user.role);
      // Anyone who works here reports; a guest only reads.
      if (action === "create") return user.role !== "external_auditor";
      // The register of everyone's reports is for those who handle or audit them.
      return action === "read" && reportHandlers.concat("auditor").includes(user.role);
    case "deviation": {
      const handles = reportHandlers.includes(user.role) || resource.responsibleId === user.id;
      if (action === "read") return handles || resource.reporterId === user.id || user.role === "auditor";
      return action === "handle" && handles;
    }
    case "checklists":
      // Everyone answers the checks set for their unit or role; those who steer set them up.
      if (action === "view") return sectionAccess.deviations.includes(user.role);
      return action === "create" && approvers.includes(user.role);
    case "checklist":
      // A role's checklist is answered by each person in the role, for themselves; a unit's by its people.
      if (action !== "answer") return false;
      if (resource.role) return resource.role === user.role && resource.subject === user.id;
      return (
        user.unitId != null &&
        resource.subject === user.unitId &&
        (resource.unitId === null || resource.unitId === resource.subject)
      );
    case "checklist_round":
      // A round's answers and photos: for the unit or person it was answered for, whoever answered,
      // those who follow up, and auditors.
      return (
        action === "read" &&
        ([resource.answeredBy, resource.subject].includes(user.id) ||
          (user.unitId != null && resource.subject === user.unitId) ||
          approvers.concat("auditor").includes(user.role))
      );
    case "sam":
      // The annual follow-up of the work environment is started and compiled by those who steer;
      // auditors and the safety organisation's readers follow it.
      if (action === "view") return user.role !== "external_auditor";
      if (action === "read") return approvers.concat("auditor").includes(user.role);
      return action === "manage" && approvers.includes(user.role);
    case "sam_response": {
      // A unit's answer is written together by its manager and safety representative: people of the unit.
      const ofUnit = user.unitId != null && user.unitId === resource.unitId;
      if (action === "read") return ofUnit || approvers.concat("auditor").includes(user.role);
      return action === "edit" && user.role !== "external_auditor" && (ofUnit || approvers.includes(user.role));
    }
    case "audits":
      if (action === "view") return sectionAccess.audits.includes(user.role);
      // Leading an audit, joining its team, answering for a finding: those who open the section, guests aside.
      if (action === "edit") return sectionAccess.audits.includes(user.role) && user.role !== "external_auditor";
      // The programme is the quality manager's to plan (with the admin).
      return action === "manage" && documentKeepers.includes(user.role);
    case "requirements":
      if (action === "view") return sectionAccess.requirements.includes(user.role);
      // Frameworks, their scope and what applies are kept by the quality manager (and the admin).
      return action === "manage" && documentKeepers.includes(user.role);
    case "delegations":
      // Managers hand work-environment tasks on; everyone who can open the requirements sees the chain.
      if (action === "view") return sectionAccess.requirements.includes(user.role);
      return action === "manage" && approvers.includes(user.role);
    case "evidencePack":
      // What an auditor or inspector is handed: for those who audit, and those who answer to them.
      return action === "view" && ["admin", "quality_manager", "auditor", "external_auditor"].includes(user.role);
    case "managementReviews":
      if (action === "view") return sectionAccess.managementReviews.includes(user.role);
      // Leadership's review is prepared and recorded by the quality manager (and the admin).
      return action === "manage" && documentKeepers.includes(user.role);
    case "audit": {
      const lead = resource.leadAuditorId === user.id;
      // The team records findings and writes the report; only the lead auditor verifies and closes.
      if (action === "edit") return lead || resource.team.includes(user.id) || documentKeepers.includes(user.role);
      return action === "approve" && lead;
    }
    case "finding":
      // The person responsible answers with root cause and actions, or the quality manager for them.
      return action === "handle" && (resource.responsibleId === user.id || documentKeepers.includes(user.role));
    case "overview":
      // The whole system at a glance is for those who answer for it: the quality manager and leadership.
      return action === "view" && documentKeepers.includes(user.role);
  }
}
