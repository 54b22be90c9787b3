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
