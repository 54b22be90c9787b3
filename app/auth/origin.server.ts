/**
 * CSRF defence beside SameSite=Lax: a state-changing request must come from our own origin.
 * Browsers always send Origin on POST, serialised exactly as scheme://host[:port]; anything
 * else (a path, userinfo, "null", stray spaces or case) is refused rather than read leniently.
 */
export function isSameOrigin(originHeader: string | undefined | null, expectedOrigin: string): boolean {
  if (!originHeader || originHeader === "null") return false;
  try {
    return new URL(originHeader).origin === originHeader && originHeader === expectedOrigin;
  } catch {
    return false;
  }
}

export const isSafeMethod = (method: string) => method === "GET" || method === "HEAD" || method === "OPTIONS";

/**
 * The origin a browser shows for this server: the configured public one (always set behind a
 * proxy), or the served host this request named on this very connection. The host has passed
 * the front door's check of served hosts before this is asked. Used by posts and upgrades alike.
 */
export function expectedOrigin(
  host: string | undefined,
  options: { publicOrigin?: string; encrypted: boolean },
): string {
  return options.publicOrigin ?? `${options.encrypted ? "https" : "http"}://${host ?? "localhost"}`;
}
