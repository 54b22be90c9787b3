import path from "node:path";
import { z } from "zod";

const flag = z.enum(["0", "1", "true", "false"]).transform((v) => v === "1" || v === "true");

const env = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  // Loopback by default: the demo accounts have a published password.
  HOST: z.string().min(1).default("127.0.0.1"),
  LOTS_DATA_DIR: z.string().min(1).default("./data"),
  LOTS_DEMO: flag.default(true),
  LOTS_PUBLIC_URL: z.url().optional(),
  LOTS_TRUST_PROXY: flag.default(false),
  LOTS_SMTP_URL: z.string().optional(),
  LOTS_MAIL_FROM: z.string().default("Lots <lots@localhost>"),
  LOTS_COLLAB_MAX_MESSAGE_BYTES: z.coerce
    .number()
    .int()
    .min(1024)
    .default(2 * 1024 * 1024),
  LOTS_COLLAB_COMPACT_EVERY: z.coerce.number().int().min(1).default(500),
  LOTS_COLLAB_IDLE_UNLOAD_MS: z.coerce.number().int().min(0).default(30_000),
  LOTS_LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
});

export type Config = {
  production: boolean;
  port: number;
  host: string;
  dataDir: string;
  demo: boolean;
  /** The public origin (scheme://host[:port]) when Lots runs behind a proxy. */
  publicOrigin: string | undefined;
  trustProxy: boolean;
  smtpUrl: string | undefined;
  mailFrom: string;
  logLevel: string;
  collab: { maxMessageBytes: number; compactEvery: number; idleUnloadMs: number };
};

export function loadConfig(source: NodeJS.ProcessEnv = process.env): Config {
  const parsed = env.safeParse(source);
  if (!parsed.success) {
    throw new Error(`Invalid configuration:\n${z.prettifyError(parsed.error)}`);
  }
  const e = parsed.data;
  return {
    production: e.NODE_ENV === "production",
    port: e.PORT,
    host: e.HOST,
    dataDir: path.resolve(e.LOTS_DATA_DIR),
    demo: e.LOTS_DEMO,
    publicOrigin: e.LOTS_PUBLIC_URL ? new URL(e.LOTS_PUBLIC_URL).origin : undefined,
    trustProxy: e.LOTS_TRUST_PROXY,
    smtpUrl: e.LOTS_SMTP_URL || undefined,
    mailFrom: e.LOTS_MAIL_FROM,
    logLevel: e.LOTS_LOG_LEVEL,
    collab: {
      maxMessageBytes: e.LOTS_COLLAB_MAX_MESSAGE_BYTES,
      compactEvery: e.LOTS_COLLAB_COMPACT_EVERY,
      idleUnloadMs: e.LOTS_COLLAB_IDLE_UNLOAD_MS,
    },
  };
}
