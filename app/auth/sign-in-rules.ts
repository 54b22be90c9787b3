import type { Role } from "#app/domain/values.ts";

/**
 * The rules of single sign-on that need no provider and no database: whose e-mail may come in,
 * and what a person's claims make them.
 */

/** The e-mail's domain is one the organisation named (exactly, case aside; no subdomains). */
export function domainAllowed(email: string, domains: readonly string[]): boolean {
  const at = email.lastIndexOf("@");
  if (at < 1) return false;
  const domain = email.slice(at + 1).toLowerCase();
  return domains.some((d) => d.toLowerCase() === domain);
}

/** A claim's values, whether the provider sends one string or a list. */
export function claimValues(claims: Record<string, unknown>, name: string): string[] {
  const value = claims[name];
  if (typeof value === "string") return [value];
  if (Array.isArray(value)) return value.filter((v): v is string => typeof v === "string");
  return [];
}

export type ClaimRule = { position: number; value: string; role: Role | null; unitId: string | null };

/**
 * What the rules make a person: for role and for unit each, the first rule (in order) whose
 * value is among the claim's values and that sets it; what no rule sets stays the default.
 */
export function mapClaims(
  rules: readonly ClaimRule[],
  values: readonly string[],
  defaults: { role: Role; unitId: string | null },
): { role: Role; unitId: string | null; roleRule: number | null; unitRule: number | null } {
  const matching = [...rules].sort((a, b) => a.position - b.position).filter((r) => values.includes(r.value));
  const roleRule = matching.find((r) => r.role !== null);
  const unitRule = matching.find((r) => r.unitId !== null);
  return {
    role: roleRule?.role ?? defaults.role,
    unitId: unitRule?.unitId ?? defaults.unitId,
    roleRule: roleRule?.position ?? null,
    unitRule: unitRule?.position ?? null,
  };
}
