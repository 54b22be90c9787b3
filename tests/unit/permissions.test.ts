import { describe, expect, it } from "vitest";
import { can, guestMaySend } from "#app/auth/permissions.server.ts";
import { sections, type Section } from "#app/navigation.ts";
import { roles, type Role } from "#app/domain/values.ts";

const actor = (role: Role) => ({ id: `id-${role}`, role });

/** The role matrix as the product promises it (README, "What each role may do"). */
const visibleSections: Record<Role, Section[]> = {
  admin: [...sections],
  quality_manager: [...sections],
  process_owner: sections.filter((s) => s !== "admin" && s !== "trail"),
  auditor: sections.filter((s) => s !== "admin"),
  staff: ["start", "current", "myDrafts", "processes", "risks", "objectives", "actions", "deviations"],
  external_auditor: sections.filter((s) => !["admin", "documents", "deviations", "myDrafts"].includes(s)),
};

describe("the role matrix", () => {
  for (const role of roles) {
    for (const section of sections) {
      const expected = visibleSections[role].includes(section);
      it(`${role} ${expected ? "may" : "may not"} open ${section}`, () => {
        expect(can(actor(role), "view", { type: "section", section })).toBe(expected);
      });
    }
  }

  it("nobody signed out may do anything", () => {
    for (const section of sections) expect(can(null, "view", { type: "section", section })).toBe(false);
    expect(can(undefined, "invite", { type: "users" })).toBe(false);
  });

  it("only an admin invites people, changes roles and deactivates accounts", () => {
    const target = { type: "user", id: "someone", role: "staff" } as const;
    for (const role of roles) {
      const isAdmin = role === "admin";
      expect(can(actor(role), "invite", { type: "users" }), role).toBe(isAdmin);
      expect(can(actor(role), "changeRole", target), role).toBe(isAdmin);
      expect(can(actor(role), "deactivate", target), role).toBe(isAdmin);
    }
  });

  it("the admin and the quality manager see who has access; no one else does", () => {
    for (const role of roles) {
      const expected = role === "admin" || role === "quality_manager";
      expect(can(actor(role), "view", { type: "users" }), role).toBe(expected);
      expect(can(actor(role), "view", { type: "user", id: "x", role: "staff" }), role).toBe(expected);
    }
  });

  it("an admin cannot change their own role or lock themselves out", () => {
    const admin = actor("admin");
    expect(can(admin, "changeRole", { type: "user", id: admin.id, role: "admin" })).toBe(false);
    expect(can(admin, "deactivate", { type: "user", id: admin.id, role: "admin" })).toBe(false);
  });

  it("units are kept by the admin and the quality manager; the organisation by the admin", () => {
    for (const role of roles) {
      expect(can(actor(role), "manage", { type: "units" }), role).toBe(role === "admin" || role === "quality_manager");
      expect(can(actor(role), "manage", { type: "organisation" }), role).toBe(role === "admin");
    }
  });

  it("only admins, quality managers and process owners can be named approvers; only the named one approves", () => {
    for (const role of roles) {
      const eligible = role === "admin" || role === "quality_manager" || role === "process_owner";
      expect(can(actor(role), "approve", { type: "releases" }), role).toBe(eligible);
      const named = { type: "reviewRound", approverId: actor(role).id, reviewerIds: [] } as const;
      expect(can(actor(role), "approve", named), role).toBe(eligible);
      expect(can(actor(role), "approve", { ...named, approverId: "someone-else" }), role).toBe(false);
    }
  });

  it("only the named reviewers give an opinion on a candidate", () => {
    const review = { type: "reviewRound", approverId: "a", reviewerIds: ["id-auditor"] } as const;
    expect(can(actor("auditor"), "giveOpinion", review)).toBe(true);
    expect(can(actor("quality_manager"), "giveOpinion", review)).toBe(false);
  });

  it("staff and guests read and acknowledge releases but never request a review", () => {
    const document = { type: "document", status: "draft", ownerId: "x" } as const;
    for (const role of ["staff", "external_auditor"] as const) {
      expect(can(actor(role), "read", { type: "releases" }), role).toBe(true);
      expect(can(actor(role), "acknowledge", { type: "releases" }), role).toBe(true);
      expect(can(actor(role), "requestReview", document), role).toBe(false);
    }
    expect(can(actor("process_owner"), "requestReview", document)).toBe(true);
    expect(can(actor("process_owner"), "requestReview", { ...document, status: "archived" })).toBe(false);
  });

  it("a working draft is read by those who keep documents and by the people it names; releases by everyone", () => {
    const draft = { type: "document", status: "draft", ownerId: "x" } as const;
    const archived = { ...draft, status: "archived" } as const;
    // role → [readDraft, comment, edit] as an unnamed person, then as a named commenter and editor.
    const expected: Record<Role, [boolean, boolean, boolean]> = {
      admin: [true, true, true],
      quality_manager: [true, true, true],
      process_owner: [true, true, true],
      auditor: [true, true, true],
      staff: [false, false, false],
      external_auditor: [false, false, false],
    };
    const triple = (
      role: Role,
      resource: typeof draft | typeof archived | (typeof draft & { participation: "editor" | "commenter" }),
    ) => (["readDraft", "comment", "edit"] as const).map((a) => can(actor(role), a, resource));
    for (const role of roles) {
      expect(triple(role, draft), role).toEqual(expected[role]);
      expect(can(actor(role), "read", draft), `${role} reads the releases`).toBe(true);
    }
    expect(triple("staff", { ...draft, participation: "commenter" })).toEqual([true, true, false]);
    expect(triple("staff", { ...draft, participation: "editor" })).toEqual([true, true, true]);
    // An archived document names nobody: participation ends with the draft's life.
    expect(triple("staff", { ...archived, participation: "editor" } as typeof archived)).toEqual([false, false, false]);
    expect(can(actor("staff"), "read", archived)).toBe(false);
    // Naming someone does not make them a keeper: they never manage or request a review.
    const named = { ...draft, participation: "editor" } as const;
    expect(can(actor("staff"), "manage", named)).toBe(false);
    expect(can(actor("staff"), "requestReview", named)).toBe(false);
  });

  it("the external auditor sends nothing that changes the system: only their session, language, account, notifications, acknowledgements and a trail check", () => {
    for (const path of ["/logga-ut", "/sprak", "/konto", "/notiser.data", "/gallande/abc/1.0", "/sparbarhet", "/login"])
      expect(guestMaySend("external_auditor", path), path).toBe(true);
    for (const path of [
      "/krav",
      "/krav/abc.data",
      "/atgarder/ny",
      "/lankar",
      "/dokument/abc",
      "/revision/granskningar/x",
    ])
      expect(guestMaySend("external_auditor", path), path).toBe(false);
    expect(guestMaySend("staff", "/atgarder/ny")).toBe(true);
  });

  it("the external auditor, a read-only guest, may change nothing", () => {
    const guest = actor("external_auditor");
    expect(can(guest, "invite", { type: "users" })).toBe(false);
    expect(can(guest, "manage", { type: "units" })).toBe(false);
    expect(can(guest, "manage", { type: "organisation" })).toBe(false);
  });

  it("the management overview on Start is for the quality manager and the admin only", () => {
    const allowed = roles.filter((role) => can(actor(role), "view", { type: "overview" }));
    expect(allowed).toEqual(["admin", "quality_manager"]);
  });

  it("a unit's SAM answer is written by people of that unit, or by those who steer; guests never write it", () => {
    const inUnit = (role: Role) => ({ ...actor(role), unitId: "lager" });
    const response = { type: "sam_response" as const, unitId: "lager" };
    expect(can(inUnit("staff"), "edit", response)).toBe(true);
    expect(can({ ...actor("staff"), unitId: "kontor" }, "edit", response)).toBe(false);
    // A person whose unit is not known is not taken to belong to any.
    expect(can(actor("staff"), "read", response)).toBe(false);
    expect(can(actor("quality_manager"), "edit", response)).toBe(true);
    expect(can(inUnit("external_auditor"), "edit", response)).toBe(false);
    expect(roles.filter((role) => can(actor(role), "manage", { type: "sam" }))).toEqual([
      "admin",
      "quality_manager",
      "process_owner",
    ]);
  });

  it("an answered check is read by its unit, whoever answered it, and those who follow up", () => {
    const round = { type: "checklist_round" as const, answeredBy: "id-staff", subject: "lager" };
    expect(can(actor("staff"), "read", round)).toBe(true);
    expect(can({ id: "someone", role: "staff", unitId: "lager" }, "read", round)).toBe(true);
    expect(can({ id: "someone", role: "staff", unitId: "kontor" }, "read", round)).toBe(false);
    expect(can(actor("auditor"), "read", round)).toBe(true);
  });
});
