import { request } from "node:http";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { http, signUp, startTestServer, type TestServer } from "../testing/server.ts";
import { UNLIMITED } from "../testing/team.ts";

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer({
    ...UNLIMITED,
    LEADPANE_CORS_ORIGINS: "https://crm.example.test",
    LEADPANE_EXTENSION_IDS: "abcdefghijklmnopabcdefghijklmnop, 6f1b2c3d-0000-4000-8000-123456789abc",
  });
});
afterAll(async () => server.close());

function preflight(origin: string) {
  return fetch(`${server.url}/v1/leads`, {
    method: "OPTIONS",
    headers: {
      origin,
      "access-control-request-method": "POST",
      "access-control-request-headers": "authorization, content-type",
    },
  });
}

/**
 * Announces a body of `bytes` and sends only its start: the server must answer 413 from the
 * Content-Length alone. (fetch cannot test this reliably: it reports an error when the server
 * answers and closes before the client finished uploading.)
 */
function announceLargeBody(url: string, token: string, bytes: number): Promise<{ status: number; body: unknown }> {
  return new Promise((resolve, reject) => {
    const req = request(
      url,
      {
        method: "POST",
        headers: {
          authorization: `Bearer ${token}`,
          "content-type": "application/json",
          "content-length": String(bytes),
        },
      },
      (res) => {
        let text = "";
        res.on("data", (chunk: Buffer) => (text += chunk.toString()));
        res.on("end", () => {
          req.destroy();
          resolve({ status: res.statusCode ?? 0, body: JSON.parse(text) });
        });
      },
    );
    req.on("error", (error) => (error.message.includes("socket hang up") ? undefined : reject(error)));
    req.write(`{"name":"${"x".repeat(1024)}`);
  });
}

describe("CORS", () => {
  it("allows the configured extension ids' origins and configured origins, and no other", async () => {
    for (const origin of [
      "chrome-extension://abcdefghijklmnopabcdefghijklmnop",
      "moz-extension://6f1b2c3d-0000-4000-8000-123456789abc",
      "https://crm.example.test",
    ]) {
      const res = await preflight(origin);
      expect(res.status).toBe(204);
      expect(res.headers.get("access-control-allow-origin")).toBe(origin);
      expect(res.headers.get("access-control-allow-headers")?.toLowerCase()).toContain("authorization");
    }
    for (const origin of [
      "https://evil.test",
      "https://crm.example.test.evil.test",
      "chrome-extension://x/../evil",
      // Another extension than the product's (issue 14).
      "chrome-extension://ponmlkjihgfedcbaponmlkjihgfedcba",
      "moz-extension://00000000-0000-4000-8000-000000000000",
      "null",
    ]) {
      const res = await preflight(origin);
      expect(res.headers.get("access-control-allow-origin")).toBeNull();
      const get = await fetch(`${server.url}/v1/openapi.json`, { headers: { origin } });
      expect(get.headers.get("access-control-allow-origin")).toBeNull();
    }
  });

  it("lets the extension read Retry-After", async () => {
    const res = await fetch(`${server.url}/v1/openapi.json`, {
      headers: { origin: "chrome-extension://abcdefghijklmnopabcdefghijklmnop" },
    });
    expect(res.headers.get("access-control-expose-headers")).toContain("Retry-After");
  });

  it("sets the CORS headers on an allowed origin's answers, errors included, after the route has answered", async () => {
    const { token } = await signUp(server.url);
    const origin = "https://crm.example.test";
    for (const authorization of [`Bearer ${token}`, "Bearer not-a-valid-token"]) {
      const res = await fetch(`${server.url}/v1/me`, { headers: { origin, authorization } });
      expect(res.status).toBe(authorization.includes(token) ? 200 : 401);
      expect(res.headers.get("access-control-allow-origin")).toBe(origin);
      expect(res.headers.get("access-control-expose-headers")).toContain("Retry-After");
      expect(res.headers.get("vary")).toContain("Origin");
      expect(res.headers.get("cache-control")).toBe("no-store");
      await res.arrayBuffer();
    }
  });
});

describe("responses", () => {
  it("carry security headers and are never cached", async () => {
    const { token } = await signUp(server.url);
    const res = await http(server.url, token)("GET", "/v1/me");
    expect(res.headers.get("x-content-type-options")).toBe("nosniff");
    expect(res.headers.get("x-frame-options")).toBe("SAMEORIGIN");
    expect(res.headers.get("strict-transport-security")).toContain("max-age");
    expect(res.headers.get("referrer-policy")).toBe("no-referrer");
    expect(res.headers.get("cache-control")).toBe("no-store");
    expect(res.headers.get("x-powered-by")).toBeNull();
  });

  it("answer bad input in the contract's error shape: invalid JSON, too large, unknown route", async () => {
    const { token } = await signUp(server.url);
    const api = http(server.url, token);
    const broken = await api("POST", "/v1/leads", "{not json");
    expect(broken).toMatchObject({
      status: 400,
      body: { error: { code: "invalid_json", message: expect.any(String) } },
    });
    const huge = await announceLargeBody(`${server.url}/v1/leads`, token, 3 * 1024 * 1024);
    expect(huge).toMatchObject({ status: 413, body: { error: { code: "payload_too_large" } } });
    expect((await api("GET", "/v1/nothing-here")).body).toEqual({
      error: { code: "not_found", message: expect.any(String) },
    });
    const invalid = await api("POST", "/v1/leads", { name: 5 });
    expect(invalid.body.error.issues[0]).toEqual({
      path: ["name"],
      message: expect.any(String),
      code: expect.any(String),
    });
  });

  it("hide internals on an unexpected failure: no stack, SQL or personal data in the response or the log", async () => {
    const broken = await startTestServer({ ...UNLIMITED, LEADPANE_LOG: "json" });
    const errors = vi.spyOn(console, "error").mockImplementation(() => undefined);
    const logs = vi.spyOn(console, "log").mockImplementation(() => undefined);
    try {
      const owner = await signUp(broken.url, "Broken", "secret.person@acme.test");
      await broken.database.client.execute("drop table audit_log");
      const res = await http(broken.url, owner.token)("POST", "/v1/invites", {
        role: "member",
        email: "invitee@acme.test",
      });
      expect(res.status).toBe(500);
      expect(res.body).toEqual({ error: { code: "internal", message: "Internal error" } });
      const logged = [...errors.mock.calls, ...logs.mock.calls].map((call) => call.join(" ")).join("\n");
      expect(logged).toContain('"msg":"unhandled"');
      for (const secret of ["invitee@acme.test", "secret.person@acme.test", owner.token, "insert into"])
        expect(logged).not.toContain(secret);
    } finally {
      errors.mockRestore();
      logs.mockRestore();
      await broken.close();
    }
  });
});

describe("request logs", () => {
  it("write one JSON line per request with the route pattern, never tokens, emails or invite codes", async () => {
    const logged = await startTestServer({ ...UNLIMITED, LEADPANE_LOG: "json" });
    const lines: string[] = [];
    const spy = vi.spyOn(console, "log").mockImplementation((...args: unknown[]) => void lines.push(args.join(" ")));
    try {
      const owner = await signUp(logged.url, "Logged", "olivia.private@acme.test");
      const api = http(logged.url, owner.token);
      const lead = (await api("POST", "/v1/leads", { name: "Jane Private", emails: ["jane.private@globex.test"] }))
        .body;
      await api("GET", `/v1/lookup?email=${encodeURIComponent("jane.private@globex.test")}`);
      await api("GET", `/v1/leads/${lead.id}`);
      const code = (await api("POST", "/v1/invites", { role: "member", email: "bob.private@acme.test" })).body.code;
      const joined = (
        await http(logged.url)("POST", "/v1/invites/accept", { code, name: "Bob", email: "bob.private@acme.test" })
      ).body;
      await http(logged.url, "lp_not-a-real-token-123")("GET", "/v1/me");
      await api("GET", `/v1/privacy/export?email=${encodeURIComponent("jane.private@globex.test")}`);

      expect(lines.length).toBeGreaterThanOrEqual(8);
      const entries = lines.map((line) => JSON.parse(line) as Record<string, unknown>);
      for (const entry of entries)
        expect(Object.keys(entry).sort()).toEqual(["at", "member", "method", "ms", "route", "status"]);
      expect(entries.map((e) => e.route)).toEqual(
        expect.arrayContaining(["/v1/lookup", "/v1/leads/:id", "/v1/invites/accept", "/v1/privacy/export"]),
      );
      expect(entries.find((e) => e.status === 401)).toMatchObject({ route: "/v1/me", member: null });
      const all = lines.join("\n");
      for (const secret of [owner.token, joined.token, code, "lp_not-a-real-token", "private@", "Jane Private"])
        expect(all).not.toContain(secret);
    } finally {
      spy.mockRestore();
      await logged.close();
    }
  });
});
