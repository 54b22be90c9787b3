import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import zlib from "node:zlib";
import { createRequestHandler } from "@react-router/express";
import compression from "compression";
import express, { type Request, type Response, type NextFunction } from "express";
import expressStaticGzip from "express-static-gzip";
import helmet from "helmet";
import { pinoHttp } from "pino-http";
import type { Logger } from "pino";
import type { ServerBuild } from "react-router";
import type { Db } from "#db/client.ts";
import { locales, type Locale } from "#app/domain/values.ts";
import type { Config } from "#app/config.server.ts";
import { authenticateCookie } from "#app/auth/authenticate.server.ts";
import { expectedOrigin, isSafeMethod, isSameOrigin } from "#app/auth/origin.server.ts";
import { guestMaySend } from "#app/auth/permissions.server.ts";
import { translator } from "#app/i18n/translator.server.ts";
import type { Mailer } from "#app/models/mail.server.ts";
import type { CollabSignals, LotsContext } from "#app/load-context.ts";
import { redactUrl } from "./logger.ts";
import { frontDoor, type Refusal } from "./front-door.ts";
import { readingPageCache } from "./reading-cache.ts";

/** Form posts are small; anything larger is refused before React Router reads it. */
export const MAX_BODY_BYTES = 1024 * 1024;

/**
 * The few paths that take files take more: a picture or a form for a document, and Word files
 * or a zip of them to import. Each model still checks every file's own size.
 */
const uploadLimits: [RegExp, number][] = [
  [/^\/dokument\/importera$/, 64 * 1024 * 1024],
  [/^\/dokument\/[a-z2-7]{16}\/filer$/, 24 * 1024 * 1024],
  [/^\/processer\/importera$/, 6 * 1024 * 1024],
  [/^\/register\/[a-z-]+\/importera$/, 8 * 1024 * 1024],
];

export const maxBodyBytesFor = (path: string) =>
  uploadLimits.find(([pattern]) => pattern.test(path))?.[1] ?? MAX_BODY_BYTES;

/** Memory for rendered reading-view pages (see reading-cache.ts). */
const READING_CACHE_BYTES = 64 * 1024 * 1024;

export type AppDeps = {
  db: Db;
  config: Config;
  logger: Logger;
  mailer: Mailer;
  collab: CollabSignals;
  /** Where Lots is reached, for absolute links: from configuration, never from a request. */
  siteOrigin: () => string;
  build: ServerBuild | (() => Promise<ServerBuild>);
  /** Vite's middleware in development; static files from the build in production. */
  assets: express.RequestHandler[];
  /** Each language's catalogue file in the build (catalogueHrefs); none in development. */
  catalogueHrefs?: Partial<Record<Locale, string>>;
};

type Locals = { cspNonce: string; auth: LotsContext["auth"] };

/** Refusals made before React Router renders anything: plain text, Swedish then English. */
function refuse(
  res: Response,
  status: number,
  key: Refusal | "http.foreignOrigin" | "http.unexpected" | "http.readOnlyGuest",
) {
  res
    .status(status)
    .type("text/plain; charset=utf-8")
    .send(`${translator("sv")(key)}\n${translator("en")(key)}\n`);
}

function requestOrigin(req: Request, config: Config): string {
  return expectedOrigin(req.headers.host, { publicOrigin: config.publicOrigin, encrypted: req.secure });
}

export function createApp(deps: AppDeps): express.Express {
  const { config, db, logger } = deps;
  const app = express();
  app.disable("x-powered-by");
  app.set("trust proxy", config.trustProxy);
  const https = config.publicOrigin?.startsWith("https:") ?? false;

  app.use((_req, res, next) => {
    res.locals.cspNonce = crypto.randomBytes(16).toString("base64");
    next();
  });
  app.use(
    helmet({
      contentSecurityPolicy: config.production
        ? {
            useDefaults: false,
            directives: {
              defaultSrc: ["'self'"],
              scriptSrc: ["'self'", (_req, res) => `'nonce-${(res as Response).locals.cspNonce}'`],
              // Style sheets and <style> elements: ours, or carrying this response's nonce
              // (Tiptap's base styles, the process maps' drawing styles).
              styleSrcElem: ["'self'", (_req, res) => `'nonce-${(res as Response).locals.cspNonce}'`],
              // Style attributes stay allowed: React Flow positions every node, edge and handle of
              // a map with one, Tiptap's tables size columns with one, and server-rendered charts
              // and avatars carry theirs. An attribute cannot load or run anything.
              styleSrcAttr: ["'unsafe-inline'"],
              // Browsers without the two directives above fall back to this.
              styleSrc: ["'self'", "'unsafe-inline'"],
              imgSrc: ["'self'", "data:", "blob:"],
              fontSrc: ["'self'"],
              connectSrc: ["'self'"],
              objectSrc: ["'none'"],
              baseUri: ["'self'"],
              formAction: ["'self'"],
              frameAncestors: ["'none'"],
              ...(https ? { upgradeInsecureRequests: [] } : {}),
            },
          }
        : false,
      strictTransportSecurity: https,
      referrerPolicy: { policy: "same-origin" },
      xFrameOptions: { action: "deny" },
      crossOriginEmbedderPolicy: false,
    }),
  );
  app.use(
    pinoHttp({
      logger,
      genReqId: () => crypto.randomUUID(),
      serializers: {
        req: (req: { id: string; method: string; url: string }) => ({
          id: req.id,
          method: req.method,
          url: redactUrl(req.url),
        }),
        res: (res: { statusCode: number }) => ({ statusCode: res.statusCode }),
      },
      autoLogging: { ignore: (req) => req.url?.startsWith("/assets/") ?? false },
      // A refused request is the client's doing: a warning, not an error of ours.
      customLogLevel: (_req, res, err) =>
        res.statusCode >= 500 ? "error" : err || res.statusCode >= 400 ? "warn" : "info",
    }),
  );
  app.use(frontDoor({ servedHosts: config.servedHosts, maxBodyBytes: maxBodyBytesFor, refuse }));
  for (const handler of deps.assets) app.use(handler);
  // Pages and data compressed on the fly (brotli where the browser takes it). The reading cache
  // below writes through this, so each copy it serves with a fresh CSP nonce is compressed too.
  app.use(compression({ brotli: { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 5 } } }));

  app.use((req: Request, res: Response, next: NextFunction) => {
    // What a signed-in person sees is theirs alone and may change with their access; a
    // route that says otherwise (none does today) has the last word.
    unlessSet(res, "Cache-Control", "private, no-store");
    if (isSafeMethod(req.method)) return next();
    if (!isSameOrigin(req.get("origin"), requestOrigin(req, config))) {
      req.log.warn("request from a foreign origin refused");
      refuse(res, 403, "http.foreignOrigin");
      return;
    }
    next();
  });

  app.use(async (req: Request, res: Response<unknown, Locals>, next: NextFunction) => {
    try {
      const { auth, setCookie } = await authenticateCookie(db, req.get("cookie"), {
        secure: req.secure,
        policy: config.session,
      });
      res.locals.auth = auth;
      if (setCookie) res.append("Set-Cookie", setCookie);
      if (auth && !isSafeMethod(req.method) && !guestMaySend(auth.user.role, req.path)) {
        req.log.warn({ path: req.path }, "state change by a guest refused");
        refuse(res, 403, "http.readOnlyGuest");
        return;
      }
      next();
    } catch (error) {
      next(error);
    }
  });

  // A built app renders a release page the same way until the next build; development does not.
  if (typeof deps.build !== "function") {
    app.use(readingPageCache({ db, buildId: deps.build.assets.version, maxBytes: READING_CACHE_BYTES }));
  }

  app.use(
    createRequestHandler({
      build: deps.build,
      mode: config.production ? "production" : "development",
      getLoadContext: (req, res): LotsContext => ({
        db,
        config,
        mailer: deps.mailer,
        logger: req.log ?? logger,
        cspNonce: res.locals.cspNonce as string,
        clientIp: req.ip ?? req.socket.remoteAddress ?? "unknown",
        origin: deps.siteOrigin(),
        servedOrigin: requestOrigin(req, config),
        secure: req.secure,
        auth: res.locals.auth as LotsContext["auth"],
        collab: deps.collab,
        catalogueHrefs: deps.catalogueHrefs ?? {},
      }),
    }),
  );

  // The last resort: never show internals.
  app.use((error: unknown, req: Request, res: Response, _next: NextFunction) => {
    (req.log ?? logger).error({ err: error }, "unhandled error");
    if (res.headersSent) return;
    refuse(res, 500, "http.unexpected");
  });
  return app;
}

/** A header the response gets unless whoever writes it has set one by then. */
function unlessSet(res: Response, name: string, value: string) {
  const writeHead = res.writeHead.bind(res) as (...args: unknown[]) => Response;
  res.writeHead = ((...args: unknown[]) => {
    if (!res.hasHeader(name)) res.setHeader(name, value);
    return writeHead(...args);
  }) as Response["writeHead"];
}

/** Each language's catalogue chunk, from the build's manifest (see vite.config.ts). */
export function catalogueHrefs(buildDir: string): Partial<Record<Locale, string>> {
  const file = path.join(buildDir, "client/.vite/manifest.json");
  if (!fs.existsSync(file)) return {};
  const manifest = JSON.parse(fs.readFileSync(file, "utf8")) as Record<string, { file: string }>;
  const hrefs: Partial<Record<Locale, string>> = {};
  for (const locale of locales) {
    const chunk = manifest[`app/i18n/${locale}.ts`];
    if (chunk) hrefs[locale] = `/${chunk.file}`;
  }
  return hrefs;
}

export function staticAssets(buildDir: string): express.RequestHandler[] {
  const client = path.join(buildDir, "client");
  const router = express.Router();
  // The build wrote a .br and a .gz beside each file (vite.config.ts): send the smallest the
  // browser accepts, without compressing anything again per request.
  const precompressed = (root: string, options: { immutable?: boolean; maxAge: string }) =>
    expressStaticGzip(root, {
      enableBrotli: true,
      orderPreference: ["br", "gz"],
      index: false,
      serveStatic: { ...options, index: false },
    });
  // Hashed file names never change content: cache them for a year.
  router.use("/assets", precompressed(path.join(client, "assets"), { immutable: true, maxAge: "1y" }));
  router.use(precompressed(client, { maxAge: "1h" }));
  return [router];
}
