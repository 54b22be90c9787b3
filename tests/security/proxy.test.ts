import http from "node:http";
import type { AddressInfo } from "node:net";
import express from "express";
import { describe, expect, it } from "vitest";
import { parseTrustProxy } from "#app/config.server.ts";

/**
 * The class behind forged X-Forwarded-For minting fresh throttle keys: the client address must
 * be the one the trusted proxies saw, whatever a client writes into the header itself.
 * Express's own `trust proxy` reads the header, configured as Lots configures it.
 */
async function clientIpSeen(trust: string, forwardedFor: string | undefined): Promise<string> {
  const app = express();
  app.set("trust proxy", parseTrustProxy(trust));
  app.get("/", (req, res) => void res.send(req.ip));
  const server = http.createServer(app);
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  const headers: Record<string, string> = forwardedFor === undefined ? {} : { "X-Forwarded-For": forwardedFor };
  const text = await fetch(`http://127.0.0.1:${port}/`, { headers }).then((r) => r.text());
  server.close();
  return text;
}

describe("client addresses behind a proxy", () => {
  // One proxy appends the address it saw (here 203.0.113.7) to whatever the client sent.
  const forged = ["1.2.3.4", "1.2.3.4, 5.6.7.8", "127.0.0.1", "10.0.0.1, 10.0.0.2, 10.0.0.3", "garbage", "::1"];
  it.each(forged)("one trusted hop reads the proxy's own entry, not the client's %j", async (prefix) => {
    expect(await clientIpSeen("1", `${prefix}, 203.0.113.7`)).toBe("203.0.113.7");
  });

  it("a list of proxy addresses trusts only those", async () => {
    expect(await clientIpSeen("127.0.0.1", "1.2.3.4, 203.0.113.7")).toBe("203.0.113.7");
    expect(await clientIpSeen("192.0.2.1", "1.2.3.4")).toBe("127.0.0.1");
  });

  it("without a proxy the header is ignored", async () => {
    expect(await clientIpSeen("0", "1.2.3.4")).toBe("127.0.0.1");
  });

  it('"true", once "every hop", now means one hop', () => {
    expect(parseTrustProxy("true")).toBe(1);
    expect(parseTrustProxy("2")).toBe(2);
    expect(parseTrustProxy("0")).toBe(false);
    expect(parseTrustProxy("10.0.0.1, 10.0.0.2")).toEqual(["10.0.0.1", "10.0.0.2"]);
  });
});
