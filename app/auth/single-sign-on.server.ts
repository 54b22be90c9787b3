import { and, eq, isNotNull, lt } from "drizzle-orm";
import { createCookie } from "react-router";
import * as oidc from "openid-client";
import { type Db, writeTransaction } from "#db/client.ts";
import { newSecretToken } from "#db/ids.ts";
import { sessions, signInAttempts } from "#db/schema/index.ts";
import {
  identityOwner,
  personSigningOn,
  type ProviderClaims,
  type SignOnRefusal,
} from "#app/models/identities.server.ts";
import type { OidcProvider, SignInSettings } from "#app/models/sign-in-settings.server.ts";
import { organisationId } from "#app/models/organisation.server.ts";
import { appendTrailEvent } from "#app/models/trail.server.ts";
import { recordSignIn } from "./sign-in.server.ts";
import { ipKey, ipPolicy, recordFailure, throttleWait } from "./throttle.server.ts";
import { hashToken } from "./tokens.server.ts";

/**
 * Single sign-on with the organisation's OpenID Provider: the authorization code flow with
 * PKCE, state and nonce, through openid-client. The attempt is bound to the browser that began
 * it (it holds the only copy of the token its row is kept under) and is taken once.
 */

const ATTEMPT_MS = 10 * 60 * 1000;
/** How far the provider's clock may be behind ours when it says when the person signed in. */
const CLOCK_SKEW_MS = 30 * 1000;
const DISCOVERY_MS = 5 * 60 * 1000;

export type SignOnFailure =
  | SignOnRefusal
  | "providerDown"
  | "expired"
  | "rejected"
  | "cancelled"
  | "throttled"
  // A re-authentication answered by someone else, or by a sign-in from before it was asked for.
  | "otherPerson"
  | "notFresh";

const discovered = new Map<string, { at: number; configuration: Promise<oidc.Configuration> }>();

/** The provider's metadata and keys, discovered once every few minutes; a failure is not kept. */
function configurationOf(provider: OidcProvider, now: number): Promise<oidc.Configuration> {
  const key = JSON.stringify([provider.issuer, provider.clientId, provider.clientSecret]);
  const cached = discovered.get(key);
  if (cached && now - cached.at < DISCOVERY_MS) return cached.configuration;
  const configuration = oidc.discovery(new URL(provider.issuer), provider.clientId, provider.clientSecret, undefined, {
    timeout: 10,
  });
  discovered.set(key, { at: now, configuration });
  configuration.catch(() => discovered.delete(key));
  return configuration;
}

const offersRefresh = (configuration: oidc.Configuration) =>
  configuration.serverMetadata().scopes_supported?.includes("offline_access") ?? false;

export type SignOnStart =
  { ok: true; location: string; token: string } | { ok: false; reason: "providerDown" | "throttled"; error?: unknown };

/**
 * Where the browser goes to sign in at the provider, and the token it keeps for the way back.
 * A re-authentication names the signed-in person it must be and what waits for it (an approval):
 * the provider is told to ask for the sign-in again, however recent the last one was.
 */
export async function beginSignOn(
  db: Db,
  provider: OidcProvider,
  input: {
    redirectUri: string;
    redirectTo: string;
    ip: string;
    reauthenticate?: { userId: string; approval: string };
  },
  now = new Date(),
): Promise<SignOnStart> {
  if (throttleWait(db, [ipKey(input.ip)], now) > 0) return { ok: false, reason: "throttled" };
  let configuration: oidc.Configuration;
  try {
    configuration = await configurationOf(provider, now.getTime());
  } catch (error) {
    return { ok: false, reason: "providerDown", error };
  }
  const codeVerifier = oidc.randomPKCECodeVerifier();
  const state = oidc.randomState();
  const nonce = oidc.randomNonce();
  const location = oidc.buildAuthorizationUrl(configuration, {
    redirect_uri: input.redirectUri,
    // Where the provider offers it, a refresh token lets Lots ask it later whether the person
    // may still come in (checkSessionsAtProvider); a re-authentication needs none.
    scope:
      offersRefresh(configuration) && !input.reauthenticate
        ? "openid email profile offline_access"
        : "openid email profile",
    code_challenge: await oidc.calculatePKCECodeChallenge(codeVerifier),
    code_challenge_method: "S256",
    state,
    nonce,
    ...(input.reauthenticate ? { prompt: "login", max_age: "0" } : {}),
  });
  const token = newSecretToken();
  db.delete(signInAttempts).where(lt(signInAttempts.expiresAt, now)).run();
  db.insert(signInAttempts)
    .values({
      id: hashToken(token),
      state,
      nonce,
      codeVerifier,
      redirectTo: input.redirectTo,
      expiresAt: new Date(now.getTime() + ATTEMPT_MS),
      userId: input.reauthenticate?.userId ?? null,
      approval: input.reauthenticate?.approval ?? null,
    })
    .run();
  return { ok: true, location: location.href, token };
}

export type SignOnResult =
  | { ok: true; userId: string; redirectTo: string; approval: string | null; refreshToken: string | null }
  | {
      ok: false;
      reason: SignOnFailure;
      error?: unknown;
      /** A failed re-authentication goes back where it was asked for, still signed in. */
      returnTo?: string;
    };

/**
 * The way back from the provider: the attempt this browser began (taken, so a replay finds
 * nothing), the code exchanged with its verifier, the ID token's signature, issuer, audience,
 * expiry and nonce checked by openid-client, and then the person. Every refusal is throttled
 * by address and on the trail with its reason only.
 */
export async function completeSignOn(
  db: Db,
  settings: SignInSettings,
  input: { token: string | null; callbackUrl: URL; ip: string },
  now = new Date(),
): Promise<SignOnResult> {
  const refuse = (reason: SignOnFailure, error?: unknown): SignOnResult & { ok: false } => {
    recordFailure(db, ipKey(input.ip), ipPolicy, now);
    appendTrailEvent(db, {
      actorId: null,
      type: "session.refused",
      subjectType: "organisation",
      subjectId: organisationId(db),
      at: now,
      data: { method: "oidc", reason },
    });
    return { ok: false, reason, error };
  };
  if (throttleWait(db, [ipKey(input.ip)], now) > 0) return { ok: false, reason: "throttled" };
  // Without this browser's half there is no attempt to refuse: nothing to count or record.
  if (!input.token) return { ok: false, reason: "expired" };
  const attempt = input.token
    ? db
        .delete(signInAttempts)
        .where(eq(signInAttempts.id, hashToken(input.token)))
        .returning()
        .get()
    : undefined;
  if (!attempt || attempt.expiresAt <= now || !settings.provider) return refuse("expired");
  const returnTo = attempt.userId ? attempt.redirectTo : undefined;
  const refuseAttempt = (reason: SignOnFailure, error?: unknown): SignOnResult => ({
    ...refuse(reason, error),
    returnTo,
  });
  if (input.callbackUrl.searchParams.get("error") === "access_denied") return refuseAttempt("cancelled");
  let configuration: oidc.Configuration;
  try {
    configuration = await configurationOf(settings.provider, now.getTime());
  } catch (error) {
    return refuseAttempt("providerDown", error);
  }
  let claims: ProviderClaims;
  let refreshToken: string | null = null;
  try {
    const tokens = await oidc.authorizationCodeGrant(configuration, input.callbackUrl, {
      pkceCodeVerifier: attempt.codeVerifier,
      expectedState: attempt.state,
      expectedNonce: attempt.nonce,
      idTokenExpected: true,
    });
    claims = { ...tokens.claims()! } as ProviderClaims;
    refreshToken = tokens.refresh_token ?? null;
    try {
      // Some providers say more (groups, a verified address) at the userinfo endpoint.
      Object.assign(claims, await oidc.fetchUserInfo(configuration, tokens.access_token, claims.sub), {
        sub: claims.sub,
      });
    } catch {
      // The ID token alone is enough.
    }
  } catch (error) {
    return refuseAttempt("rejected", error);
  }
  const issuer = configuration.serverMetadata().issuer;
  if (attempt.userId) {
    // Confirming who a signed-in person is: the same person, signed in at the provider just now.
    const signedInAt = typeof claims.auth_time === "number" ? claims.auth_time * 1000 : 0;
    if (signedInAt < attempt.expiresAt.getTime() - ATTEMPT_MS - CLOCK_SKEW_MS) return refuseAttempt("notFresh");
    if (identityOwner(db, issuer, claims.sub) !== attempt.userId) return refuseAttempt("otherPerson");
    return {
      ok: true,
      userId: attempt.userId,
      redirectTo: attempt.redirectTo,
      approval: attempt.approval,
      refreshToken: null,
    };
  }
  const person = await personSigningOn(db, settings, issuer, claims, now);
  if (!person.ok) return refuse(person.reason);
  recordSignIn(db, person.userId, { method: "oidc" }, now);
  return { ok: true, userId: person.userId, redirectTo: attempt.redirectTo, approval: null, refreshToken };
}

/** How often an open session is checked at the provider. */
export const PROVIDER_CHECK_MS = 5 * 60 * 1000;

/**
 * Open sessions signed in at the provider, asked about again: each one's refresh token is
 * exchanged, and a provider that no longer accepts it (the person removed, disabled or
 * signed out there) ends the session. A provider that cannot be reached changes nothing: the
 * session's own limits still hold. Answers whom it ended sessions of, so their sockets close too.
 */
export async function checkSessionsAtProvider(db: Db, settings: SignInSettings, now = new Date()): Promise<string[]> {
  if (!settings.provider) return [];
  const due = db
    .select({ id: sessions.id, userId: sessions.userId, refreshToken: sessions.providerRefreshToken })
    .from(sessions)
    .where(
      and(
        isNotNull(sessions.providerRefreshToken),
        lt(sessions.providerCheckedAt, new Date(now.getTime() - PROVIDER_CHECK_MS)),
      ),
    )
    .all();
  if (due.length === 0) return [];
  let configuration: oidc.Configuration;
  try {
    configuration = await configurationOf(settings.provider, now.getTime());
  } catch {
    return [];
  }
  const ended: string[] = [];
  for (const session of due) {
    try {
      const tokens = await oidc.refreshTokenGrant(configuration, session.refreshToken!);
      db.update(sessions)
        .set({ providerRefreshToken: tokens.refresh_token ?? session.refreshToken, providerCheckedAt: now })
        .where(eq(sessions.id, session.id))
        .run();
    } catch (error) {
      if (!(error instanceof oidc.ResponseBodyError) || error.error !== "invalid_grant") continue;
      writeTransaction(db, (tx) => {
        tx.delete(sessions).where(eq(sessions.id, session.id)).run();
        appendTrailEvent(tx, {
          actorId: null,
          type: "session.endedAtProvider",
          subjectType: "user",
          subjectId: session.userId,
          at: now,
          data: { method: "oidc" },
        });
      });
      ended.push(session.userId);
    }
  }
  return ended;
}

const cookieOptions = { httpOnly: true, sameSite: "lax", path: "/login/sso", maxAge: ATTEMPT_MS / 1000 } as const;
const plainCookie = createCookie("lots_sso", cookieOptions);
const secureCookie = createCookie("lots_sso", { ...cookieOptions, secure: true });

/**
 * The browser's half of an attempt. Lax, so it comes back on the provider's top-level redirect;
 * scoped to the sign-on paths, so no other request carries it.
 */
export const signOnCookie = (secure: boolean) => (secure ? secureCookie : plainCookie);

/** Where the provider sends the browser back: from configuration, never from the request. */
export const callbackUrlFor = (origin: string) => `${origin}/login/sso/callback`;
