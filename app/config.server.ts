import path from "node:path";
import { z } from "zod";
import type { SessionPolicy } from "#app/auth/sessions.server.ts";

const flag = z.enum(["0", "1", "true", "false"]).transform((v) => v === "1" || v === "true");

const env = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  // Loopback by default: the demo accounts have a published password.
  HOST: z.string().min(1).default("127.0.0.1"),
  LOTS_DATA_DIR: z.string().min(1).default("./data"),
  LOTS_DEMO: flag.default(true),
  LOTS_PUBLIC_URL: z.url().optional(),
  // How many proxies stand in front of Lots (a number), or their addresses (a comma list).
  LOTS_TRUST_PROXY: z.string().default("0"),
  // Further host names Lots answers to besides the public URL's and loopback, comma-separated.
  LOTS_ALLOWED_HOSTS: z.string().default(""),
  LOTS_SESSION_IDLE_MINUTES: z.coerce
    .number()
    .int()
    .min(1)
    .max(7 * 24 * 60)
    .default(30),
  LOTS_SESSION_MAX_HOURS: z.coerce
    .number()
    .int()
    .min(1)
    .max(90 * 24)
    .default(12),
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
  // The organisation's OpenID Provider for automated installs; set, it wins over Administration.
  LOTS_OIDC_ISSUER: z.url().optional(),
  LOTS_OIDC_CLIENT_ID: z.string().min(1).optional(),
  LOTS_OIDC_CLIENT_SECRET: z.string().min(1).optional(),
});

export type Config = {
  production: boolean;
  port: number;
  host: string;
  dataDir: string;
  demo: boolean;
  /** The public origin (scheme://host[:port]) when Lots runs behind a proxy. */
  publicOrigin: string | undefined;
  /** Express's "trust proxy": false, a number of hops, or the proxies' addresses. Never "all". */
  trustProxy: TrustProxy;
  /** Host names (lower case, no port) that requests may name; any other is refused. */
  servedHosts: ReadonlySet<string>;
  session: SessionPolicy;
  smtpUrl: string | undefined;
  mailFrom: string;
  logLevel: string;
  collab: { maxMessageBytes: number; compactEvery: number; idleUnloadMs: number };
  /** The OpenID Provider given by the environment, if any. */
  oidc: { issuer: string; clientId: string; clientSecret: string } | undefined;
};

export type TrustProxy = false | number | string[];

/** Loopback names are always served: a DNS-rebinding page names its own host, never these. */
const LOOPBACK_HOSTS = ["localhost", "127.0.0.1", "[::1]"];
const WILDCARD_HOSTS = new Set(["0.0.0.0", "::", "[::]"]);

export function parseTrustProxy(value: string): TrustProxy {
  const v = value.trim();
  if (v === "" || v === "0" || v === "false") return false;
  // "true" once meant "trust every hop", which lets a client write its own address.
  if (v === "true") return 1;
  if (/^\d+$/.test(v)) return Number(v);
  return v
    .split(",")
    .map((a) => a.trim())
    .filter(Boolean);
}

/** The host name of a Host header or URL host, lower case and without the port. */
export function hostName(host: string): string {
  const h = host.trim().toLowerCase();
  if (h.startsWith("[")) return h.slice(0, h.indexOf("]") + 1);
  return h.split(":")[0] ?? "";
}

export function loadConfig(source: NodeJS.ProcessEnv = process.env): Config {
  const parsed = env.safeParse(source);
  if (!parsed.success) {
    throw new Error(`Invalid configuration:\n${z.prettifyError(parsed.error)}`);
  }
  const e = parsed.data;
  const publicOrigin = e.LOTS_PUBLIC_URL ? new URL(e.LOTS_PUBLIC_URL).origin : undefined;
  if (e.LOTS_SMTP_URL && !publicOrigin) {
    throw new Error(
      "LOTS_SMTP_URL is set but LOTS_PUBLIC_URL is not: links in mails must point to the address people use.\n" +
        "Set LOTS_PUBLIC_URL, e.g. LOTS_PUBLIC_URL=https://lots.foretaget.se",
    );
  }
  const oidcSet = [e.LOTS_OIDC_ISSUER, e.LOTS_OIDC_CLIENT_ID, e.LOTS_OIDC_CLIENT_SECRET].filter(Boolean).length;
  if (oidcSet !== 0 && oidcSet !== 3) {
    throw new Error(
      "LOTS_OIDC_ISSUER, LOTS_OIDC_CLIENT_ID and LOTS_OIDC_CLIENT_SECRET go together: set all three or none.",
    );
  }
  const trustProxy = parseTrustProxy(e.LOTS_TRUST_PROXY);
  if (trustProxy !== false && !publicOrigin) {
    throw new Error(
      "LOTS_TRUST_PROXY is set but LOTS_PUBLIC_URL is not: behind a proxy Lots must be told the address people use.\n" +
        "Set LOTS_PUBLIC_URL, e.g. LOTS_PUBLIC_URL=https://lots.foretaget.se",
    );
  }
  const servedHosts = new Set(
    [
      ...LOOPBACK_HOSTS,
      ...(publicOrigin ? [new URL(publicOrigin).host] : []),
      ...(WILDCARD_HOSTS.has(e.HOST) ? [] : [e.HOST]),
      ...e.LOTS_ALLOWED_HOSTS.split(","),
    ]
      .map(hostName)
      .filter(Boolean),
  );
  return {
    production: e.NODE_ENV === "production",
    port: e.PORT,
    host: e.HOST,
    dataDir: path.resolve(e.LOTS_DATA_DIR),
    demo: e.LOTS_DEMO,
    publicOrigin,
    trustProxy,
    servedHosts,
    session: { idleMs: e.LOTS_SESSION_IDLE_MINUTES * 60_000, maxMs: e.LOTS_SESSION_MAX_HOURS * 3_600_000 },
    smtpUrl: e.LOTS_SMTP_URL || undefined,
    mailFrom: e.LOTS_MAIL_FROM,
    logLevel: e.LOTS_LOG_LEVEL,
    collab: {
      maxMessageBytes: e.LOTS_COLLAB_MAX_MESSAGE_BYTES,
      compactEvery: e.LOTS_COLLAB_COMPACT_EVERY,
      idleUnloadMs: e.LOTS_COLLAB_IDLE_UNLOAD_MS,
    },
    oidc:
      e.LOTS_OIDC_ISSUER && e.LOTS_OIDC_CLIENT_ID && e.LOTS_OIDC_CLIENT_SECRET
        ? { issuer: e.LOTS_OIDC_ISSUER, clientId: e.LOTS_OIDC_CLIENT_ID, clientSecret: e.LOTS_OIDC_CLIENT_SECRET }
        : undefined,
  };
}
