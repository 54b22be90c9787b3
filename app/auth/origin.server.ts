/**
 * CSRF defence beside SameSite=Lax: a state-changing request must come from our own origin.
 * Browsers always send Origin on POST; a request without one is refused rather than trusted.
 */
export function isSameOrigin(originHeader: string | undefined | null, expectedOrigin: string): boolean {
  if (!originHeader || originHeader === "null") return false;
  try {
    return new URL(originHeader).origin === expectedOrigin;
  } catch {
    return false;
  }
}

export const isSafeMethod = (method: string) => method === "GET" || method === "HEAD" || method === "OPTIONS";

/**
 * The origin a browser shows for this server: the configured public one, or what the request
 * itself says (scheme from the proxy when it is trusted). Used by HTTP posts and WebSocket upgrades alike.
 */
export function expectedOrigin(
  headers: { host?: string; "x-forwarded-proto"?: string | string[] },
  options: { publicOrigin?: string; trustProxy: boolean; encrypted: boolean },
): string {
  if (options.publicOrigin) return options.publicOrigin;
  const forwarded = options.trustProxy
    ? String(headers["x-forwarded-proto"] ?? "")
        .split(",")[0]
        ?.trim()
    : "";
  const scheme = forwarded || (options.encrypted ? "https" : "http");
  return `${scheme}://${headers.host ?? "localhost"}`;
}
