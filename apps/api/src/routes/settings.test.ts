import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { newId } from "@leadpane/domain";
import { PROTOCOL_VERSION } from "@leadpane/domain/sync";
import { http, signUp, startTestServer, type TestServer } from "../testing/server.ts";

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => server.close());

describe("workspace settings", () => {
  it("lets an admin change region, currency and pipeline, which clients pull", async () => {
    const { token } = await signUp(server.url);
    const api = http(server.url, token);
    expect((await api("GET", "/v1/workspace/settings")).body).toMatchObject({ defaultRegion: "US", currency: "USD" });
    const pipeline = [
      { key: "new", label: "New", probability: 0.1 },
      { key: "demo", label: "Demo", probability: 0.4 },
      { key: "won", label: "Won", probability: 1, terminal: "won" },
      { key: "lost", label: "Lost", probability: 0, terminal: "lost" },
    ];
    const res = await api("PATCH", "/v1/workspace/settings", { defaultRegion: "DE", currency: "EUR", pipeline });
    expect(res.status).toBe(200);
    expect(res.body.pipeline.map((s: { key: string }) => s.key)).toEqual(["new", "demo", "won", "lost"]);
    const pulled = await api("GET", `/v1/sync/pull?protocolVersion=${PROTOCOL_VERSION}&clientId=${newId()}`);
    expect(pulled.body.settings).toMatchObject({ defaultRegion: "DE", currency: "EUR" });
    // Phones now parse in the new region.
    const lead = await api("POST", "/v1/leads", { name: "Jonas", phones: ["030 1234567"] });
    expect(lead.body.phones).toEqual(["+49301234567"]);
  });

  it("refuses invalid settings, non-admins, and removing a stage that holds deals", async () => {
    const owner = await signUp(server.url);
    const api = http(server.url, owner.token);
    expect((await api("PATCH", "/v1/workspace/settings", { currency: "euro" })).status).toBe(400);
    expect(
      (await api("PATCH", "/v1/workspace/settings", { pipeline: [{ key: "x", label: "X", probability: 2 }] })).status,
    ).toBe(400);
    expect((await api("PATCH", "/v1/workspace/settings", { unknown: true })).status).toBe(400);
    await api("POST", "/v1/deals", { title: "Big one", stage: "proposal", amount: 100 });
    const withoutProposal = [
      { key: "qualification", label: "Qualification", probability: 0.1 },
      { key: "won", label: "Won", probability: 1, terminal: "won" },
      { key: "lost", label: "Lost", probability: 0, terminal: "lost" },
    ];
    const refused = await api("PATCH", "/v1/workspace/settings", { pipeline: withoutProposal });
    expect(refused.status).toBe(409);
    expect(
      (await api("GET", "/v1/workspace/settings")).body.pipeline.some((s: { key: string }) => s.key === "proposal"),
    ).toBe(true);
    const code = (await api("POST", "/v1/invites", { role: "member" })).body.code;
    const member = (await http(server.url)("POST", "/v1/invites/accept", { code, name: "Mo", email: "mo@x.test" }))
      .body;
    expect((await http(server.url, member.token)("PATCH", "/v1/workspace/settings", { currency: "EUR" })).status).toBe(
      403,
    );
    expect((await http(server.url, member.token)("GET", "/v1/workspace/settings")).status).toBe(200);
  });
});
