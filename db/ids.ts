import { encodeBase32LowerCaseNoPadding } from "@oslojs/encoding";

function randomBase32(bytes: number): string {
  return encodeBase32LowerCaseNoPadding(crypto.getRandomValues(new Uint8Array(bytes)));
}

/** Opaque, URL-safe row ids (80 random bits). */
export function newId(): string {
  return randomBase32(10);
}

/** Secrets handed to a browser or a mail: sessions, invitations, resets (160 random bits). */
export function newSecretToken(): string {
  return randomBase32(20);
}
