import type { AddressInfo } from "node:net";
import pino from "pino";
import { SMTPServer } from "smtp-server";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createInvitation, invitationLink, mailInvitation } from "#app/models/invitations.server.ts";
import { createMailer, type Mailer } from "#app/models/mail.server.ts";
import { ensureOrganisation } from "#app/models/organisation.server.ts";
import { findPasswordReset, requestPasswordReset } from "#app/models/password-resets.server.ts";
import type { DbConnection } from "#db/client.ts";
import { createTestDb, makeUser } from "#tests/fixtures/db.ts";

type Received = { to: string[]; raw: string };
const inbox: Received[] = [];
let smtp: SMTPServer;
let mailer: Mailer;
let db: DbConnection;

beforeAll(async () => {
  smtp = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS", "AUTH"],
    onData(stream, session, callback) {
      let raw = "";
      stream.on("data", (chunk: Buffer) => (raw += chunk.toString()));
      stream.on("end", () => {
        inbox.push({ to: session.envelope.rcptTo.map((r) => r.address), raw });
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => smtp.listen(0, "127.0.0.1", resolve));
  const { port } = smtp.server.address() as AddressInfo;
  mailer = createMailer({
    smtpUrl: `smtp://127.0.0.1:${port}`,
    from: "Lots <lots@exempel.se>",
    logger: pino({ level: "silent" }),
  });
});

afterAll(() => new Promise<void>((resolve) => smtp.close(resolve)));

beforeEach(() => {
  inbox.length = 0;
  db = createTestDb();
  ensureOrganisation(db, "Exempelbolaget AB");
});

/** The body of a received mail, with quoted-printable soft line breaks and escapes undone. */
const body = (mail: Received) =>
  mail.raw
    .replace(/=\r?\n/g, "")
    .replace(/=([0-9A-F]{2})/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));

describe("mail over SMTP", () => {
  it("sends an invitation in Swedish with the organisation, the role and the one-time link", async () => {
    const admin = await makeUser(db, { role: "admin" });
    const { token, invitation } = createInvitation(db, admin, {
      email: "ny@exempel.se",
      name: "Nora Ny",
      role: "auditor",
      unitId: null,
      accessExpiresAt: null,
    });
    const link = invitationLink("https://lots.exempel.se", token);
    await mailInvitation(db, mailer, { ...invitation, link });
    expect(inbox).toHaveLength(1);
    expect(inbox[0]!.to).toEqual(["ny@exempel.se"]);
    expect(body(inbox[0]!)).toContain(link);
    expect(body(inbox[0]!)).toContain("Exempelbolaget AB");
  });

  it("sends a reset link in the person's own language, which works once", async () => {
    await makeUser(db, { email: "anna@exempel.se", locale: "en" });
    requestPasswordReset(db, mailer, {
      email: "Anna@Exempel.se",
      ip: "10.0.0.1",
      origin: "https://lots.exempel.se",
    });
    await mailer.idle();
    expect(inbox).toHaveLength(1);
    expect(inbox[0]!.raw).toMatch(/Subject: Reset your Lots password/);
    const token = /aterstall-losenord\/([a-z0-9]+)/.exec(body(inbox[0]!))?.[1];
    expect(token).toBeTruthy();
    expect(findPasswordReset(db, token!).usedAt).toBeNull();
  });

  it("sends nothing for an unknown address, and stops a flood of requests", async () => {
    requestPasswordReset(db, mailer, { email: "ingen@exempel.se", ip: "10.0.0.2", origin: "https://x" });
    await mailer.idle();
    expect(inbox).toHaveLength(0);
    await makeUser(db, { email: "bo@exempel.se" });
    for (let i = 0; i < 10; i++) {
      requestPasswordReset(db, mailer, { email: "bo@exempel.se", ip: `10.0.1.${i}`, origin: "https://x" });
    }
    await mailer.idle();
    expect(inbox.length).toBeLessThanOrEqual(4);
    expect(inbox.length).toBeGreaterThan(0);
  });
});
