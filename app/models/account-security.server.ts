import Bowser from "bowser";
import { and, desc, eq } from "drizzle-orm";
import type { Db } from "#db/client.ts";
import { trailEvents } from "#db/schema/index.ts";

/** What a person sees of their own account's security: their devices and their sign-ins. */

/** "Chrome 156 · Linux" from a browser's user agent, or null when it says nothing useful. */
export function describeDevice(userAgent: string | null): string | null {
  if (!userAgent) return null;
  const parsed = Bowser.parse(userAgent);
  const browser = [parsed.browser.name, parsed.browser.version?.split(".")[0]].filter(Boolean).join(" ");
  const system = [parsed.os.name, parsed.platform.type === "mobile" ? parsed.platform.model : undefined]
    .filter(Boolean)
    .join(" ");
  return [browser, system].filter(Boolean).join(" · ") || null;
}

/** The person's latest sign-ins, newest first, as the trail holds them (when and how). */
export function recentSignIns(db: Db, userId: string, limit = 10): { at: Date; method: string }[] {
  return db
    .select({ at: trailEvents.at, data: trailEvents.data })
    .from(trailEvents)
    .where(and(eq(trailEvents.type, "session.signedIn"), eq(trailEvents.subjectId, userId)))
    .orderBy(desc(trailEvents.seq))
    .limit(limit)
    .all()
    .map((e) => ({ at: e.at, method: String((JSON.parse(e.data) as { method?: string }).method ?? "password") }));
}
