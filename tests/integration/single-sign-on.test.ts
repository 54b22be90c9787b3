import { eq } from "drizzle-orm";
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { createSession } from "#app/auth/sessions.server.ts";
import {
  beginSignOn,
  checkSessionsAtProvider,
  completeSignOn,
  PROVIDER_CHECK_MS,
} from "#app/auth/single-sign-on.server.ts";
import { addSignInRule, getSignInSettings, saveSignInSettings } from "#app/models/sign-in-settings.server.ts";
import { createUnit } from "#app/models/units.server.ts";
import { changeUserRole, findUserByEmail, setUserActive, type User } from "#app/models/users.server.ts";
import type { DbConnection } from "#db/client.ts";
import { sessions, signInAttempts, trailEvents, users } from "#db/schema/index.ts";
import { createTestDb, makeUser } from "#tests/fixtures/db.ts";
import * as oidc from "openid-client";
import {
  OTHER_CLIENT_ID,
  signInAtProvider,
  startTestProvider,
  TEST_CLIENT_SECRET,
  type TestProvider,
} from "#tests/fixtures/oidc-provider.ts";

const REDIRECT = "http://127.0.0.1:3999/login/sso/callback";
let provider: TestProvider;
let db: DbConnection;
let admin: User;
let ip = 0;

beforeAll(async () => {
  provider = await startTestProvider([REDIRECT]);
  provider.accounts.set("anna", {
    email: "anna@vardcentralen.se",
    email_verified: true,
    name: "Anna Andersson",
    groups: ["lots-kvalitet", "alla"],
  });
  provider.accounts.set("olle", { email: "olle@gmail.com", email_verified: true, name: "Olle", groups: [] });
  provider.accounts.set("ulla", { email: "ulla@vardcentralen.se", email_verified: false, name: "Ulla", groups: [] });
});

afterAll(() => provider.close());

beforeEach(async () => {
  db = createTestDb();
  admin = await makeUser(db, { role: "admin" });
});

/** The organisation's settings, with the test provider given as the environment would give it. */
const settings = (issuer = provider.issuer) =>
  getSignInSettings(db, { issuer, clientId: provider.clientId, clientSecret: provider.clientSecret });

function configure(extra: Partial<Parameters<typeof saveSignInSettings>[2]> = {}) {
  saveSignInSettings(db, admin, {
    issuer: "",
    clientId: "",
    clientSecret: "",
    allowedDomains: ["vardcentralen.se"],
    buttonLabel: "",
    defaultRole: "staff",
    defaultUnitId: null,
    groupsClaim: "groups",
    passwordSignIn: "everyone",
    breakGlassUserIds: [],
    secondFactorRoles: [],
    ...extra,
  });
}

/** One whole sign-in as `login`, from "Sign in with …" to the callback; `tamper` changes the way back. */
async function signOn(login: string, tamper: (callback: URL) => URL = (c) => c) {
  // Each attempt from its own address, so the throttle of one test never answers another.
  const address = `10.9.0.${++ip}`;
  const begun = await beginSignOn(db, settings().provider!, {
    redirectUri: REDIRECT,
    redirectTo: "/start",
    ip: address,
  });
  if (!begun.ok) throw new Error(begun.reason);
  const callbackUrl = tamper(await signInAtProvider(begun.location, login, REDIRECT));
  const result = await completeSignOn(db, settings(), { token: begun.token, callbackUrl, ip: address });
  return { ...result, token: begun.token, callbackUrl, address };
}

const trailTypes = () =>
  db
    .select({ type: trailEvents.type, data: trailEvents.data })
    .from(trailEvents)
    .all()
    .filter((e) => e.type.startsWith("session.") || e.type === "user.roleMapped");

describe("single sign-on against a real OpenID Provider", () => {
  it("creates a person of an allowed domain at first sign-in with the role their group gives, and a group taken away demotes them", async () => {
    const kvalitet = createUnit(db, admin, { name: "Kvalitetsenheten", parentId: null }).id;
    configure();
    addSignInRule(db, admin, { value: "lots-kvalitet", role: "quality_manager", unitId: kvalitet });
    const first = await signOn("anna");
    expect(first).toMatchObject({ ok: true, redirectTo: "/start" });
    const anna = findUserByEmail(db, "anna@vardcentralen.se")!;
    expect([anna.name, anna.role, anna.unitId]).toEqual(["Anna Andersson", "quality_manager", kvalitet]);

    provider.accounts.get("anna")!.groups = ["alla"];
    expect((await signOn("anna")).ok).toBe(true);
    expect(findUserByEmail(db, "anna@vardcentralen.se")).toMatchObject({ role: "staff", unitId: null });
    const events = trailTypes();
    expect(events.filter((e) => e.type === "session.signedIn")).toHaveLength(2);
    // Once raised by the rule at first sign-in, once demoted when the group was gone.
    expect(events.filter((e) => e.type === "user.roleMapped")).toHaveLength(2);
    // The trail says which rule and what role, never the groups or the address.
    expect(JSON.stringify(events)).not.toMatch(/lots-kvalitet|vardcentralen|anna/i);
  });

  it("matches a person already here by a verified address, and leaves the role an administrator gave while no rule speaks", async () => {
    configure();
    const existing = await makeUser(db, { email: "anna@vardcentralen.se", role: "process_owner" });
    expect(await signOn("anna")).toMatchObject({ ok: true, userId: existing.id });
    expect(findUserByEmail(db, "anna@vardcentralen.se")!.role).toBe("process_owner");
    changeUserRole(db, admin, existing.id, { role: "auditor", unitId: null, accessExpiresAt: null });
    addSignInRule(db, admin, { value: "nobody-has-this", role: "admin", unitId: null });
    await signOn("anna");
    expect(findUserByEmail(db, "anna@vardcentralen.se")!.role).toBe("auditor");
  });

  it("refuses an address the provider does not vouch for, a domain not allowed and a deactivated person, creating no one", async () => {
    configure();
    expect(await signOn("ulla")).toMatchObject({ ok: false, reason: "emailNotVerified" });
    expect(await signOn("olle")).toMatchObject({ ok: false, reason: "domainNotAllowed" });
    const anna = await signOn("anna");
    setUserActive(db, admin, anna.ok ? anna.userId : "", false);
    expect(await signOn("anna")).toMatchObject({ ok: false, reason: "inactive" });
    expect(
      db
        .select()
        .from(users)
        .all()
        .map((u) => u.email),
    ).not.toContain("olle@gmail.com");
    expect(
      trailTypes()
        .filter((e) => e.type === "session.refused")
        .map((e) => JSON.parse(e.data).reason),
    ).toEqual(["emailNotVerified", "domainNotAllowed", "inactive"]);
  });

  it("refuses a state that does not match, a nonce that does not match, a replayed callback and an attempt another browser began", async () => {
    configure();
    const tampered = await signOn("anna", (callback) => {
      callback.searchParams.set("state", "someone-elses-state");
      return callback;
    });
    expect(tampered).toMatchObject({ ok: false, reason: "rejected" });

    // The attempt row is changed under the flow: the ID token's nonce no longer matches it.
    const begun = await beginSignOn(db, settings().provider!, {
      redirectUri: REDIRECT,
      redirectTo: "/start",
      ip: "10.8.0.1",
    });
    if (!begun.ok) throw new Error(begun.reason);
    const callbackUrl = await signInAtProvider(begun.location, "anna", REDIRECT);
    db.update(signInAttempts).set({ nonce: "another-nonce" }).run();
    expect(await completeSignOn(db, settings(), { token: begun.token, callbackUrl, ip: "10.8.0.1" })).toMatchObject({
      ok: false,
      reason: "rejected",
    });

    const done = await signOn("anna");
    expect(done.ok).toBe(true);
    // The same callback again: the attempt was taken the first time.
    expect(
      await completeSignOn(db, settings(), { token: done.token, callbackUrl: done.callbackUrl, ip: done.address }),
    ).toMatchObject({ ok: false, reason: "expired" });
    // Without this browser's token, the provider's answer leads nowhere.
    const other = await beginSignOn(db, settings().provider!, {
      redirectUri: REDIRECT,
      redirectTo: "/start",
      ip: "10.8.0.2",
    });
    if (!other.ok) throw new Error(other.reason);
    const answer = await signInAtProvider(other.location, "anna", REDIRECT);
    expect(
      await completeSignOn(db, settings(), { token: "not-this-browsers", callbackUrl: answer, ip: "10.8.0.2" }),
    ).toMatchObject({
      ok: false,
      reason: "expired",
    });
    expect(db.select().from(users).where(eq(users.email, "anna@vardcentralen.se")).all()).toHaveLength(1);
  });

  it("refuses a provider that answers as another issuer, and one that is down, without a crash", async () => {
    configure();
    const wrongIssuer = provider.issuer.replace("127.0.0.1", "localhost");
    const begun = await beginSignOn(db, settings(wrongIssuer).provider!, {
      redirectUri: REDIRECT,
      redirectTo: "/start",
      ip: "10.7.0.1",
    });
    expect(begun).toMatchObject({ ok: false, reason: "providerDown" });
    expect(String((begun as { error?: Error }).error)).toMatch(/issuer/i);
    const down = await beginSignOn(db, settings("https://127.0.0.1:9/").provider!, {
      redirectUri: REDIRECT,
      redirectTo: "/start",
      ip: "10.7.0.2",
    });
    expect(down).toMatchObject({ ok: false, reason: "providerDown" });
  });

  it("throttles an address that keeps failing, like password guesses", async () => {
    configure();
    for (let i = 0; i < 25; i++) {
      await completeSignOn(db, settings(), { token: `guess-${i}`, callbackUrl: new URL(REDIRECT), ip: "10.6.0.1" });
    }
    expect(
      await completeSignOn(db, settings(), { token: "x", callbackUrl: new URL(REDIRECT), ip: "10.6.0.1" }),
    ).toMatchObject({
      ok: false,
      reason: "throttled",
    });
    expect(
      await beginSignOn(db, settings().provider!, { redirectUri: REDIRECT, redirectTo: "/", ip: "10.6.0.1" }),
    ).toMatchObject({
      ok: false,
      reason: "throttled",
    });
  });

  it("asks the provider about open sessions every few minutes and ends one it no longer lets in; a provider that is down ends nothing", async () => {
    configure();
    provider.accounts.set("bo", { email: "bo@vardcentralen.se", email_verified: true, name: "Bo", groups: [] });
    const signedOn = await signOn("bo");
    if (!signedOn.ok) throw new Error(signedOn.reason);
    expect(signedOn.refreshToken).toBeTruthy();
    const { session } = createSession(db, signedOn.userId, { providerRefreshToken: signedOn.refreshToken });
    const open = () => db.select().from(sessions).where(eq(sessions.id, session.id)).get();
    const after = (checks: number) => new Date(Date.now() + checks * (PROVIDER_CHECK_MS + 1000));

    // Not yet due; then due, and still let in: the session stays, checked.
    expect(await checkSessionsAtProvider(db, settings(), new Date())).toEqual([]);
    const firstCheck = after(1);
    expect(await checkSessionsAtProvider(db, settings(), firstCheck)).toEqual([]);
    expect(open()?.providerCheckedAt).toEqual(firstCheck);

    // IT removes Bo at the provider, while its server is down: nothing is decided.
    provider.accounts.delete("bo");
    expect(await checkSessionsAtProvider(db, settings("https://127.0.0.1:9/"), after(2))).toEqual([]);
    expect(open()).toBeDefined();
    // Reachable again: the provider no longer lets Bo in, and the session ends.
    expect(await checkSessionsAtProvider(db, settings(), after(3))).toEqual([signedOn.userId]);
    expect(open()).toBeUndefined();
    expect(trailTypes().map((e) => e.type)).toContain("session.endedAtProvider");
  });

  it("refuses an ID token the provider signed for another application, even with this attempt's nonce", async () => {
    configure();
    const begun = await beginSignOn(db, settings().provider!, {
      redirectUri: REDIRECT,
      redirectTo: "/start",
      ip: "10.7.0.1",
    });
    if (!begun.ok) throw new Error(begun.reason);
    const { nonce } = db.select({ nonce: signInAttempts.nonce }).from(signInAttempts).get()!;
    const callbackUrl = await signInAtProvider(begun.location, "anna", REDIRECT);

    // Anna signs in to the other application, which (by chance or by design) used the same nonce.
    const other = await oidc.discovery(new URL(provider.issuer), OTHER_CLIENT_ID, TEST_CLIENT_SECRET);
    const verifier = oidc.randomPKCECodeVerifier();
    const otherUrl = oidc.buildAuthorizationUrl(other, {
      redirect_uri: REDIRECT,
      scope: "openid email",
      state: "other-state",
      nonce,
      code_challenge: await oidc.calculatePKCECodeChallenge(verifier),
      code_challenge_method: "S256",
    });
    const otherTokens = await oidc.authorizationCodeGrant(
      other,
      await signInAtProvider(otherUrl.href, "anna", REDIRECT),
      { pkceCodeVerifier: verifier, expectedState: "other-state", expectedNonce: nonce },
    );
    expect(otherTokens.claims()?.aud).toBe(OTHER_CLIENT_ID);

    // On its way to Lots, the token response carries the other application's ID token instead.
    const realFetch = globalThis.fetch;
    vi.stubGlobal("fetch", async (url: string, init?: RequestInit) => {
      const response = await realFetch(url, init);
      if (!url.endsWith("/token")) return response;
      const body = (await response.json()) as Record<string, unknown>;
      return Response.json({ ...body, id_token: otherTokens.id_token }, { status: response.status });
    });
    try {
      const result = await completeSignOn(db, settings(), { token: begun.token, callbackUrl, ip: "10.7.0.1" });
      expect(result).toMatchObject({ ok: false, reason: "rejected" });
      // Refused for its audience, not for anything else about it.
      const why = (result as { error?: { cause?: { message?: string; cause?: { claim?: string } } } }).error?.cause;
      expect(why?.message).toMatch(/"aud" \(audience\)/);
    } finally {
      vi.unstubAllGlobals();
    }
    expect(findUserByEmail(db, "anna@vardcentralen.se")).toBeUndefined();
  });

  it("refuses an ID token that has expired by the time it arrives", async () => {
    configure();
    const begun = await beginSignOn(db, settings().provider!, {
      redirectUri: REDIRECT,
      redirectTo: "/start",
      ip: "10.7.0.2",
    });
    if (!begun.ok) throw new Error(begun.reason);
    const callbackUrl = await signInAtProvider(begun.location, "anna", REDIRECT);
    const sent = new Date();
    const later = sent.getTime() + 2 * 60 * 60 * 1000;
    // The answer reaches Lots two hours late (the provider's ID tokens live for one); the
    // provider, in this same process, answers in its own time.
    const realFetch = globalThis.fetch;
    vi.stubGlobal("fetch", async (url: string, init?: RequestInit) => {
      vi.useRealTimers();
      const response = await realFetch(url, init);
      const body = await response.arrayBuffer();
      vi.useFakeTimers({ toFake: ["Date"], now: later });
      return new Response(body, { status: response.status, headers: response.headers });
    });
    vi.useFakeTimers({ toFake: ["Date"], now: later });
    try {
      const result = await completeSignOn(db, settings(), { token: begun.token, callbackUrl, ip: "10.7.0.2" }, sent);
      expect(result).toMatchObject({ ok: false, reason: "rejected" });
      const why = (result as { error?: { cause?: { message?: string } } }).error?.cause;
      expect(why?.message).toMatch(/"exp"/);
    } finally {
      vi.useRealTimers();
      vi.unstubAllGlobals();
    }
    expect(findUserByEmail(db, "anna@vardcentralen.se")).toBeUndefined();
  });
});
