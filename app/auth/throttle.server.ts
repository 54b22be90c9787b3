import { eq, inArray } from "drizzle-orm";
import type { Db } from "#db/client.ts";
import { loginThrottle } from "#db/schema/index.ts";

const MINUTE = 60 * 1000;

export type ThrottlePolicy = {
  /** Failures allowed before any delay. */
  freeFailures: number;
  /** Failures older than this are forgotten. */
  windowMs: number;
  maxDelayMs: number;
};

// An office behind one NAT address shares the IP counter, so it tolerates far more.
export const accountPolicy: ThrottlePolicy = { freeFailures: 3, windowMs: 60 * MINUTE, maxDelayMs: 15 * MINUTE };
export const ipPolicy: ThrottlePolicy = { freeFailures: 20, windowMs: 60 * MINUTE, maxDelayMs: 15 * MINUTE };

/** The delay after `failures` consecutive failures: 0, then 1 s, 2 s, 4 s, ... up to the cap. */
export function delayAfterFailures(failures: number, policy: ThrottlePolicy): number {
  const over = failures - policy.freeFailures;
  if (over <= 0) return 0;
  return Math.min(1000 * 2 ** (over - 1), policy.maxDelayMs);
}

export const accountKey = (email: string) => `account:${email.trim().toLowerCase()}`;
export const ipKey = (ip: string) => `ip:${ip}`;

/** Milliseconds until any of the keys may try again; 0 when none is blocked. */
export function throttleWait(db: Db, keys: string[], now = new Date()): number {
  const rows = db.select().from(loginThrottle).where(inArray(loginThrottle.key, keys)).all();
  return Math.max(0, ...rows.map((r) => r.blockedUntil.getTime() - now.getTime()));
}

export function recordFailure(db: Db, key: string, policy: ThrottlePolicy, now = new Date()): void {
  const row = db.select().from(loginThrottle).where(eq(loginThrottle.key, key)).get();
  const recent = row && now.getTime() - row.lastFailureAt.getTime() < policy.windowMs;
  const failures = recent ? row.failures + 1 : 1;
  const values = {
    failures,
    lastFailureAt: now,
    blockedUntil: new Date(now.getTime() + delayAfterFailures(failures, policy)),
  };
  db.insert(loginThrottle)
    .values({ key, ...values })
    .onConflictDoUpdate({ target: loginThrottle.key, set: values })
    .run();
}

export function clearThrottle(db: Db, key: string): void {
  db.delete(loginThrottle).where(eq(loginThrottle.key, key)).run();
}

/**
 * Links by token (an invitation, a password reset): an address that keeps opening unknown or
 * dead links waits before it may try again, so tokens cannot be guessed at speed. Fifty misses
 * an hour are free: a person with an old mail never meets the limit, a guesser always does.
 */
const linkPolicy: ThrottlePolicy = { freeFailures: 50, windowMs: 60 * MINUTE, maxDelayMs: 60 * MINUTE };
const linkKey = (ip: string) => `link-${ipKey(ip)}`;

export function linkAttemptsBlocked(db: Db, ip: string, now = new Date()): boolean {
  return throttleWait(db, [linkKey(ip)], now) > 0;
}

export function recordBadLink(db: Db, ip: string, now = new Date()): void {
  recordFailure(db, linkKey(ip), linkPolicy, now);
}
