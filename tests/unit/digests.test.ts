import pino from "pino";
import { beforeEach, describe, expect, it } from "vitest";
import { createAction } from "#app/models/actions.server.ts";
import { sendDigests } from "#app/models/digests.server.ts";
import type { Mailer } from "#app/models/mail.server.ts";
import { notify } from "#app/models/notifications.server.ts";
import { updateProfile, type User } from "#app/models/users.server.ts";
import type { DbConnection } from "#db/client.ts";
import { createTestDb, makeUser } from "#tests/fixtures/db.ts";

let db: DbConnection;
let owner: User;
let sent: { to: string; subject: string; text: string }[];
const mailer: Mailer = {
  enabled: true,
  send: async (message) => void sent.push(message),
  enqueue: () => undefined,
  idle: () => Promise.resolve(),
};
const logger = pino({ level: "silent" });
// A Monday morning and the afternoon of the same day, in the server's time zone.
const monday = new Date(2026, 10, 23, 8, 0);
const later = new Date(2026, 10, 23, 15, 0);

beforeEach(async () => {
  db = createTestDb();
  sent = [];
  owner = await makeUser(db, { role: "process_owner", name: "Per Persson" });
  createAction(db, owner, {
    title: "Märk gångarna",
    reason: "Tillbud",
    source: "improvement",
    ownerId: owner.id,
    unitId: null,
    dueOn: "2026-11-25",
    effectPlan: "Stickprov",
    effectMeasure: "Tillbud per månad",
    effectCheckOn: "2027-02-01",
  });
});

describe("e-mail digests", () => {
  it("tell each person once a day what waits for them, with links, in their language", async () => {
    const colleague = await makeUser(db, { role: "quality_manager", name: "Karin Kvist" });
    notify(
      db,
      { kind: "mention", actorId: colleague.id, recipients: [owner.id], link: "/dokument/d1", text: "Se över" },
      monday,
    );
    expect(await sendDigests(db, mailer, "https://lots.example.se", logger, monday)).toBe(1);
    expect(sent).toHaveLength(1);
    expect(sent[0]!.to).toBe(owner.email);
    expect(sent[0]!.subject).toBe("Lots: 2 saker väntar på dig");
    expect(sent[0]!.text).toContain("Hej Per!");
    expect(sent[0]!.text).toContain("Åtgärd 1. Märk gångarna");
    expect(sent[0]!.text).toContain("Karin Kvist nämnde dig i en kommentar: Se över");
    expect(sent[0]!.text).toContain("https://lots.example.se/dokument/d1");
    // Nothing waits for Karin, so she gets nothing; and nobody gets a second digest today.
    expect(await sendDigests(db, mailer, "https://lots.example.se", logger, later)).toBe(0);
    expect(sent).toHaveLength(1);
  });

  it("respect a person's choice and the morning hour, and stay silent without SMTP", async () => {
    const early = new Date(2026, 10, 23, 5, 0);
    expect(await sendDigests(db, mailer, "https://x", logger, early)).toBe(0);
    expect(await sendDigests(db, { ...mailer, enabled: false }, "https://x", logger, monday)).toBe(0);
    updateProfile(db, owner.id, { name: owner.name, locale: "en", digest: "weekly" });
    const tuesday = new Date(2026, 10, 24, 8, 0);
    expect(await sendDigests(db, mailer, "https://x", logger, tuesday)).toBe(0);
    expect(await sendDigests(db, mailer, "https://x", logger, monday)).toBe(1);
    expect(sent[0]!.subject).toBe("Lots: 1 thing waits for you");
    updateProfile(db, owner.id, { name: owner.name, locale: "sv", digest: "never" });
    expect(await sendDigests(db, mailer, "https://x", logger, new Date(2026, 10, 30, 8, 0))).toBe(0);
  });
});
