import http from "node:http";
import path from "node:path";
import type { ServerBuild } from "react-router";
import { loadConfig } from "#app/config.server.ts";
import { deleteExpiredSessions } from "#app/auth/sessions.server.ts";
import { createMailer } from "#app/models/mail.server.ts";
import { ensureOrganisation } from "#app/models/organisation.server.ts";
import { startCheckpointer } from "#db/checkpointer.ts";
import { databaseFile, migrateDatabase, openDatabase } from "#db/client.ts";
import { seedDemo } from "#scripts/seed/demo.ts";
import { sendReviewDueNotices, type ReviewDueTexts } from "#app/models/review-dates.server.ts";
import { sendDigests } from "#app/models/digests.server.ts";
import { purgeExpiredContacts } from "#app/models/deviations.server.ts";
import { endExpiredParticipation } from "#app/models/participants.server.ts";
import { sendSamReminders } from "#app/models/sam.server.ts";
import { sendCycleReminders } from "#app/models/annual-cycle.server.ts";
import { checkSessionsAtProvider } from "#app/auth/single-sign-on.server.ts";
import { getSignInSettings } from "#app/models/sign-in-settings.server.ts";
import { translator } from "#app/i18n/translator.server.ts";
import { formatDate } from "#app/utils/dates.ts";
import { createApp, staticAssets, catalogueHrefs } from "./app.ts";
import { attachCollab } from "./collab/endpoint.ts";
import { createLogger } from "./logger.ts";

const config = loadConfig();
const logger = createLogger(config.logLevel);

const dbFile = databaseFile(config.dataDir);
const db = openDatabase(dbFile, { backgroundCheckpoints: true });
const stopCheckpoints = startCheckpointer(dbFile, 1000, (message) => logger.error({ message }, "checkpoint failed"));
migrateDatabase(db);
if (config.demo) {
  if (await seedDemo(db))
    logger.warn(
      "seeded the demo organisation: its accounts share a published password (LOTS_DEMO=0 for a real install)",
    );
} else {
  ensureOrganisation(db, "Organisation");
}
deleteExpiredSessions(db);

const server = http.createServer();
let build: ServerBuild | (() => Promise<ServerBuild>);
let assets;
let catalogues = {};
if (config.production) {
  const buildDir = path.resolve("build");
  build = (await import(path.join(buildDir, "server/index.js"))) as ServerBuild;
  assets = staticAssets(buildDir);
  catalogues = catalogueHrefs(buildDir);
} else {
  const vite = await import("vite").then((v) =>
    v.createServer({ server: { middlewareMode: true, hmr: { server } }, appType: "custom" }),
  );
  build = () => vite.ssrLoadModule("virtual:react-router/server-build") as Promise<ServerBuild>;
  assets = [vite.middlewares];
}

const reviewDueTexts: ReviewDueTexts = (locale) => {
  const t = translator(locale);
  return {
    subject: (title) => t("control.reviewDueSubject", { title }),
    body: (title, day) => t("control.reviewDueText", { title, date: formatDate(day, locale) }),
  };
};

const mailer = createMailer({ smtpUrl: config.smtpUrl, from: config.mailFrom, logger });
/**
 * Where people reach Lots, for every absolute link it writes: the configured public URL, or
 * this machine's own address (mail, which leaves the machine, needs the public URL; see config).
 */
function siteOrigin(): string {
  if (config.publicOrigin) return config.publicOrigin;
  const address = server.address();
  const port = typeof address === "object" && address ? address.port : config.port;
  const host = ["0.0.0.0", "::"].includes(config.host) ? "localhost" : config.host;
  return `http://${host.includes(":") ? `[${host}]` : host}:${port}`;
}

const collab = attachCollab(server, { db, config, logger });
server.on(
  "request",
  createApp({ db, config, logger, mailer, collab, build, assets, siteOrigin, catalogueHrefs: catalogues }),
);

// An idle kept-alive connection is closed by whichever side waits less, and a request sent on it
// just then is reset. Node's 5 s made that Lots, often; waiting longer than a proxy keeps its
// upstream connections (nginx 60 s) leaves the closing to the other side.
server.keepAliveTimeout = 65_000;
server.headersTimeout = 66_000;

server.listen(config.port, config.host, () => {
  logger.info({ url: siteOrigin(), dataDir: config.dataDir }, "Lots is listening");
  startReviewDueNotices(siteOrigin());
  startDigests(siteOrigin());
  startProviderChecks();
});

/** E-mail digests: checked every hour; each person gets at most one a day, in the morning. */
function startDigests(origin: string) {
  if (!mailer.enabled) return;
  const run = () =>
    sendDigests(db, mailer, origin, logger).catch((err: unknown) => logger.error({ err }, "digests failed"));
  void run();
  setInterval(run, 60 * 60 * 1000).unref();
}

/**
 * At start and then every six hours: owners hear of reviews coming due (each notice once),
 * complainants' contact details past their keeping date are removed, and leadership and units
 * are reminded of the work-environment follow-up and the annual cycle's duties.
 */
function startReviewDueNotices(origin: string) {
  const run = () => {
    const purged = purgeExpiredContacts(db);
    if (purged > 0) logger.info({ purged }, "complainants' contact details removed");
    // Past its end date a participation is already no access; this records the end once.
    const ended = endExpiredParticipation(db);
    if (ended > 0) logger.info({ ended }, "participation in drafts ended");
    const reminded = sendSamReminders(db) + sendCycleReminders(db);
    if (reminded > 0) logger.info({ reminded }, "follow-up and annual-cycle reminders sent");
    return sendReviewDueNotices(db, mailer, reviewDueTexts, origin).catch((err: unknown) =>
      logger.error({ err }, "review-due notices failed"),
    );
  };
  void run();
  setInterval(run, 6 * 60 * 60 * 1000).unref();
}

/** Open sessions signed in at the provider: asked about there every few minutes. */
function startProviderChecks() {
  const run = () =>
    checkSessionsAtProvider(db, getSignInSettings(db, config.oidc))
      .then((ended) => {
        if (ended.length > 0) logger.info({ ended: ended.length }, "sessions ended by the provider");
        for (const userId of new Set(ended)) collab.accessChanged({ userId });
      })
      .catch((err: unknown) => logger.error({ err }, "provider checks failed"));
  setInterval(run, 60 * 1000).unref();
}

function shutdown(signal: string) {
  logger.info({ signal }, "shutting down");
  collab.close();
  server.close(() => {
    stopCheckpoints();
    db.$client.close();
    process.exit(0);
  });
  server.closeIdleConnections();
  // Open keep-alive connections must not hold the process hostage.
  setTimeout(() => process.exit(0), 5000).unref();
}
process.on("SIGTERM", () => shutdown("SIGTERM"));
process.on("SIGINT", () => shutdown("SIGINT"));
