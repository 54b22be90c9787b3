import { beforeEach, describe, expect, it } from "vitest";
import { competenceState } from "#app/models/competence-rules.ts";
import { competenceMatrix, createCompetence, recordCompetence } from "#app/models/competence.server.ts";
import type { User } from "#app/models/users.server.ts";
import type { DbConnection } from "#db/client.ts";
import { createTestDb, makeUser } from "#tests/fixtures/db.ts";

describe("a person's competence", () => {
  const today = "2026-11-20";
  it("is verified only in practice; training alone leaves a gap where the role requires it", () => {
    expect(competenceState(true, [], null, today)).toEqual({ state: "missing", validUntil: null });
    expect(competenceState(true, [{ kind: "training", on: "2026-01-10" }], null, today).state).toBe("trained");
    expect(competenceState(false, [{ kind: "training", on: "2026-01-10" }], null, today).state).toBe("not_required");
    expect(competenceState(true, [{ kind: "observation", on: "2026-01-10" }], null, today)).toEqual({
      state: "verified",
      validUntil: null,
    });
  });

  it("expires after its validity, with a warning in the last two months", () => {
    expect(competenceState(true, [{ kind: "test", on: "2024-11-01" }], 24, today)).toEqual({
      state: "expired",
      validUntil: "2026-11-01",
    });
    expect(competenceState(true, [{ kind: "test", on: "2025-01-01" }], 24, today).state).toBe("expiring");
    expect(competenceState(true, [{ kind: "test", on: "2026-06-01" }], 24, today).state).toBe("verified");
  });
});

let db: DbConnection;
let qm: User;
let nurse: User;

beforeEach(async () => {
  db = createTestDb();
  qm = await makeUser(db, { role: "quality_manager" });
  nurse = await makeUser(db, { role: "staff" });
});

describe("the competence matrix", () => {
  it("shows each person's state per competence; nobody verifies themself", () => {
    const competence = createCompetence(db, qm, {
      name: "Läkemedelshantering",
      description: "",
      roles: ["staff"],
      documentId: null,
      validMonths: 24,
    });
    const now = new Date("2026-11-20T10:00:00");
    recordCompetence(
      db,
      qm,
      { competenceId: competence, userId: nurse.id, kind: "training", on: "2026-10-01", note: "" },
      now,
    );
    let row = competenceMatrix(db, now).rows.find((r) => r.id === nurse.id)!;
    expect(row.cells[0]!.state).toBe("trained");
    expect(() =>
      recordCompetence(
        db,
        qm,
        { competenceId: competence, userId: qm.id, kind: "observation", on: "2026-11-01", note: "x" },
        now,
      ),
    ).toThrow("competence.selfVerification");
    expect(() =>
      recordCompetence(
        db,
        qm,
        { competenceId: competence, userId: nurse.id, kind: "observation", on: "2026-11-01", note: " " },
        now,
      ),
    ).toThrow("competence.incomplete");
    recordCompetence(
      db,
      qm,
      {
        competenceId: competence,
        userId: nurse.id,
        kind: "double_staffing",
        on: "2026-11-01",
        note: "Två pass med Anna",
      },
      now,
    );
    row = competenceMatrix(db, now).rows.find((r) => r.id === nurse.id)!;
    expect(row.cells[0]).toMatchObject({ state: "verified", validUntil: "2028-11-01" });
    expect(competenceMatrix(db, now).rows.find((r) => r.id === qm.id)!.cells[0]!.state).toBe("not_required");
  });
});
