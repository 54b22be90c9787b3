import nodemailer from "nodemailer";
import type { Logger } from "pino";

export type Mailer = {
  /** False when no SMTP server is configured: callers then show links to copy instead. */
  enabled: boolean;
  send(message: { to: string; subject: string; text: string }): Promise<void>;
};

export function createMailer(options: { smtpUrl?: string; from: string; logger: Logger }): Mailer {
  if (!options.smtpUrl) {
    return {
      enabled: false,
      send: async () => {
        throw new Error("SMTP is not configured");
      },
    };
  }
  const transport = nodemailer.createTransport(options.smtpUrl);
  return {
    enabled: true,
    async send(message) {
      await transport.sendMail({ from: options.from, ...message });
      options.logger.info({ to: message.to, subject: message.subject }, "mail sent");
    },
  };
}
