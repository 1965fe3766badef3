import { describe, expect, it } from "vitest";
import { checkServer, describeAnswer, describeUnreachable, normalizeServerUrl } from "./server-address.ts";

describe("normalizeServerUrl", () => {
  it("adds the missing scheme: http:// on this computer and the local network, https:// elsewhere", () => {
    expect(normalizeServerUrl("127.0.0.1:8787")).toEqual({ ok: true, url: "http://127.0.0.1:8787", addedScheme: true });
    expect(normalizeServerUrl(" localhost:9000/ ")).toEqual({
      ok: true,
      url: "http://localhost:9000",
      addedScheme: true,
    });
    expect(normalizeServerUrl("192.168.1.20:8787")).toMatchObject({ url: "http://192.168.1.20:8787" });
    expect(normalizeServerUrl("crm.example.com")).toEqual({
      ok: true,
      url: "https://crm.example.com",
      addedScheme: true,
    });
    expect(normalizeServerUrl("https://crm.example.com/leadpane/")).toEqual({
      ok: true,
      url: "https://crm.example.com/leadpane",
      addedScheme: false,
    });
  });

  it("drops the API's own /v1 path: the server's address is what comes before it", () => {
    // Typed with /v1, "Test connection" said Connected and sign-in then failed on /v1/v1/workspaces.
    expect(normalizeServerUrl("http://127.0.0.1:8911/v1")).toEqual({
      ok: true,
      url: "http://127.0.0.1:8911",
      addedScheme: false,
    });
    expect(normalizeServerUrl("https://crm.example.com/leadpane/v1/openapi.json")).toMatchObject({
      url: "https://crm.example.com/leadpane",
    });
    expect(normalizeServerUrl("https://crm.example.com/v1team")).toMatchObject({
      url: "https://crm.example.com/v1team",
    });
  });

  it("refuses what is not a web address, in plain words", () => {
    expect(normalizeServerUrl("")).toMatchObject({ ok: false, message: expect.stringMatching(/^Enter the server/) });
    expect(normalizeServerUrl("ftp://files.example.com")).toMatchObject({
      ok: false,
      message: expect.stringContaining("must start with http:// or https://"),
    });
    expect(normalizeServerUrl("my server")).toMatchObject({
      ok: false,
      message: "“my server” is not a web address: use one like http://127.0.0.1:8787",
    });
  });
});

describe("describeUnreachable", () => {
  it("names the likely cause from the address", () => {
    expect(describeUnreachable("http://127.0.0.1:9999", true)).toBe(
      "Nothing answers at 127.0.0.1:9999 — is the server running?",
    );
    expect(describeUnreachable("http://localhost:8787", true)).toBe(
      "Nothing answers at localhost:8787 — is the server running?",
    );
    expect(describeUnreachable("https://leadpne", true)).toBe(
      "No server is known by the name “leadpne”: check the spelling of the address",
    );
    expect(describeUnreachable("https://crm.example.com", true)).toMatch(/^Could not reach crm\.example\.com: check/);
    expect(describeUnreachable("http://127.0.0.1:9999", false)).toMatch(/^This computer is offline/);
  });
});

describe("describeAnswer", () => {
  it("knows a Leadpane server by its own refusal of a request without a token", () => {
    const leadpane = JSON.stringify({ error: { code: "unauthorized", message: "Missing bearer token" } });
    expect(describeAnswer("http://127.0.0.1:8787", 401, "application/json", leadpane)).toEqual({
      ok: true,
      message: "Connected: a Leadpane server answers at 127.0.0.1:8787",
    });
  });

  it("says when something else answers: a web page, another API", () => {
    expect(describeAnswer("https://www.example.com", 200, "text/html; charset=utf-8", "<!doctype html>")).toEqual({
      ok: false,
      message:
        "Something answers at www.example.com, but it is not a Leadpane server (it sent a web page). Check the address and port: use the one npm start printed",
    });
    expect(
      describeAnswer("http://127.0.0.1:3000", 404, "application/json", '{"message":"Not Found"}').message,
    ).toContain("it answered HTTP 404 in another format");
    expect(describeAnswer("http://127.0.0.1:3000", 401, "application/json", '{"error":"nope"}').ok).toBe(false);
  });
});

describe("checkServer", () => {
  const failing = (error: Error) => async () => {
    throw error;
  };
  it("turns fetch's bare 'Failed to fetch' into what is wrong", async () => {
    const refused = await checkServer("127.0.0.1:9999", true, failing(new TypeError("Failed to fetch")));
    expect(refused).toEqual({ ok: false, message: "Nothing answers at 127.0.0.1:9999 — is the server running?" });
    expect(JSON.stringify(refused)).not.toContain("Failed to fetch");
  });

  it("reads who answered, at the address with its scheme added", async () => {
    const seen: string[] = [];
    const check = await checkServer("localhost:8787", true, async (input) => {
      seen.push(String(input instanceof Request ? input.url : input));
      return new Response('{"error":{"code":"unauthorized","message":"no token"}}', {
        status: 401,
        headers: { "content-type": "application/json" },
      });
    });
    expect(seen).toEqual(["http://localhost:8787/v1/me"]);
    expect(check).toEqual({
      ok: true,
      url: "http://localhost:8787",
      message: "Connected: a Leadpane server answers at localhost:8787",
    });
  });
});
