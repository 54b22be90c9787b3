import nodemailer from "nodemailer";
import type { Logger } from "pino";

export type Mail = { to: string; subject: string; text: string };

/** Work that decides, after the response has gone, whether a mail goes out and what it says. */
export type MailJob = () => Mail | null | Promise<Mail | null>;

export type Mailer = {
  /** False when no SMTP server is configured: callers then show links to copy instead. */
  enabled: boolean;
  send(message: Mail): Promise<void>;
  /**
   * Runs the job after the current request has been answered and sends what it returns,
   * trying again when the SMTP server fails. A request that queues a job answers in the same
   * time whatever the job finds (an address with an account or not).
   */
  enqueue(job: MailJob): void;
  /** Resolves once every queued job has been sent or given up on (for tests and shutdown). */
  idle(): Promise<void>;
};

/** Waits before the second, third and fourth try: a short SMTP outage loses nothing. */
export const RETRY_DELAYS_MS = [2_000, 30_000, 5 * 60_000];

export function createMailer(options: {
  smtpUrl?: string;
  from: string;
  logger: Logger;
  retryDelaysMs?: readonly number[];
}): Mailer {
  const { logger } = options;
  const retryDelays = options.retryDelaysMs ?? RETRY_DELAYS_MS;
  const transport = options.smtpUrl ? nodemailer.createTransport(options.smtpUrl) : undefined;
  const send = async (message: Mail) => {
    if (!transport) throw new Error("SMTP is not configured");
    await transport.sendMail({ from: options.from, ...message });
    logger.info({ subject: message.subject }, "mail sent");
  };

  let pending = 0;
  let waiters: (() => void)[] = [];
  const settle = () => {
    pending -= 1;
    if (pending > 0) return;
    for (const wake of waiters) wake();
    waiters = [];
  };
  const attempt = async (message: Mail, tries: number): Promise<void> => {
    try {
      await send(message);
      settle();
    } catch (err) {
      const delay = retryDelays[tries];
      if (delay === undefined) {
        logger.error({ err, subject: message.subject }, "mail given up after retries");
        settle();
        return;
      }
      logger.warn({ err, subject: message.subject, retryInMs: delay }, "mail failed; will retry");
      setTimeout(() => void attempt(message, tries + 1), delay).unref();
    }
  };

  return {
    enabled: Boolean(transport),
    send,
    enqueue(job) {
      if (!transport) return;
      pending += 1;
      // A timer, not a microtask: the response is written before the job's own work starts.
      setTimeout(() => {
        Promise.resolve()
          .then(job)
          .then((message) => (message ? attempt(message, 0) : settle()))
          .catch((err: unknown) => {
            logger.error({ err }, "mail job failed");
            settle();
          });
      }, 0);
    },
    idle: () => (pending === 0 ? Promise.resolve() : new Promise((resolve) => waiters.push(resolve))),
  };
}
