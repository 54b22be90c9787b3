import type { AddressInfo } from "node:net";
import pino from "pino";
import { SMTPServer } from "smtp-server";
import { beforeEach, describe, expect, it } from "vitest";
import { isWeakPassword, withStrongPassword } from "#app/auth/password-strength.server.ts";
import { passwordPair } from "#app/auth/schemas.ts";
import { confirmPassword, signIn } from "#app/auth/sign-in.server.ts";
import { createMailer, type MailJob, type Mailer } from "#app/models/mail.server.ts";
import { requestPasswordReset } from "#app/models/password-resets.server.ts";
import { changePassword } from "#app/models/users.server.ts";
import type { DbConnection } from "#db/client.ts";
import { passwordResets } from "#db/schema/index.ts";
import { createTestDb, makeUser } from "#tests/fixtures/db.ts";

let db: DbConnection;
beforeEach(() => {
  db = createTestDb();
});

describe("new passwords", () => {
  const weak = [
    "1234567890",
    "password12",
    "qwertyuiop",
    "Password123!",
    "iloveyou2026",
    "abcdefghij",
    "aaaaaaaaaaaa",
    "1qaz2wsx3edc",
    "sommar2026",
    "losenord123",
  ];
  it.each(weak)("refuse the common or leaked %j", (password) => expect(isWeakPassword(password)).toBe(true));

  it("refuse a password made of the person's own name and address", () => {
    expect(isWeakPassword("annaandersson", ["Anna Andersson", "anna.andersson@exempel.se"])).toBe(true);
  });

  it.each(["ett eget lösenord", "korven på bryggan", "Tre gröna ankor simmar", "lots-demo-2026"])(
    "accept a phrase of own words %j",
    (password) => expect(isWeakPassword(password)).toBe(false),
  );

  it("are refused in the form with a message, not an error page", () => {
    const result = withStrongPassword(passwordPair).safeParse({ password: "password1234", confirm: "password1234" });
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]).toMatchObject({ path: ["password"], message: "validation.passwordWeak" });
  });
});

describe("every password check goes through the sign-in throttle", () => {
  it("the current-password check on the account page slows down after a few wrong guesses", async () => {
    const user = await makeUser(db, { password: "old password 123" });
    const now = new Date("2026-06-01T10:00:00Z");
    const outcomes: string[] = [];
    for (let i = 0; i < 6; i++) {
      try {
        await changePassword(db, user.id, { currentPassword: `guess ${i}`, newPassword: "x", ip: "10.9.9.9" }, now);
      } catch (error) {
        outcomes.push((error as { code: string }).code);
      }
    }
    expect(outcomes.slice(0, 3)).toEqual(["user.wrongPassword", "user.wrongPassword", "user.wrongPassword"]);
    expect(outcomes.slice(4)).toContain("user.throttled");
    // Even the right password waits now: guessing cannot be sped up by mixing in the real one.
    await expect(
      changePassword(db, user.id, { currentPassword: "old password 123", newPassword: "x", ip: "10.9.9.9" }, now),
    ).rejects.toMatchObject({ code: "user.throttled" });
  });

  it("sign-in and the account page share one count per account", async () => {
    const user = await makeUser(db, { email: "delad@exempel.se", password: "old password 123" });
    const now = new Date("2026-06-01T10:00:00Z");
    for (let i = 0; i < 4; i++) {
      await signIn(db, { email: "delad@exempel.se", password: `guess ${i}`, ip: `10.0.0.${i}` }, now);
    }
    const check = await confirmPassword(db, user, { password: "old password 123" }, now);
    expect(check).toMatchObject({ ok: false, reason: "throttled" });
  });
});

describe("forgot password", () => {
  it("answers before it looks the address up: the same work whether or not it has an account", async () => {
    await makeUser(db, { email: "finns@exempel.se" });
    const jobs: MailJob[] = [];
    const mailer: Mailer = {
      enabled: true,
      send: () => Promise.resolve(),
      enqueue: (job) => void jobs.push(job),
      idle: () => Promise.resolve(),
    };
    requestPasswordReset(db, mailer, { email: "finns@exempel.se", ip: "10.0.0.1", origin: "https://lots.example.se" });
    requestPasswordReset(db, mailer, { email: "ingen@exempel.se", ip: "10.0.0.1", origin: "https://lots.example.se" });
    // Nothing was looked up or written for either while the person waited.
    expect(db.select().from(passwordResets).all()).toHaveLength(0);
    expect(jobs).toHaveLength(2);
    const [known, unknown] = await Promise.all(jobs.map((job) => job()));
    expect(known?.text).toContain("https://lots.example.se/aterstall-losenord/");
    expect(unknown).toBeNull();
  });

  it("a mail the SMTP server refuses is tried again, and arrives", async () => {
    let attempts = 0;
    const delivered: string[] = [];
    const smtp = new SMTPServer({
      authOptional: true,
      disabledCommands: ["STARTTLS", "AUTH"],
      onData(stream, session, callback) {
        stream.resume();
        stream.on("end", () => {
          attempts += 1;
          if (attempts === 1) return callback(Object.assign(new Error("try later"), { responseCode: 451 }));
          delivered.push(session.envelope.rcptTo[0]!.address);
          callback();
        });
      },
    });
    await new Promise<void>((resolve) => smtp.listen(0, "127.0.0.1", resolve));
    const { port } = smtp.server.address() as AddressInfo;
    const mailer = createMailer({
      smtpUrl: `smtp://127.0.0.1:${port}`,
      from: "Lots <lots@exempel.se>",
      logger: pino({ level: "silent" }),
      retryDelaysMs: [10, 10],
    });
    mailer.enqueue(() => ({ to: "anna@exempel.se", subject: "Återställ", text: "länk" }));
    await mailer.idle();
    await new Promise<void>((resolve) => smtp.close(resolve));
    expect(attempts).toBe(2);
    expect(delivered).toEqual(["anna@exempel.se"]);
  });
});
