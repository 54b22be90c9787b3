import { beforeEach, describe, expect, it } from "vitest";
import { chainProblems } from "#app/models/delegation-rules.ts";
import { delegate, delegationRegister, moveDelegation } from "#app/models/delegations.server.ts";
import { createUnit } from "#app/models/units.server.ts";
import type { User } from "#app/models/users.server.ts";
import type { DbConnection } from "#db/client.ts";
import { createTestDb, makeUser } from "#tests/fixtures/db.ts";

describe("the delegation chain", () => {
  it("finds a task held twice for a unit, and a task handed back and not given again", () => {
    const at = (day: number) => new Date(2026, 0, day);
    expect(
      chainProblems([
        { task: "Skyddsronder", unitId: "lager", status: "accepted", delegatedAt: at(1) },
        { task: "skyddsronder ", unitId: "lager", status: "accepted", delegatedAt: at(2) },
        { task: "Skyddsronder", unitId: "kontor", status: "accepted", delegatedAt: at(1) },
        { task: "Tillbudsutredning", unitId: null, status: "accepted", delegatedAt: at(1) },
        { task: "Tillbudsutredning", unitId: null, status: "returned", delegatedAt: at(3) },
      ]),
    ).toEqual([
      { kind: "overlap", task: "Skyddsronder", unitId: "lager" },
      { kind: "gap", task: "Tillbudsutredning", unitId: null },
    ]);
  });
});

let db: DbConnection;
let ceo: User;
let manager: User;
let unitId: string;

beforeEach(async () => {
  db = createTestDb();
  ceo = await makeUser(db, { role: "admin" });
  unitId = createUnit(db, ceo, { name: "Lager", parentId: null }).id;
  manager = await makeUser(db, { role: "process_owner", unitId });
});

describe("delegating a work-environment task", () => {
  it("is accepted in writing by the recipient, returned with a reason, and kept as history", async () => {
    const input = {
      task: "Skyddsronder",
      unitId,
      toUserId: manager.id,
      authority: "Beställa åtgärder upp till 20 000 kr",
      resources: "Fyra timmar i månaden",
      knowledge: "BAM-utbildning 2025",
    };
    expect(() => delegate(db, ceo, { ...input, knowledge: " " })).toThrow("delegation.incomplete");
    expect(() => delegate(db, ceo, { ...input, toUserId: ceo.id })).toThrow("delegation.self");
    const staff = await makeUser(db, { role: "staff", unitId });
    expect(() => delegate(db, ceo, { ...input, toUserId: staff.id })).toThrow("delegation.recipient");
    const id = delegate(db, ceo, input);
    expect(() => moveDelegation(db, ceo, id, "accept")).toThrow("delegation.notAllowed");
    moveDelegation(db, manager, id, "accept");
    expect(() => moveDelegation(db, manager, id, "return", " ")).toThrow("delegation.incomplete");
    moveDelegation(db, manager, id, "return", "Byter tjänst");
    expect(() => moveDelegation(db, manager, id, "accept")).toThrow("delegation.moveNotAllowed");
    const { delegations, problems } = delegationRegister(db);
    expect(delegations[0]).toMatchObject({ status: "returned", endReason: "Byter tjänst" });
    expect(delegations[0]!.acceptedAt).not.toBeNull();
    expect(problems).toMatchObject([{ kind: "gap", task: "Skyddsronder", unitName: "Lager" }]);
  });
});
