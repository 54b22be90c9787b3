import { beforeEach, describe, expect, it } from "vitest";
import { newSubmissionKey, once, onceTo, SUBMISSION_FIELD } from "#app/models/submissions.server.ts";
import type { User } from "#app/models/users.server.ts";
import type { DbConnection } from "#db/client.ts";
import { createTestDb, makeUser } from "#tests/fixtures/db.ts";

let db: DbConnection;
let person: User;
let other: User;

const formWith = (key: string | null) => {
  const form = new FormData();
  form.set("title", "Ny risk");
  if (key !== null) form.set(SUBMISSION_FIELD, key);
  return form;
};

beforeEach(async () => {
  db = createTestDb();
  person = await makeUser(db);
  other = await makeUser(db);
});

describe("a form sent twice", () => {
  it("is carried out once, and the repeat leads where the first one did", () => {
    const form = formWith(newSubmissionKey());
    let created = 0;
    const create = () => `/risker/r${++created}`;
    expect(onceTo(db, person.id, form, create)).toBe("/risker/r1");
    expect(onceTo(db, person.id, form, create)).toBe("/risker/r1");
    expect(created).toBe(1);
  });

  it("does nothing the second time when the answer is the page itself", () => {
    const form = formWith(newSubmissionKey());
    let done = 0;
    once(db, person.id, form, () => void done++);
    once(db, person.id, form, () => void done++);
    expect(done).toBe(1);
  });

  it("keeps its key when the work is refused, so the corrected form goes through", () => {
    const form = formWith(newSubmissionKey());
    expect(() =>
      once(db, person.id, form, () => {
        throw new Error("refused");
      }),
    ).toThrow("refused");
    let done = 0;
    once(db, person.id, form, () => void done++);
    expect(done).toBe(1);
  });

  it("tells apart two forms of one page sent before the page was renewed: both are carried out", () => {
    const key = newSubmissionKey();
    const investigate = new FormData();
    investigate.set("intent", "investigate");
    investigate.set(SUBMISSION_FIELD, key);
    const timeline = new FormData();
    timeline.set("intent", "timeline");
    timeline.set("text", "Pallen staplades");
    timeline.set(SUBMISSION_FIELD, key);
    let done = 0;
    expect(once(db, person.id, investigate, () => void done++)).toBe(true);
    expect(once(db, person.id, timeline, () => void done++)).toBe(true);
    expect(once(db, person.id, timeline, () => void done++)).toBe(false);
    expect(done).toBe(2);
  });

  it("is one person's: another person's key, or a form without one, is carried out each time", () => {
    const key = newSubmissionKey();
    let done = 0;
    once(db, person.id, formWith(key), () => void done++);
    once(db, other.id, formWith(key), () => void done++);
    once(db, person.id, formWith(null), () => void done++);
    once(db, person.id, formWith(null), () => void done++);
    once(db, person.id, formWith("not a key"), () => void done++);
    expect(done).toBe(5);
  });
});
