/**
 * A list's filters as the query of an address (`?kategori=…`), leaving out those not set, so
 * that a download or a link carries exactly what the list shows; "" when none is set.
 */
export function queryOf(values: Record<string, string | number | undefined | null>): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(values)) {
    if (value !== undefined && value !== null && value !== "") params.set(key, String(value));
  }
  const query = params.toString();
  return query ? `?${query}` : "";
}
