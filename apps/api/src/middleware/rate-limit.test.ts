import { afterEach, describe, expect, it } from "vitest";
import { http, signUp, startTestServer, type TestServer } from "../testing/server.ts";
import { createLimiter } from "./rate-limit.ts";

const servers: TestServer[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.close()));
});
async function serverWith(env: Parameters<typeof startTestServer>[0]) {
  const server = await startTestServer(env);
  servers.push(server);
  return server;
}

describe("createLimiter", () => {
  it("allows a burst of `capacity`, then refills over the window and says when to retry", () => {
    const limiter = createLimiter({ capacity: 2, windowMs: 2000 });
    expect(limiter.take("a", 0)).toEqual({ ok: true });
    expect(limiter.take("a", 0)).toEqual({ ok: true });
    expect(limiter.take("a", 0)).toEqual({ ok: false, retryAfterSeconds: 1 });
    expect(limiter.take("b", 0)).toEqual({ ok: true });
    expect(limiter.check("a", 500)).toEqual({ ok: false, retryAfterSeconds: 1 });
    expect(limiter.take("a", 1000)).toEqual({ ok: true });
    expect(limiter.take("a", 1000).ok).toBe(false);
  });

  it("is off at capacity 0 and forgets the stalest keys beyond maxKeys", () => {
    const off = createLimiter({ capacity: 0, windowMs: 1000 });
    for (let i = 0; i < 100; i++) expect(off.take("x").ok).toBe(true);
    const small = createLimiter({ capacity: 1, windowMs: 60_000, maxKeys: 3 });
    for (const key of ["a", "b", "c", "d", "e"]) small.take(key, 0);
    expect(small.size).toBe(3);
    // "a" was forgotten, so it has a fresh budget; "e" has spent its own.
    expect(small.take("a", 0).ok).toBe(true);
    expect(small.take("e", 0).ok).toBe(false);
  });
});

describe("rate limits over HTTP", () => {
  it("limits each token on its own, with 429 and Retry-After", async () => {
    const server = await serverWith({ LEADPANE_RATE_LIMIT_PER_TOKEN: 5, LEADPANE_RATE_LIMIT_PER_IP: 0 });
    const a = await signUp(server.url, "A", "a@a.test");
    const b = await signUp(server.url, "B", "b@b.test");
    for (let i = 0; i < 5; i++) expect((await http(server.url, a.token)("GET", "/v1/me")).status).toBe(200);
    const limited = await http(server.url, a.token)("GET", "/v1/me");
    expect(limited.status).toBe(429);
    expect(limited.body).toEqual({ error: { code: "rate_limited", message: expect.any(String) } });
    expect(Number(limited.headers.get("retry-after"))).toBeGreaterThanOrEqual(1);
    expect((await http(server.url, b.token)("GET", "/v1/me")).status).toBe(200);
  });

  it("limits each client IP by every request; trusts X-Forwarded-For only behind configured proxies", async () => {
    const direct = await serverWith({ LEADPANE_RATE_LIMIT_PER_IP: 3 });
    const spoof = (i: number) => ({ "x-forwarded-for": `203.0.113.${i}` });
    for (let i = 0; i < 3; i++)
      expect((await http(direct.url)("GET", "/v1/openapi.json", undefined, spoof(i))).status).toBe(200);
    const limited = await http(direct.url)("GET", "/v1/openapi.json", undefined, spoof(9));
    expect(limited.status).toBe(429);
    expect(limited.headers.get("retry-after")).toMatch(/^\d+$/);
    // Liveness checks are never limited.
    expect((await http(direct.url)("GET", "/healthz")).status).toBe(200);

    const proxied = await serverWith({ LEADPANE_RATE_LIMIT_PER_IP: 3, LEADPANE_TRUST_PROXY: 1 });
    for (let i = 0; i < 6; i++)
      expect((await http(proxied.url)("GET", "/v1/openapi.json", undefined, spoof(i))).status).toBe(200);
    for (let i = 0; i < 3; i++)
      await http(proxied.url)("GET", "/v1/openapi.json", undefined, {
        "x-forwarded-for": "198.51.100.7, 203.0.113.50",
      });
    expect(
      (await http(proxied.url)("GET", "/v1/openapi.json", undefined, { "x-forwarded-for": "1.2.3.4, 203.0.113.50" }))
        .status,
    ).toBe(429);
  });

  it("throttles an IP's failed sign-ins and its invite codes after repeated failures; a valid token still passes", async () => {
    const server = await serverWith({ LEADPANE_AUTH_FAILURES_PER_IP: 3, LEADPANE_RATE_LIMIT_PER_IP: 0 });
    const owner = await signUp(server.url);
    expect((await http(server.url, "lp_wrong-token-0001")("GET", "/v1/me")).status).toBe(401);
    expect((await http(server.url, "lp_wrong-token-0002")("GET", "/v1/me")).status).toBe(401);
    expect(
      (
        await http(server.url)("POST", "/v1/invites/accept", {
          code: "AAAA-BBBB-CCCC",
          name: "Guess",
          email: "g@x.test",
        })
      ).status,
    ).toBe(404);
    // A valid token is never refused for the failures of others behind the same address (issue 14).
    expect((await http(server.url, owner.token)("GET", "/v1/me")).status).toBe(200);
    const throttled = await http(server.url, "lp_wrong-token-0003")("GET", "/v1/me");
    expect(throttled.status).toBe(429);
    expect(throttled.body.error.code).toBe("rate_limited");
    expect(Number(throttled.headers.get("retry-after"))).toBeGreaterThan(1);
    const guessing = await http(server.url)("POST", "/v1/invites/accept", {
      code: "AAAA-BBBB-DDDD",
      name: "Guess",
      email: "g@x.test",
    });
    expect(guessing.status).toBe(429);
    // A missing header is a client bug, not a guess: it does not count.
    const other = await serverWith({ LEADPANE_AUTH_FAILURES_PER_IP: 1 });
    for (let i = 0; i < 3; i++) expect((await http(other.url)("GET", "/v1/me")).status).toBe(401);
  });
});
