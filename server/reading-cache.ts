import crypto from "node:crypto";
import type { NextFunction, Request, RequestHandler, Response } from "express";
import type { Db } from "#db/client.ts";
import type { Authenticated } from "#app/auth/sessions.server.ts";
import { can } from "#app/auth/permissions.server.ts";
import { readingState } from "#app/models/reading.server.ts";
import { appShell } from "#app/models/shell.server.ts";

/**
 * The staff reading view, served from memory when nothing on the page can have changed.
 *
 * A release never changes, so rendering its page again (React, and the release's HTML
 * serialised a second time for hydration) is wasted work. The page also shows things of the
 * person's own (name, menu, unread count, whether they have acknowledged it), so an entry
 * belongs to one person and one address, and is used only while a key over everything the
 * page shows, computed from the same models the page renders from, is unchanged. The
 * per-response CSP nonce is put back fresh into every copy served.
 */

const PAGE = /^\/gallande\/([^/]+)(?:\/(\d{1,6}\.\d{1,6}))?$/;

type Entry = { key: string; parts: Buffer[]; contentType: string; bytes: number };

export type ReadingCacheOptions = {
  db: Db;
  /** Changes with every build: a new build renders pages differently. */
  buildId: string;
  /** Memory the cache may hold; the least recently used pages go first. */
  maxBytes: number;
};

export function readingPageCache({ db, buildId, maxBytes }: ReadingCacheOptions): RequestHandler {
  const entries = new Map<string, Entry>();
  let bytes = 0;

  const remember = (slot: string, entry: Entry) => {
    forget(slot);
    if (entry.bytes > maxBytes / 4) return;
    entries.set(slot, entry);
    bytes += entry.bytes;
    for (const [oldest, old] of entries) {
      if (bytes <= maxBytes) break;
      entries.delete(oldest);
      bytes -= old.bytes;
    }
  };
  const forget = (slot: string) => {
    const old = entries.get(slot);
    if (!old) return;
    entries.delete(slot);
    bytes -= old.bytes;
  };

  return (req: Request, res: Response, next: NextFunction) => {
    const match = req.method === "GET" && !req.originalUrl.includes("?") ? PAGE.exec(req.path) : null;
    const auth = res.locals.auth as Authenticated | null;
    if (!match || !auth || !can(auth.user, "read", { type: "releases" })) return next();
    const state = readingState(db, auth.user, match[1]!, match[2]);
    if (!state) return next();
    const key = crypto
      .createHash("sha256")
      .update(JSON.stringify([buildId, req.path, state, appShell(db, auth.user)]))
      .digest("hex");
    const slot = `${auth.user.id} ${req.path}`;
    const nonce = res.locals.cspNonce as string;
    const hit = entries.get(slot);
    if (hit?.key === key) {
      // Most recently used goes last, so eviction takes the oldest.
      entries.delete(slot);
      entries.set(slot, hit);
      const fresh = Buffer.from(nonce);
      const body = Buffer.concat(hit.parts.flatMap((part, i) => (i === 0 ? [part] : [fresh, part])));
      // Written directly: res.send would hash the whole page for an ETag that a fresh nonce makes useless.
      res.writeHead(200, {
        "Content-Type": hit.contentType,
        "Content-Length": body.length,
        "Cache-Control": "private, no-store",
      });
      res.end(body);
      return;
    }
    capture(res, (status, contentType, body) => {
      if (status !== 200 || !contentType.startsWith("text/html")) return forget(slot);
      const parts = body
        .toString("utf8")
        .split(nonce)
        .map((part) => Buffer.from(part));
      remember(slot, { key, parts, contentType, bytes: body.length });
    });
    next();
  };
}

/** Collects what React Router writes, and hands it over once the response ends. */
function capture(res: Response, done: (status: number, contentType: string, body: Buffer) => void) {
  const chunks: Buffer[] = [];
  const write = res.write.bind(res) as (...args: unknown[]) => boolean;
  const end = res.end.bind(res) as (...args: unknown[]) => Response;
  const keep = (chunk: unknown) => {
    if (typeof chunk === "string") chunks.push(Buffer.from(chunk));
    else if (chunk instanceof Uint8Array) chunks.push(Buffer.from(chunk));
  };
  res.write = ((chunk: unknown, ...rest: unknown[]) => {
    keep(chunk);
    return write(chunk, ...rest);
  }) as Response["write"];
  res.end = ((chunk?: unknown, ...rest: unknown[]) => {
    if (chunk !== undefined && typeof chunk !== "function") keep(chunk);
    done(res.statusCode, String(res.getHeader("content-type") ?? ""), Buffer.concat(chunks));
    return end(chunk, ...rest);
  }) as Response["end"];
}
