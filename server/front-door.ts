import type { NextFunction, Request, Response } from "express";
import { hostName } from "#app/config.server.ts";

/**
 * What every request must pass before any guard or route sees it: a host Lots serves, a path
 * in the one normal form the router serves, and a body within the limit however it is sent.
 * Guards then judge `req.path`, which is that normal form, so they and the router can never
 * disagree about which page a request reaches.
 */

export type Refusal = "http.unknownHost" | "http.badPath" | "http.tooLarge";
export type Refuse = (res: Response, status: number, key: Refusal) => void;

export type PathJudgement =
  { kind: "normal" } | { kind: "redirect"; location: string } | { kind: "refuse"; reason: string };

// A browser leaves these as they are in a path segment; encodeURIComponent would not.
const encodeSegment = (segment: string) =>
  encodeURIComponent(segment).replace(/%(21|24|26|27|28|29|2A|2B|2C|3B|3D|3A|40)/g, (m) => decodeURIComponent(m));

/**
 * Judges a request target (path and query) as the router will read it. Dot segments (plain or
 * %-encoded), repeated slashes and needless %-encoding are redirected to the normal form;
 * encoded slashes, backslashes, NUL and control characters, and targets that are not a path,
 * are refused: no page of Lots has them, and each has fooled some guard somewhere.
 */
export function judgePath(target: string): PathJudgement {
  const q = target.indexOf("?");
  const raw = q === -1 ? target : target.slice(0, q);
  const query = q === -1 ? "" : target.slice(q);
  if (!raw.startsWith("/")) return { kind: "refuse", reason: "not a path" };
  if (/[\\\p{Cc}]|%(2f|5c|00)/iu.test(raw)) return { kind: "refuse", reason: "encoded slash or control" };
  // The router reads the path as the WHATWG URL parser does: dot segments (also %2e) resolved.
  const resolved = new URL(`http://lots.invalid${raw}`).pathname;
  let segments: string[];
  try {
    segments = resolved.split("/").map((s) => decodeURIComponent(s));
  } catch {
    return { kind: "refuse", reason: "bad %-encoding" };
  }
  if (segments.some((s) => s === "." || s === "..")) return { kind: "refuse", reason: "dot segment" };
  const normal =
    "/" +
    segments
      .filter((s, i) => i === 0 || s !== "" || i === segments.length - 1)
      .map(encodeSegment)
      .join("/")
      .replace(/^\/+/, "");
  if (normal === raw) return { kind: "normal" };
  return { kind: "redirect", location: normal + query };
}

export function frontDoor(options: {
  servedHosts: ReadonlySet<string>;
  /** The largest body a path takes, judged on the path in normal form. */
  maxBodyBytes: (path: string) => number;
  refuse: Refuse;
}) {
  const { servedHosts, refuse } = options;
  return (req: Request, res: Response, next: NextFunction) => {
    const host = req.headers.host;
    if (!host || !servedHosts.has(hostName(host))) {
      req.log?.warn({ host: host?.slice(0, 100) }, "request for a host Lots does not serve refused");
      return refuse(res, 421, "http.unknownHost");
    }
    const judged = judgePath(req.url);
    if (judged.kind === "refuse") {
      req.log?.warn({ reason: judged.reason }, "request path refused");
      return refuse(res, 400, "http.badPath");
    }
    if (judged.kind === "redirect") {
      if (req.method !== "GET" && req.method !== "HEAD") {
        req.log?.warn({ reason: "not in normal form" }, "request path refused");
        return refuse(res, 400, "http.badPath");
      }
      return res.redirect(308, judged.location);
    }
    if (req.method === "GET" || req.method === "HEAD") return next();
    const maxBodyBytes = options.maxBodyBytes(req.path);
    if (Number(req.headers["content-length"] ?? 0) > maxBodyBytes) {
      // The body is never read, so the connection cannot carry another request.
      res.setHeader("Connection", "close");
      return refuse(res, 413, "http.tooLarge");
    }
    limitStream(req, res, maxBodyBytes, refuse);
    next();
  };
}

/**
 * Counts a body's bytes as they arrive, whatever the encoding (chunked bodies carry no
 * length), and answers 413 the moment the limit is passed. The stream is paused first, so the
 * counter does not start it flowing before the router reads it.
 */
function limitStream(req: Request, res: Response, maxBytes: number, refuse: Refuse) {
  let bytes = 0;
  let refused = false;
  req.pause();
  req.on("data", (chunk: Buffer) => {
    bytes += chunk.length;
    if (refused) {
      // The rest is read and dropped so the client sees the answer, up to a bound.
      if (bytes > maxBytes * DRAIN_FACTOR) req.socket.destroy();
      return;
    }
    if (bytes <= maxBytes) return;
    refused = true;
    if (!res.headersSent) {
      res.setHeader("Connection", "close");
      refuse(res, 413, "http.tooLarge");
    }
    // The reader downstream sees the body fail, so nothing half-read reaches a model; the
    // request's one log line (pino-http's) carries this reason.
    req.emit("error", Object.assign(new Error(`request body over ${maxBytes} bytes refused`), { name: BODY_REFUSED }));
    req.resume();
  });
}

/** The name of the error a refused body ends in; the app's error log knows it is no fault of ours. */
export const BODY_REFUSED = "BodyRefused";

/** How much of a refused body is read and dropped before the connection is cut. */
const DRAIN_FACTOR = 16;
