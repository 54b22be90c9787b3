import {
  type AuthenticationResponseJSON,
  generateAuthenticationOptions,
  generateRegistrationOptions,
  type PublicKeyCredentialCreationOptionsJSON,
  type PublicKeyCredentialRequestOptionsJSON,
  type RegistrationResponseJSON,
  verifyAuthenticationResponse,
  verifyRegistrationResponse,
} from "@simplewebauthn/server";
import { decodeBase64urlIgnorePadding, decodeHex } from "@oslojs/encoding";
import { and, asc, eq, lt } from "drizzle-orm";
import { z } from "zod";
import { type Db, writeTransaction } from "#db/client.ts";
import { passkeyChallenges, passkeys, recoveryCodes } from "#db/schema/index.ts";
import { appendTrailEvent } from "#app/models/trail.server.ts";
import { accountIssuer, hasSecondFactor, issueRecoveryCodes, recoveryCodesLeft } from "./second-factor.server.ts";
import { accountKey, accountPolicy, clearThrottle, recordFailure, throttleWait } from "./throttle.server.ts";

/**
 * Passkeys (WebAuthn, through @simplewebauthn): added from the person's account page, used as
 * the second step of a password sign-in and to sign approvals. Every ceremony answers a
 * challenge Lots gave this person for this purpose, taken once; an approval's challenge ends in
 * the candidate's hash, so the authenticator's signature covers exactly what is approved.
 */

const CHALLENGE_MS = 5 * 60 * 1000;
const RANDOM_BYTES = 16;

/** Who the browser is talking to: the address people use, from configuration. */
export type RelyingParty = { id: string; origin: string; name: string };

export const relyingParty = (db: Db, origin: string): RelyingParty => ({
  id: new URL(origin).hostname,
  origin,
  name: accountIssuer(db),
});

export type PasskeyPurpose = "signIn" | "approve";
/** An approval's challenge names the review round and ends in the candidate's hash. */
export type SignedCandidate = { reviewId: string; candidateHash: string };

function keepChallenge(
  db: Db,
  challenge: string,
  userId: string,
  purpose: "enrol" | PasskeyPurpose,
  subject: string | null,
  now: Date,
) {
  db.delete(passkeyChallenges).where(lt(passkeyChallenges.expiresAt, now)).run();
  db.insert(passkeyChallenges)
    .values({ challenge, userId, purpose, subject, expiresAt: new Date(now.getTime() + CHALLENGE_MS) })
    .run();
}

/** The challenge an answer carries, if Lots gave it to this person for this purpose: taken once. */
function takeChallenge(
  db: Db,
  challenge: string,
  userId: string,
  purpose: "enrol" | PasskeyPurpose,
  candidate: SignedCandidate | undefined,
  now: Date,
): boolean {
  const row = db
    .delete(passkeyChallenges)
    .where(and(eq(passkeyChallenges.challenge, challenge), eq(passkeyChallenges.userId, userId)))
    .returning()
    .get();
  if (!row || row.purpose !== purpose || row.expiresAt <= now) return false;
  if (!candidate) return true;
  return row.subject === candidate.reviewId && challengeSigns(challenge, candidate.candidateHash);
}

/** Random bytes, then the candidate's hash: what the authenticator signs names the candidate. */
function approvalChallenge(candidateHash: string): Uint8Array<ArrayBuffer> {
  const hash = decodeHex(candidateHash);
  const challenge = new Uint8Array(RANDOM_BYTES + hash.length);
  challenge.set(crypto.getRandomValues(new Uint8Array(RANDOM_BYTES)));
  challenge.set(hash, RANDOM_BYTES);
  return challenge;
}

function challengeSigns(challenge: string, candidateHash: string): boolean {
  try {
    const bytes = decodeBase64urlIgnorePadding(challenge);
    return Buffer.from(bytes.subarray(RANDOM_BYTES)).toString("hex") === candidateHash.toLowerCase();
  } catch {
    return false;
  }
}

export type PasskeySummary = { id: string; device: string | null; createdAt: Date; lastUsedAt: Date | null };

export function listPasskeys(db: Db, userId: string): PasskeySummary[] {
  return db
    .select({
      id: passkeys.id,
      device: passkeys.device,
      createdAt: passkeys.createdAt,
      lastUsedAt: passkeys.lastUsedAt,
    })
    .from(passkeys)
    .where(eq(passkeys.userId, userId))
    .orderBy(asc(passkeys.createdAt))
    .all();
}

export const hasPasskey = (db: Db, userId: string) =>
  Boolean(db.select({ id: passkeys.id }).from(passkeys).where(eq(passkeys.userId, userId)).get());

const transportsOf = (json: string) => z.array(z.string()).catch([]).parse(JSON.parse(json));

/** What the browser needs to create a new passkey for this person (none of theirs twice). */
export async function passkeyRegistrationOptions(
  db: Db,
  user: { id: string; email: string; name: string },
  rp: RelyingParty,
  now = new Date(),
): Promise<PublicKeyCredentialCreationOptionsJSON> {
  const existing = db
    .select({ id: passkeys.id, transports: passkeys.transports })
    .from(passkeys)
    .where(eq(passkeys.userId, user.id))
    .all();
  const options = await generateRegistrationOptions({
    rpName: rp.name,
    rpID: rp.id,
    userName: user.email,
    userDisplayName: user.name,
    userID: new TextEncoder().encode(user.id),
    attestationType: "none",
    excludeCredentials: existing.map((p) => ({ id: p.id, transports: transportsOf(p.transports) })),
    authenticatorSelection: { residentKey: "preferred", userVerification: "preferred" },
  });
  keepChallenge(db, options.challenge, user.id, "enrol", null, now);
  return options;
}

// Only the shape is checked here: @simplewebauthn verifies every byte.
const credentialJson = z.looseObject({
  id: z.string().min(1).max(1024),
  rawId: z.string().max(1024),
  type: z.literal("public-key"),
  response: z.looseObject({ clientDataJSON: z.string().max(8192) }),
  clientExtensionResults: z.looseObject({}),
});

/** A browser's answer, from a form field; undefined when it is not one. */
export function parseCredential<T extends RegistrationResponseJSON | AuthenticationResponseJSON>(
  text: string,
): T | undefined {
  try {
    const parsed = credentialJson.safeParse(JSON.parse(text));
    return parsed.success ? (parsed.data as unknown as T) : undefined;
  } catch {
    return undefined;
  }
}

export type PasskeyAdded = { ok: true; recoveryCodes: string[] | null } | { ok: false };

/**
 * The new passkey, kept when its answer is to a challenge Lots gave this person. The person's
 * first factor also brings recovery codes, shown once.
 */
export async function addPasskey(
  db: Db,
  user: { id: string },
  response: RegistrationResponseJSON,
  rp: RelyingParty,
  device: string | null,
  now = new Date(),
): Promise<PasskeyAdded> {
  let credential;
  try {
    const verification = await verifyRegistrationResponse({
      response,
      expectedChallenge: (challenge) => takeChallenge(db, challenge, user.id, "enrol", undefined, now),
      expectedOrigin: rp.origin,
      expectedRPID: rp.id,
      requireUserVerification: false,
    });
    if (!verification.verified) return { ok: false };
    credential = verification.registrationInfo.credential;
  } catch {
    return { ok: false };
  }
  const { id, publicKey, counter, transports } = credential;
  return writeTransaction(db, (tx) => {
    if (tx.select({ id: passkeys.id }).from(passkeys).where(eq(passkeys.id, id)).get()) return { ok: false };
    tx.insert(passkeys)
      .values({
        id,
        userId: user.id,
        publicKey: Buffer.from(publicKey),
        counter,
        transports: JSON.stringify(transports ?? []),
        device,
        createdAt: now,
      })
      .run();
    appendTrailEvent(tx, {
      actorId: user.id,
      type: "secondFactor.added",
      subjectType: "user",
      subjectId: user.id,
      at: now,
      data: { kind: "passkey" },
    });
    return { ok: true, recoveryCodes: recoveryCodesLeft(tx, user.id) === 0 ? issueRecoveryCodes(tx, user.id) : null };
  });
}

/** The person takes one of their passkeys away (a lost or replaced device). */
export function removePasskey(db: Db, userId: string, passkeyId: string, now = new Date()): boolean {
  return writeTransaction(db, (tx) => {
    const removed = tx
      .delete(passkeys)
      .where(and(eq(passkeys.id, passkeyId), eq(passkeys.userId, userId)))
      .run();
    if (removed.changes === 0) return false;
    // Recovery codes stand in for a factor; with none left they would be a way in of their own.
    if (!hasSecondFactor(tx, userId)) tx.delete(recoveryCodes).where(eq(recoveryCodes.userId, userId)).run();
    appendTrailEvent(tx, {
      actorId: userId,
      type: "secondFactor.removed",
      subjectType: "user",
      subjectId: userId,
      at: now,
      data: { kind: "passkey", byAdministrator: false },
    });
    return true;
  });
}

/**
 * What the browser needs to ask one of this person's passkeys to sign: for a sign-in, or for an
 * approval of one candidate (its hash inside the challenge, and the person verified by the
 * authenticator, as an electronic signature asks).
 */
export async function passkeyAssertionOptions(
  db: Db,
  userId: string,
  rp: RelyingParty,
  purpose: PasskeyPurpose,
  candidate?: SignedCandidate,
  now = new Date(),
): Promise<PublicKeyCredentialRequestOptionsJSON | null> {
  const keys = db
    .select({ id: passkeys.id, transports: passkeys.transports })
    .from(passkeys)
    .where(eq(passkeys.userId, userId))
    .all();
  if (keys.length === 0) return null;
  const options = await generateAuthenticationOptions({
    rpID: rp.id,
    allowCredentials: keys.map((k) => ({ id: k.id, transports: transportsOf(k.transports) })),
    challenge: candidate ? approvalChallenge(candidate.candidateHash) : undefined,
    userVerification: purpose === "approve" ? "required" : "preferred",
  });
  keepChallenge(db, options.challenge, userId, purpose, candidate?.reviewId ?? null, now);
  return options;
}

export type PasskeyCheck =
  | { ok: true; credentialId: string }
  | { ok: false; reason: "invalid" | "cloned" | "throttled"; retryAfterSeconds?: number };

/**
 * A passkey's signature, under the same throttle as the password. A key whose counter has gone
 * backwards after a good signature is a copy of the real one: refused, and on the trail.
 */
export async function checkPasskey(
  db: Db,
  user: { id: string; email: string },
  response: AuthenticationResponseJSON,
  rp: RelyingParty,
  purpose: PasskeyPurpose,
  candidate?: SignedCandidate,
  now = new Date(),
): Promise<PasskeyCheck> {
  const key = accountKey(user.email);
  const wait = throttleWait(db, [key], now);
  if (wait > 0) return { ok: false, reason: "throttled", retryAfterSeconds: Math.ceil(wait / 1000) };
  const refuse = (reason: "invalid" | "cloned"): PasskeyCheck => {
    recordFailure(db, key, accountPolicy, now);
    return { ok: false, reason };
  };
  const stored = db
    .select()
    .from(passkeys)
    .where(and(eq(passkeys.id, response.id), eq(passkeys.userId, user.id)))
    .get();
  if (!stored) return refuse("invalid");
  let newCounter: number;
  try {
    const verification = await verifyAuthenticationResponse({
      response,
      expectedChallenge: (challenge) => takeChallenge(db, challenge, user.id, purpose, candidate, now),
      expectedOrigin: rp.origin,
      expectedRPID: rp.id,
      // The counter is judged below, once the signature is known to be the key's own.
      credential: { id: stored.id, publicKey: new Uint8Array(stored.publicKey), counter: 0 },
      requireUserVerification: purpose === "approve",
    });
    if (!verification.verified) return refuse("invalid");
    newCounter = verification.authenticationInfo.newCounter;
  } catch {
    return refuse("invalid");
  }
  if ((newCounter > 0 || stored.counter > 0) && newCounter <= stored.counter) {
    appendTrailEvent(db, {
      actorId: null,
      type: "secondFactor.refused",
      subjectType: "user",
      subjectId: user.id,
      at: now,
      data: { kind: "passkey", reason: "cloned" },
    });
    return refuse("cloned");
  }
  db.update(passkeys).set({ counter: newCounter, lastUsedAt: now }).where(eq(passkeys.id, stored.id)).run();
  clearThrottle(db, key);
  return { ok: true, credentialId: stored.id };
}
