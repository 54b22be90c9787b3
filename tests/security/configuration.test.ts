import { describe, expect, it } from "vitest";
import { loadConfig } from "#app/config.server.ts";

/** Absolute links come from configuration only, so a configuration that cannot give them is refused. */
describe("configuration", () => {
  it("refuses mail without a public URL, and says what to set", () => {
    expect(() => loadConfig({ LOTS_SMTP_URL: "smtp://mail.example.se" })).toThrow(/LOTS_PUBLIC_URL/);
    expect(() =>
      loadConfig({ LOTS_SMTP_URL: "smtp://mail.example.se", LOTS_PUBLIC_URL: "https://lots.example.se" }),
    ).not.toThrow();
  });

  it("refuses a proxy without a public URL", () => {
    expect(() => loadConfig({ LOTS_TRUST_PROXY: "1" })).toThrow(/LOTS_PUBLIC_URL/);
  });

  it("serves loopback, the public URL's host and named hosts, and nothing else", () => {
    const config = loadConfig({
      LOTS_PUBLIC_URL: "https://Lots.Example.se/",
      HOST: "0.0.0.0",
      LOTS_ALLOWED_HOSTS: "lots.intern, 10.1.2.3",
    });
    expect([...config.servedHosts].sort()).toEqual(
      ["127.0.0.1", "10.1.2.3", "[::1]", "localhost", "lots.example.se", "lots.intern"].sort(),
    );
    expect(loadConfig({ HOST: "192.168.1.5" }).servedHosts.has("192.168.1.5")).toBe(true);
    expect(loadConfig({}).servedHosts.has("evil.example")).toBe(false);
  });

  it("has session limits of ASVS Level 2 by default", () => {
    expect(loadConfig({}).session).toEqual({ idleMs: 30 * 60_000, maxMs: 12 * 3_600_000 });
    expect(loadConfig({ LOTS_SESSION_IDLE_MINUTES: "240", LOTS_SESSION_MAX_HOURS: "24" }).session).toEqual({
      idleMs: 240 * 60_000,
      maxMs: 24 * 3_600_000,
    });
  });
});
